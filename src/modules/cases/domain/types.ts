// The vocabulary of the case engine: states, actions, grades, sources, step limits.
// Pure data shared by the state machine, the SLA arithmetic and the API schemas.

export const CASE_STATES = [
  'reported', // 已上报，待受理
  'verifying', // 核实中（监督员）
  'verified', // 已核实，待立案
  'registered', // 已立案，待派遣
  'dispatched', // 已派遣，待接单
  'accepted', // 已接单，处置中
  'handled', // 已处置，待核查
  'checked', // 已核查，待结案
  'closed', // 已结案
  'cancelled', // 已作废
  'suspended', // 缓办
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const TERMINAL_STATES: readonly CaseState[] = ['closed', 'cancelled'];
export const OPEN_STATES: readonly CaseState[] = CASE_STATES.filter((s) => !TERMINAL_STATES.includes(s));
export const isTerminal = (s: CaseState) => TERMINAL_STATES.includes(s);

export const CASE_ACTIONS = [
  'request_verify', // 受理：交监督员核实
  'verify', // 核实
  'register', // 立案
  'cancel', // 作废
  'merge', // 并案（作为重复件作废并指向主案）
  'dispatch', // 派遣 / 改派
  'accept', // 接单
  'return', // 退单
  'handle', // 处置反馈
  'check', // 核查（通过或返工）
  'close', // 结案
  'force_close', // 特殊/错误结案
  'request_postpone', // 申请延期
  'approve_postpone', // 批准延期
  'reject_postpone', // 驳回延期
  'suspend', // 缓办
  'resume', // 恢复办理
  'urge', // 督办
  'reassign', // 超时未接单，转下一位（系统）
  'escalate', // 无人接单，升级至值班长（系统）
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Actions only the system takes (sweeps). */
export const SYSTEM_ACTIONS: readonly CaseAction[] = ['reassign', 'escalate'];
/** Actions a person may ask for through the API. */
export const USER_ACTIONS = ['request_verify', 'verify', 'register', 'cancel', 'merge', 'dispatch', 'accept', 'return', 'handle', 'check', 'close', 'force_close', 'request_postpone', 'approve_postpone', 'reject_postpone', 'suspend', 'resume', 'urge'] as const satisfies readonly CaseAction[];

export const GRADES = ['normal', 'major', 'urgent'] as const; // 一般 / 重要 / 紧急
export type Grade = (typeof GRADES)[number];
export const gradeRank = (g: Grade) => GRADES.indexOf(g);
export const maxGrade = (a: Grade, b: Grade): Grade => (gradeRank(a) >= gradeRank(b) ? a : b);

export const SOURCES = ['sensor', 'inspector', 'public', 'hotline', 'superior', 'open311', 'enterprise'] as const; // 感知 / 监督员 / 公众 / 12345 / 上级交办 / Open311 / 企业服务中心
export type Source = (typeof SOURCES)[number];

export const CLOSE_TYPES = ['normal', 'overdue', 'error', 'special'] as const;
export type CloseType = (typeof CLOSE_TYPES)[number];

export const LIMIT_UNITS = ['minutes', 'hours', 'working_hours', 'working_days'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];
export interface Limit {
  amount: number;
  unit: LimitUnit;
}

/** The limited steps of a case; each state belongs to at most one. */
export const STEPS = ['verify', 'dispatch', 'accept', 'handle', 'check'] as const;
export type Step = (typeof STEPS)[number];
export type StepLimits = Record<Step, Limit>;

/** Which step's clock runs in a state (the handling clock starts at dispatch). */
export function stepOf(state: CaseState): Exclude<Step, 'accept'> | null {
  switch (state) {
    case 'reported':
    case 'verifying':
    case 'verified':
      return 'verify';
    case 'registered':
      return 'dispatch';
    case 'dispatched':
    case 'accepted':
      return 'handle';
    case 'handled':
      return 'check';
    default:
      return null;
  }
}

export const STATE_LABELS: Record<CaseState, { zh: string; en: string }> = {
  reported: { zh: '待受理', en: 'Reported' },
  verifying: { zh: '核实中', en: 'Verifying' },
  verified: { zh: '待立案', en: 'Verified' },
  registered: { zh: '待派遣', en: 'Registered' },
  dispatched: { zh: '待接单', en: 'Dispatched' },
  accepted: { zh: '处置中', en: 'In hand' },
  handled: { zh: '待核查', en: 'Handled' },
  checked: { zh: '待结案', en: 'Checked' },
  closed: { zh: '已结案', en: 'Closed' },
  cancelled: { zh: '已作废', en: 'Cancelled' },
  suspended: { zh: '缓办', en: 'Suspended' },
};

export const ACTION_LABELS: Record<CaseAction, { zh: string; en: string }> = {
  request_verify: { zh: '受理并交核实', en: 'Send for verification' },
  verify: { zh: '核实', en: 'Verify' },
  register: { zh: '立案', en: 'Register' },
  cancel: { zh: '作废', en: 'Cancel' },
  merge: { zh: '并案', en: 'Merge as duplicate' },
  dispatch: { zh: '派遣', en: 'Dispatch' },
  accept: { zh: '接单', en: 'Accept' },
  return: { zh: '退单', en: 'Return' },
  handle: { zh: '处置反馈', en: 'Report handled' },
  check: { zh: '核查', en: 'Check' },
  close: { zh: '结案', en: 'Close' },
  force_close: { zh: '特殊结案', en: 'Close (error/special)' },
  request_postpone: { zh: '申请延期', en: 'Request postponement' },
  approve_postpone: { zh: '批准延期', en: 'Approve postponement' },
  reject_postpone: { zh: '驳回延期', en: 'Reject postponement' },
  suspend: { zh: '缓办', en: 'Suspend' },
  resume: { zh: '恢复办理', en: 'Resume' },
  urge: { zh: '督办', en: 'Urge' },
  reassign: { zh: '转派下一位', en: 'Reassign' },
  escalate: { zh: '升级至值班长', en: 'Escalate' },
};

export const GRADE_LABELS: Record<Grade, { zh: string; en: string }> = {
  normal: { zh: '一般', en: 'Normal' },
  major: { zh: '重要', en: 'Major' },
  urgent: { zh: '紧急', en: 'Urgent' },
};

export const SOURCE_LABELS: Record<Source, { zh: string; en: string }> = {
  sensor: { zh: '感知设备', en: 'Sensor' },
  inspector: { zh: '监督员上报', en: 'Inspector' },
  public: { zh: '市民反映', en: 'Public' },
  hotline: { zh: '12345 热线', en: '12345 hotline' },
  superior: { zh: '上级交办', en: 'Superior' },
  open311: { zh: 'Open311', en: 'Open311' },
  enterprise: { zh: '企业服务中心', en: 'Enterprise service centre' },
};
