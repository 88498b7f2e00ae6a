// Effects that change time: postponement (requested by the handler, decided by the shift
// leader, moving the handling deadline), suspension and resumption (the limit stands
// still meanwhile), urging.
import { postponedDeadline, remainingMs, resumeDeadline, runsOnClock } from '../../domain/sla.js';
import { stepOf, type CaseState, type Grade } from '../../domain/types.js';
import { deadline } from '../../domain/sla.js';
import { clockWithDue } from '../clock.js';
import type { EffectFn } from './types.js';

const UNIT_ZH: Record<string, string> = { minutes: '分钟', hours: '小时', working_hours: '个工作小时', working_days: '个工作日' };

interface PostponeRequest {
  amount: number;
  unit: string;
  reason: string;
  by: string;
  at: string;
}

export const requestPostpone: EffectFn = async ({ actor, category, input, now }) => {
  const req: PostponeRequest = { amount: input.amount!, unit: category.limits.handle.unit, reason: input.reason!.trim(), by: actor.kind === 'user' ? actor.displayName : actor.kind, at: now.toISOString() };
  return { patch: { postponeRequest: req }, event: 'case.postpone_requested', note: `申请延期 ${req.amount} ${UNIT_ZH[req.unit]}：${req.reason}`, detail: { request: req }, scope: { roles: ['shift_leader'] } };
};

export const approvePostpone: EffectFn = async ({ row, category, input, cal }) => {
  const req = row.postponeRequest as PostponeRequest;
  const due = postponedDeadline(cal, row.handleDueAt!, category.limits.handle, req.amount, row.grade as Grade);
  return {
    patch: { handleDueAt: due, postponeRequest: null, postponements: row.postponements + 1 },
    event: 'case.postponed',
    note: input.note ?? `批准延期 ${req.amount} ${UNIT_ZH[req.unit]}`,
    publicNote: '处置期限已依规延长',
    detail: { request: req, from: row.handleDueAt?.toISOString(), to: due.toISOString() },
  };
};

export const rejectPostpone: EffectFn = async ({ row, input }) => ({
  patch: { postponeRequest: null },
  event: 'case.postpone_rejected',
  note: input.reason,
  detail: { request: row.postponeRequest },
  scope: { users: row.assigneeId ? [row.assigneeId] : [] },
});

export const suspend: EffectFn = async ({ row, input, now, cal }) => {
  const left = row.stepDueAt ? remainingMs(cal, now, row.stepDueAt, row.stepClock) : null;
  return {
    patch: { resumeState: row.state, suspendedRemainingMs: left, acceptDueAt: null },
    event: 'case.suspended',
    note: input.reason,
    publicNote: '因客观原因暂缓办理',
    detail: { remainingMs: left, step: row.step },
  };
};

/** Back to the state it was suspended in, with the time that was left on its limit. */
export const resume: EffectFn = async ({ row, category, now, cal }) => {
  const state = row.resumeState as CaseState;
  const step = stepOf(state);
  const grade = row.grade as Grade;
  const patch: Record<string, unknown> = { resumeState: null, suspendedRemainingMs: null };
  let clock = {};
  if (step && row.suspendedRemainingMs !== null) {
    const limit = category.limits[step];
    const onClock = runsOnClock(limit, grade);
    const due = resumeDeadline(cal, now, row.suspendedRemainingMs, onClock);
    if (step === 'handle') patch.handleDueAt = due;
    clock = clockWithDue(cal, step, now, due, onClock);
  }
  if (state === 'dispatched' && row.assigneeId !== null) patch.acceptDueAt = deadline(cal, now, category.limits.accept, grade);
  return { patch: { ...patch, ...clock }, keepClock: true, event: 'case.resumed', publicNote: '恢复办理', detail: { remainingMs: row.suspendedRemainingMs } };
};

export const urge: EffectFn = async ({ row, input }) => ({
  patch: { urges: row.urges + 1 },
  event: 'case.urged',
  note: input.note,
  scope: { users: row.assigneeId ? [row.assigneeId] : [] },
});
