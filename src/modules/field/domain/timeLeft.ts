// Time left on a step's limit, counted the way the limit counts: office time on the
// working calendar, or every minute when the limit runs on the clock (urgent cases,
// limits in minutes or hours). Negative when overdue. Pure.
export interface OfficeTime {
  workingMsBetween(from: Date, to: Date): number;
}

export function timeLeftMs(cal: OfficeTime, now: Date, due: Date, onClock: boolean): number {
  if (onClock) return due.getTime() - now.getTime();
  return due >= now ? cal.workingMsBetween(now, due) : -cal.workingMsBetween(due, now);
}
