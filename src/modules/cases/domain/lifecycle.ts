// The case lifecycle as a pure state machine: which actions each state allows, who may
// take them (role guards, with the data scope that matters for the case) and which
// fields each needs. No I/O: the commands load the case, ask decide(), then write.
import { CASE_ACTIONS, OPEN_STATES, type CaseAction, type CaseState, type CloseType } from './types.js';

/** What the state machine needs to know about a case. */
export interface CaseSnapshot {
  state: CaseState;
  resumeState: CaseState | null;
  gridId: number | null;
  departmentId: number | null;
  assigneeId: number | null;
  /** the inspector asked to verify or check it */
  inspectorId: number | null;
  postponePending: boolean;
  /** the category wants at least one photo with the handling report */
  photoRequired: boolean;
}

/** Who is acting, reduced to what the guards look at. */
export interface Party {
  kind: 'user' | 'system' | 'other';
  id: number | null;
  roles: readonly string[];
  grids: readonly number[];
  /** departments the person works for (their own and any in their scope) */
  departments: readonly number[];
}

export interface ActionInput {
  action: CaseAction;
  note?: string;
  reason?: string;
  photos?: number[];
  confirmed?: boolean;
  passed?: boolean;
  masterId?: number;
  closeType?: CloseType;
  amount?: number;
  departmentId?: number;
  assigneeId?: number;
}

export interface FieldIssue {
  field: string;
  code: string;
  params?: Record<string, unknown>;
}

/** Roles under which an action is taken; recorded on the timeline. */
export type ActingRole = 'acceptor' | 'shift_leader' | 'dispatcher' | 'inspector' | 'handler' | 'system';

type Guard = 'acceptor' | 'shift_leader' | 'dispatcher' | 'inspector' | 'assignee' | 'department_member' | 'unassigned_member' | 'system';

interface Rule {
  from: readonly CaseState[];
  guards: readonly Guard[];
  /** extra state condition (part of "allowed in this state") */
  when?: (c: CaseSnapshot) => boolean;
  to: (c: CaseSnapshot, input: ActionInput) => CaseState;
  fields?: (c: CaseSnapshot, input: ActionInput) => FieldIssue[];
}

/** Roles whose members handle cases for their department. */
export const FIELD_ROLES = ['handler', 'committee_member', 'care_staff'] as const;

const same = (c: CaseSnapshot) => c.state;
const text = (v: string | undefined) => typeof v === 'string' && v.trim().length > 0;
const need = (field: string, ok: boolean, code = 'case.field_required'): FieldIssue[] => (ok ? [] : [{ field, code }]);

const RULES: Record<CaseAction, Rule> = {
  request_verify: { from: ['reported'], guards: ['acceptor', 'shift_leader'], to: () => 'verifying' },
  verify: {
    from: ['verifying'],
    guards: ['inspector'],
    to: () => 'verified',
    fields: (_c, i) => [...need('confirmed', typeof i.confirmed === 'boolean'), ...(i.confirmed === false ? need('note', text(i.note)) : [])],
  },
  register: { from: ['reported', 'verified'], guards: ['shift_leader', 'system'], to: () => 'registered' },
  cancel: { from: ['reported', 'verifying', 'verified'], guards: ['shift_leader'], to: () => 'cancelled', fields: (_c, i) => need('reason', text(i.reason)) },
  merge: { from: ['reported', 'verifying', 'verified', 'registered'], guards: ['acceptor', 'shift_leader'], to: () => 'cancelled', fields: (_c, i) => need('masterId', Number.isInteger(i.masterId) && i.masterId! > 0) },
  dispatch: { from: ['registered', 'dispatched'], guards: ['dispatcher', 'shift_leader', 'system'], to: () => 'dispatched' },
  accept: { from: ['dispatched'], guards: ['assignee', 'unassigned_member'], to: () => 'accepted' },
  return: { from: ['dispatched', 'accepted'], guards: ['assignee', 'department_member'], to: () => 'registered', fields: (_c, i) => need('reason', text(i.reason)) },
  handle: {
    from: ['accepted'],
    guards: ['assignee'],
    to: () => 'handled',
    fields: (c, i) => [...need('note', text(i.note)), ...(c.photoRequired ? need('photos', (i.photos?.length ?? 0) > 0, 'case.photo_required') : [])],
  },
  check: {
    from: ['handled'],
    guards: ['inspector'],
    to: (_c, i) => (i.passed ? 'checked' : 'accepted'),
    fields: (_c, i) => [...need('passed', typeof i.passed === 'boolean'), ...(i.passed === false ? need('note', text(i.note)) : [])],
  },
  close: {
    from: ['checked'],
    guards: ['shift_leader'],
    to: () => 'closed',
    fields: (_c, i) => [...need('closeType', i.closeType === undefined || i.closeType === 'normal' || i.closeType === 'special', 'case.close_type'), ...(i.closeType === 'special' ? need('note', text(i.note)) : [])],
  },
  force_close: {
    from: OPEN_STATES,
    guards: ['shift_leader'],
    to: () => 'closed',
    fields: (_c, i) => [...need('closeType', i.closeType === 'error' || i.closeType === 'special', 'case.force_close_type'), ...need('reason', text(i.reason))],
  },
  request_postpone: {
    from: ['accepted'],
    guards: ['assignee'],
    when: (c) => !c.postponePending,
    to: same,
    fields: (_c, i) => [...need('amount', Number.isInteger(i.amount) && i.amount! > 0 && i.amount! <= 365, 'case.postpone_amount'), ...need('reason', text(i.reason))],
  },
  approve_postpone: { from: ['accepted'], guards: ['shift_leader'], when: (c) => c.postponePending, to: same },
  reject_postpone: { from: ['accepted'], guards: ['shift_leader'], when: (c) => c.postponePending, to: same, fields: (_c, i) => need('reason', text(i.reason)) },
  suspend: { from: ['registered', 'dispatched', 'accepted'], guards: ['shift_leader'], to: () => 'suspended', fields: (_c, i) => need('reason', text(i.reason)) },
  resume: { from: ['suspended'], guards: ['shift_leader'], when: (c) => c.resumeState !== null, to: (c) => c.resumeState! },
  urge: { from: ['dispatched', 'accepted', 'handled'], guards: ['dispatcher', 'shift_leader'], to: same, fields: (_c, i) => need('note', text(i.note)) },
  reassign: { from: ['dispatched'], guards: ['system'], to: same },
  escalate: { from: ['dispatched'], guards: ['system'], to: same },
};

function passes(g: Guard, c: CaseSnapshot, p: Party): boolean {
  if (g === 'system') return p.kind === 'system';
  if (p.kind !== 'user') return false;
  const member = () => c.departmentId !== null && p.departments.includes(c.departmentId) && FIELD_ROLES.some((r) => p.roles.includes(r));
  switch (g) {
    case 'acceptor':
    case 'shift_leader':
    case 'dispatcher':
      return p.roles.includes(g);
    case 'inspector':
      return p.roles.includes('inspector') && ((p.id !== null && p.id === c.inspectorId) || (c.gridId !== null && p.grids.includes(c.gridId)));
    case 'assignee':
      return p.id !== null && p.id === c.assigneeId;
    case 'department_member':
      return member();
    case 'unassigned_member':
      return c.assigneeId === null && member();
  }
}

const ROLE_OF_GUARD: Record<Guard, ActingRole> = {
  acceptor: 'acceptor',
  shift_leader: 'shift_leader',
  dispatcher: 'dispatcher',
  inspector: 'inspector',
  assignee: 'handler',
  department_member: 'handler',
  unassigned_member: 'handler',
  system: 'system',
};

export type Decision =
  | { ok: true; to: CaseState; role: ActingRole }
  | { ok: false; kind: 'state'; allowed: CaseAction[] }
  | { ok: false; kind: 'role' }
  | { ok: false; kind: 'fields'; issues: FieldIssue[] };

const inState = (rule: Rule, c: CaseSnapshot) => rule.from.includes(c.state) && (rule.when?.(c) ?? true);

/** Every action the state allows, whoever takes it. */
export function actionsInState(c: CaseSnapshot): CaseAction[] {
  return CASE_ACTIONS.filter((a) => inState(RULES[a], c));
}

/** The actions this party may take on this case now (what the UI offers). */
export function allowedActions(c: CaseSnapshot, p: Party): CaseAction[] {
  return CASE_ACTIONS.filter((a) => inState(RULES[a], c) && RULES[a].guards.some((g) => passes(g, c, p)));
}

/** May this party take this action on this case, with these fields? Order: state (409),
 * role and scope (403), fields (400). */
export function decide(c: CaseSnapshot, p: Party, input: ActionInput): Decision {
  const rule = RULES[input.action];
  if (!rule || !inState(rule, c)) return { ok: false, kind: 'state', allowed: actionsInState(c) };
  const guard = rule.guards.find((g) => passes(g, c, p));
  if (!guard) return { ok: false, kind: 'role' };
  const issues = rule.fields?.(c, input) ?? [];
  if (issues.length) return { ok: false, kind: 'fields', issues };
  return { ok: true, to: rule.to(c, input), role: ROLE_OF_GUARD[guard] };
}

/** Which roles can ever take an action (documentation and menus). */
export function guardsOf(action: CaseAction): readonly string[] {
  return RULES[action].guards;
}
