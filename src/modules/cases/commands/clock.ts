// The running step's clock of a case after a change: a new step starts a new limit; the
// handling step runs against the handling deadline set at dispatch (moved by
// postponements); marks of warnings and overdue survive while the deadline stays.
import type { WorkingCalendar } from '../../../core/calendar/index.js';
import { runsOnClock, stepClock, warnAt } from '../domain/sla.js';
import { stepOf, type CaseState, type Grade } from '../domain/types.js';
import type { Category } from '../domain/category.js';
import type { CaseRow } from './write.js';

type ClockFields = Pick<CaseRow, 'step' | 'stepStartedAt' | 'stepDueAt' | 'stepWarnAt' | 'stepWarnedAt' | 'stepOverdueAt' | 'stepClock'>;

const NONE: ClockFields = { step: null, stepStartedAt: null, stepDueAt: null, stepWarnAt: null, stepWarnedAt: null, stepOverdueAt: null, stepClock: false };

/** Clock fields for `next` (the row with its patch applied) coming from `before`. */
export function clockFor(cal: WorkingCalendar, category: Category, before: Pick<CaseRow, 'step' | 'stepDueAt' | 'stepWarnedAt' | 'stepOverdueAt'> | null, next: Pick<CaseRow, 'state' | 'grade' | 'handleDueAt' | 'dispatchedAt'>, now: Date): ClockFields {
  const step = stepOf(next.state as CaseState);
  if (!step) return NONE;
  const grade = next.grade as Grade;
  if (step === 'handle') {
    const due = next.handleDueAt!;
    const start = next.dispatchedAt ?? now;
    const clock = runsOnClock(category.limits.handle, grade);
    const keep = before?.step === 'handle' && before.stepDueAt?.getTime() === due.getTime();
    return {
      step,
      stepStartedAt: start,
      stepDueAt: due,
      stepWarnAt: warnAt(cal, start, due, clock),
      stepWarnedAt: keep ? before!.stepWarnedAt : null,
      stepOverdueAt: keep ? before!.stepOverdueAt : null,
      stepClock: clock,
    };
  }
  if (before?.step === step) return {} as ClockFields; // the same step goes on (reported → verifying → verified)
  const c = stepClock(cal, now, category.limits[step], grade);
  return { step, stepStartedAt: c.startedAt, stepDueAt: c.dueAt, stepWarnAt: c.warnAt, stepWarnedAt: null, stepOverdueAt: null, stepClock: c.clock };
}

/** Clock fields with an explicit deadline (resuming a suspended case). */
export function clockWithDue(cal: WorkingCalendar, step: string, now: Date, due: Date, clock: boolean): ClockFields {
  return { step, stepStartedAt: now, stepDueAt: due, stepWarnAt: warnAt(cal, now, due, clock), stepWarnedAt: null, stepOverdueAt: null, stepClock: clock };
}
