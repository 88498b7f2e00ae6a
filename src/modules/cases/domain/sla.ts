// Deadlines of the steps of a case on the Chinese working calendar. Normal and major
// grades count working hours / working days (office hours, official holidays and
// make-up days); urgent grades count every hour, 24/7. Warnings fall at 80% of a limit.
import type { WorkingCalendar } from '../../../core/calendar/index.js';
import type { Grade, Limit } from './types.js';

export const WARN_SHARE = 0.8;
const HOUR = 3600_000;

/** Does this limit run on the clock (24/7) rather than on office time? */
export function runsOnClock(limit: Limit, grade: Grade): boolean {
  return grade === 'urgent' || limit.unit === 'minutes' || limit.unit === 'hours';
}

/** The deadline of a limit started at `start`. Urgent cases turn working hours into
 * clock hours and working days into calendar days. */
export function deadline(cal: WorkingCalendar, start: Date, limit: Limit, grade: Grade): Date {
  const t = start.getTime();
  switch (limit.unit) {
    case 'minutes':
      return new Date(t + limit.amount * 60_000);
    case 'hours':
      return new Date(t + limit.amount * HOUR);
    case 'working_hours':
      return grade === 'urgent' ? new Date(t + limit.amount * HOUR) : cal.addWorkingHours(start, limit.amount);
    case 'working_days':
      return grade === 'urgent' ? new Date(t + limit.amount * 24 * HOUR) : cal.addWorkingDays(start, limit.amount);
  }
}

/** The time of the warning: 80% of the limit's own kind of time between start and due. */
export function warnAt(cal: WorkingCalendar, start: Date, due: Date, clock: boolean): Date {
  if (due <= start) return new Date(due);
  if (clock) return new Date(start.getTime() + WARN_SHARE * (due.getTime() - start.getTime()));
  const ms = cal.workingMsBetween(start, due);
  return cal.addWorkingHours(start, (WARN_SHARE * ms) / HOUR);
}

/** Limit time left at `now` (negative when overdue), in the limit's own kind of time. */
export function remainingMs(cal: WorkingCalendar, now: Date, due: Date, clock: boolean): number {
  if (clock) return due.getTime() - now.getTime();
  return due >= now ? cal.workingMsBetween(now, due) : -cal.workingMsBetween(due, now);
}

/** The deadline after resuming a suspended case with `remaining` time left. */
export function resumeDeadline(cal: WorkingCalendar, now: Date, remaining: number, clock: boolean): Date {
  if (remaining <= 0 || clock) return new Date(now.getTime() + remaining);
  return cal.addWorkingHours(now, remaining / HOUR);
}

/** The share of the limit used up at `now` (0..∞). */
export function usedShare(cal: WorkingCalendar, start: Date, due: Date, now: Date, clock: boolean): number {
  const total = clock ? due.getTime() - start.getTime() : cal.workingMsBetween(start, due);
  if (total <= 0) return now >= due ? 1 : 0;
  const used = clock ? now.getTime() - start.getTime() : cal.workingMsBetween(start, now);
  return Math.max(0, used / total);
}

export interface StepClock {
  startedAt: Date;
  dueAt: Date;
  warnAt: Date;
  clock: boolean;
}

export function stepClock(cal: WorkingCalendar, start: Date, limit: Limit, grade: Grade): StepClock {
  const clock = runsOnClock(limit, grade);
  const dueAt = deadline(cal, start, limit, grade);
  return { startedAt: start, dueAt, warnAt: warnAt(cal, start, dueAt, clock), clock };
}

/** A postponement moves the handling deadline by `amount` of the handling limit's unit. */
export function postponedDeadline(cal: WorkingCalendar, due: Date, handleLimit: Limit, amount: number, grade: Grade): Date {
  return deadline(cal, due, { amount, unit: handleLimit.unit }, grade);
}

/** What expectedAt needs of a case. */
export interface ExpectedOf {
  state: string;
  handleDueAt: Date | null;
  stepDueAt: Date | null;
}

/** When a case (or, without `c`, a new report) is expected to be done: the handling
 * deadline once dispatched; before that, the remaining steps' limits chained from now
 * (or from the running step's deadline). Null for a closed or cancelled case. */
export function expectedAt(cal: WorkingCalendar, limits: Record<'verify' | 'dispatch' | 'handle', Limit>, now: Date, grade: Grade, c?: ExpectedOf): Date | null {
  let steps: ('verify' | 'dispatch' | 'handle')[] = ['verify', 'dispatch', 'handle'];
  let t = now;
  if (c) {
    if (c.state === 'closed' || c.state === 'cancelled') return null;
    if (c.handleDueAt && ['dispatched', 'accepted', 'handled', 'checked'].includes(c.state)) return c.handleDueAt;
    if (c.state === 'registered') steps = ['dispatch', 'handle'];
    if (c.stepDueAt && c.stepDueAt > now) t = c.stepDueAt;
    if (c.stepDueAt) steps = steps.slice(1);
  }
  for (const s of steps) t = deadline(cal, t, limits[s], grade);
  return t;
}
