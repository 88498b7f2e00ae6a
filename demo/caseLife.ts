// One demo case's life: the steps it went through until now, with timestamps, people and
// the timeline, following the same rules and limits as the engine (return, reassignment,
// rework, postponement, suspension, overdue handling).
import type { WorkingCalendar } from '../src/core/calendar/index.js';
import { deadline, stepClock, warnAt, runsOnClock } from '../src/modules/cases/domain/sla.js';
import { stepOf, type CaseState, type Grade, type Source } from '../src/modules/cases/domain/types.js';
import type { Category } from '../src/modules/cases/domain/category.js';
import type { Rng } from './random.js';

export interface Person {
  id: number;
  name: string;
}

export interface LifeInput {
  category: Category;
  grade: Grade;
  source: Source;
  reportedAt: Date;
  now: Date;
  /** the department chosen by routing, its members; an alternative for returns */
  department: { id: number; name: string; members: Person[] };
  other: { id: number; name: string; members: Person[] };
  inspector: Person | null;
  desk: { acceptor: Person; leader: Person; dispatcher: Person };
  /** the action the case is still waiting for (recent cases stay open at every step) */
  stall?: string;
}

export interface TimelineRow {
  at: Date;
  actor: Person | null;
  role: string;
  action: string;
  from: CaseState | null;
  to: CaseState;
  note: string | null;
  publicNote: string | null;
  detail: Record<string, unknown>;
}

export interface Life {
  state: CaseState;
  fields: Record<string, unknown>;
  timeline: TimelineRow[];
}

const MIN = 60_000;

export function live(rng: Rng, cal: WorkingCalendar, x: LifeInput): Life {
  const t: TimelineRow[] = [];
  const f: Record<string, unknown> = { returns: 0, reworks: 0, postponements: 0, urges: 0, triedAssignees: [] as number[], returnedDepartments: [] as number[] };
  let state: CaseState = 'reported';
  let at = x.reportedAt;
  let enteredStep = at;
  const limits = x.category.limits;
  const later = (minA: number, minB: number) => new Date(at.getTime() + (minA + rng.next() * (minB - minA)) * MIN);
  /** move on if the next moment is already past; false = the case stops here (open now) */
  const step = (next: Date, action: string, to: CaseState, actor: Person | null, role: string, note: string | null, publicNote: string | null, detail: Record<string, unknown> = {}): boolean => {
    if (next > x.now || action === x.stall) return false;
    t.push({ at: next, actor, role, action, from: state, to, note, publicNote, detail });
    if (stepOf(to) !== stepOf(state)) enteredStep = next;
    state = to;
    at = next;
    return true;
  };
  const sys = null;
  t.push({ at, actor: x.source === 'sensor' ? null : x.source === 'inspector' ? x.inspector : x.desk.acceptor, role: x.source === 'inspector' ? 'inspector' : x.source === 'sensor' ? 'system' : 'acceptor', action: 'report', from: null, to: 'reported', note: null, publicNote: '已收到反映', detail: { source: x.source } });

  const finish = (): Life => {
    const s = stepOf(state);
    if (s && state !== 'suspended') {
      const grade = x.grade;
      if (s === 'handle') {
        const due = f.handleDueAt as Date;
        const start = f.dispatchedAt as Date;
        const clock = runsOnClock(limits.handle, grade);
        const w = warnAt(cal, start, due, clock);
        Object.assign(f, { step: s, stepStartedAt: start, stepDueAt: due, stepWarnAt: w, stepClock: clock, stepWarnedAt: w <= x.now ? w : null, stepOverdueAt: due <= x.now ? due : null });
      } else {
        const c = stepClock(cal, enteredStep, limits[s], grade);
        Object.assign(f, { step: s, stepStartedAt: c.startedAt, stepDueAt: c.dueAt, stepWarnAt: c.warnAt, stepClock: c.clock, stepWarnedAt: c.warnAt <= x.now ? c.warnAt : null, stepOverdueAt: c.dueAt <= x.now ? c.dueAt : null });
      }
    }
    return { state, fields: f, timeline: t };
  };

  // intake: sensors of auto-registering categories and inspectors' own reports are registered at once
  const direct = (x.source === 'sensor' && x.category.autoRegister) || x.source === 'inspector';
  if (!direct) {
    if (!step(later(1, 8), 'request_verify', 'verifying', x.desk.acceptor, 'acceptor', `核实人：${x.inspector?.name ?? '—'}`, '已受理，正在核实')) return finish();
    f.inspectorId = x.inspector?.id ?? null;
    const valid = rng.chance(0.93);
    if (!step(later(8, 40), 'verify', 'verified', x.inspector, 'inspector', valid ? '现场情况属实' : '现场未发现所述问题', valid ? '经现场核实，情况属实' : '经现场核实，情况不符', { confirmed: valid })) return finish();
    f.verifiedAt = at;
    if (!valid) {
      if (!step(later(3, 20), 'cancel', 'cancelled', x.desk.leader, 'shift_leader', '核实不属实，作废', '经核实，不予立案')) return finish();
      f.cancelledAt = at;
      f.cancelReason = '经核实不属实';
      return finish();
    }
  }
  const regAt = direct ? later(0, x.source === 'sensor' ? 0.2 : 15) : later(3, 20);
  if (!step(regAt, 'register', 'registered', x.source === 'sensor' ? sys : x.desk.leader, x.source === 'sensor' ? 'system' : 'shift_leader', x.source === 'sensor' ? '可信感知场景，按规则自动立案（免核实）' : null, '已立案')) return finish();
  f.registeredAt = at;

  let dept = x.department;
  const dispatchTo = (d: LifeInput['department'], why: string): boolean => {
    const who = d.members.length ? rng.pick(d.members) : null;
    const ok = step(later(2, 15), 'dispatch', 'dispatched', x.desk.dispatcher, 'dispatcher', `派往 ${d.name}（${why}）${who ? `；处置人 ${who.name}：在岗人员中距离最近` : '；该部门当前无在岗人员，已升级至值班长'}`, `已派遣至${d.name}处置`);
    if (!ok) return false;
    Object.assign(f, { departmentId: d.id, assigneeId: who?.id ?? null, dispatchedAt: at, acceptedAt: null, handleDueAt: deadline(cal, at, limits.handle, x.grade), triedAssignees: who ? [who.id] : [], escalatedAt: who ? null : at });
    f.acceptDueAt = who ? deadline(cal, at, limits.accept, x.grade) : null;
    return true;
  };
  if (!dispatchTo(dept, '按类别的默认责任部门')) return finish();

  if (rng.chance(0.05) && x.other.members.length) {
    if (!step(later(10, 60), 'return', 'registered', f.assigneeId ? dept.members.find((m) => m.id === f.assigneeId)! : null, 'handler', '不属于本部门职责，退回派遣', null)) return finish();
    Object.assign(f, { returns: 1, returnedDepartments: [dept.id], departmentId: null, assigneeId: null, acceptDueAt: null, handleDueAt: null });
    dept = x.other;
    if (!dispatchTo(dept, '由派遣员指定')) return finish();
  }
  if (rng.chance(0.07) && dept.members.length > 1) {
    const next = rng.pick(dept.members.filter((m) => m.id !== f.assigneeId));
    if (!step(new Date((f.acceptDueAt as Date).getTime()), 'reassign', 'dispatched', sys, 'system', `超时未接单，转派：${next.name}：在岗人员中距离最近`, null)) return finish();
    f.assigneeId = next.id;
    (f.triedAssignees as number[]).push(next.id);
    f.acceptDueAt = deadline(cal, at, limits.accept, x.grade);
  }
  const handler = dept.members.find((m) => m.id === f.assigneeId) ?? dept.members[0] ?? null;
  if (!step(later(2, 14), 'accept', 'accepted', handler, 'handler', null, '处置人员已接单，正在处置')) return finish();
  Object.assign(f, { acceptedAt: at, acceptDueAt: null, assigneeId: handler?.id ?? null });

  if (rng.chance(0.03) && ['08010', '90001', '09040'].includes(x.category.code)) {
    if (!step(later(60, 600), 'suspend', 'suspended', x.desk.leader, 'shift_leader', '当事人外出，待其返回后处置', '因客观原因暂缓办理')) return finish();
    Object.assign(f, { resumeState: 'accepted' });
    return finish();
  }
  if (rng.chance(0.03) && limits.handle.unit === 'working_days') {
    if (!step(later(30, 240), 'request_postpone', 'accepted', handler, 'handler', '需协调产权单位，申请延期 2 个工作日', null)) return finish();
    if (!step(later(10, 90), 'approve_postpone', 'accepted', x.desk.leader, 'shift_leader', '批准延期 2 个工作日', '处置期限已依规延长')) return finish();
    f.handleDueAt = deadline(cal, f.handleDueAt as Date, { amount: 2, unit: 'working_days' }, x.grade);
    f.postponements = 1;
  }
  const handleOnce = (): boolean => {
    const due = f.handleDueAt as Date;
    const span = Math.max(10 * MIN, due.getTime() - (f.dispatchedAt as Date).getTime());
    const late = rng.chance(0.1);
    const frac = late ? 1.05 + rng.next() * 0.8 : 0.15 + rng.next() * 0.8;
    const when = new Date(Math.max(at.getTime() + 5 * MIN, (f.dispatchedAt as Date).getTime() + frac * span));
    if (!step(when, 'handle', 'handled', handler, 'handler', '已现场处置完毕', '已处置完毕，等待核查')) return false;
    Object.assign(f, { handledAt: at, handledOnTime: at <= due, inspectorId: x.inspector?.id ?? null });
    return true;
  };
  if (!handleOnce()) return finish();
  if (rng.chance(0.04)) {
    if (!step(later(10, 60), 'check', 'accepted', x.inspector, 'inspector', '现场仍有残留，要求返工', '经核查未处置到位，已要求返工', { passed: false })) return finish();
    Object.assign(f, { reworks: 1, handledAt: null, handledOnTime: null });
    if (!handleOnce()) return finish();
  }
  if (!step(later(10, 60), 'check', 'checked', x.inspector, 'inspector', '核查通过', '经核查，问题已解决', { passed: true })) return finish();
  f.checkedAt = at;
  const closeType = f.handledOnTime === false ? 'overdue' : 'normal';
  if (!step(later(5, 90), 'close', 'closed', x.desk.leader, 'shift_leader', null, '已办结', { closeType })) return finish();
  Object.assign(f, { closedAt: at, closeType });
  return finish();
}
