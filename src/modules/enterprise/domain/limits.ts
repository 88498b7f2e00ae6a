// 限时办结: a request's limit runs in working days on the tenant's calendar from the
// moment it reached the centre; the warning comes when three quarters of the working
// time allowed have passed (ADR 0600).
import type { WorkingCalendar } from '../../../core/calendar/index.js';

export const WARN_SHARE = 0.75;

export interface Limit {
  dueAt: Date;
  warnAt: Date;
}

export function computeLimit(cal: WorkingCalendar, start: Date, limitDays: number): Limit {
  const dueAt = cal.addWorkingDays(start, limitDays);
  const allowedMs = cal.workingMsBetween(start, dueAt);
  const warnAt = allowedMs > 0 ? cal.addWorkingHours(start, (allowedMs * WARN_SHARE) / 3600_000) : dueAt;
  return { dueAt, warnAt };
}

/** Where a request stands against its limit at `now`. */
export function limitState(r: { status: string; dueAt: Date; warnAt: Date; completedAt: Date | null }, now: Date): 'done_on_time' | 'done_late' | 'overdue' | 'warning' | 'running' | 'none' {
  if (r.status === 'cancelled') return 'none';
  if (r.completedAt) return r.completedAt <= r.dueAt ? 'done_on_time' : 'done_late';
  if (now > r.dueAt) return 'overdue';
  if (now >= r.warnAt) return 'warning';
  return 'running';
}
