// Shifts say who is on duty. A shift repeats on a kind of day — every day, working days
// or days off on the Chinese calendar (so holidays and make-up days are right), or fixed
// weekdays — between two local times; an end before the start runs past midnight.
import { localMinutes } from './grading.js';

export interface Shift {
  userId: number;
  /** 'daily' | 'workdays' | 'offdays' | weekdays as ISO numbers "1,2,3,4,5" (1 = Monday) */
  days: string;
  start: string;
  end: string;
  validFrom: string | null;
  validTo: string | null;
}

const DAY = 86_400_000;
const toMin = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
const localDay = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
const isoWeekday = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

export const SHIFT_DAYS = /^(daily|workdays|offdays|[1-7](,[1-7])*)$/;
export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function dayMatches(shift: Shift, day: string, isWorkday: (day: string) => boolean): boolean {
  if (shift.validFrom && day < shift.validFrom) return false;
  if (shift.validTo && day > shift.validTo) return false;
  switch (shift.days) {
    case 'daily':
      return true;
    case 'workdays':
      return isWorkday(day);
    case 'offdays':
      return !isWorkday(day);
    default:
      return shift.days.split(',').map(Number).includes(isoWeekday(day));
  }
}

export function onShift(shift: Shift, now: Date, isWorkday: (day: string) => boolean): boolean {
  const m = localMinutes(now);
  const a = toMin(shift.start);
  const b = toMin(shift.end);
  const today = localDay(now.getTime());
  if (a < b) return m >= a && m < b && dayMatches(shift, today, isWorkday);
  if (a === b) return dayMatches(shift, today, isWorkday); // round the clock
  // overnight: the evening part belongs to today, the early-morning part to yesterday's shift
  if (m >= a) return dayMatches(shift, today, isWorkday);
  if (m < b) return dayMatches(shift, localDay(now.getTime() - DAY), isWorkday);
  return false;
}

export function onDuty(shifts: readonly Shift[], now: Date, isWorkday: (day: string) => boolean): Set<number> {
  const out = new Set<number>();
  for (const s of shifts) if (!out.has(s.userId) && onShift(s, now, isWorkday)) out.add(s.userId);
  return out;
}
