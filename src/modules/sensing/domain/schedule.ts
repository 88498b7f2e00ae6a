// Schedule windows of scenes (e.g. 07:30–09:30 on working days) in Asia/Shanghai local
// time on the tenant's working calendar. Pure: the calendar is passed in.
import type { ScheduleWindow } from './types.js';

export interface DayCalendar {
  isWorkday(day: string): boolean;
}

const OFFSET_MS = 8 * 3600_000; // Asia/Shanghai, no daylight saving since 1991
const DAY_MS = 86_400_000;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function parseHhmm(s: string): number | null {
  const m = HHMM.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function validWindow(w: ScheduleWindow): boolean {
  return ['all', 'working', 'rest'].includes(w.days) && parseHhmm(w.from) !== null && parseHhmm(w.to) !== null;
}

const localDay = (t: number) => new Date(t + OFFSET_MS).toISOString().slice(0, 10);
const dayStartUtc = (day: string) => Date.parse(`${day}T00:00:00Z`) - OFFSET_MS;
const shiftDay = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

function dayMatches(w: ScheduleWindow, day: string, cal: DayCalendar): boolean {
  if (w.days === 'all') return true;
  const work = cal.isWorkday(day);
  return w.days === 'working' ? work : !work;
}

/** [start, end) instants of a window that opens on `day` (end may fall on the next day). */
function span(w: ScheduleWindow, day: string): [number, number] {
  const from = parseHhmm(w.from)!;
  const to = parseHhmm(w.to)!;
  const start = dayStartUtc(day) + from * 60_000;
  const end = dayStartUtc(day) + (to > from ? to : to + 24 * 60) * 60_000;
  return [start, end];
}

/** Is `t` inside any window? No windows means always. */
export function inSchedule(windows: ScheduleWindow[], t: number, cal: DayCalendar): boolean {
  if (windows.length === 0) return true;
  const today = localDay(t);
  for (const w of windows) {
    // a window that opened yesterday may still be open (overnight windows)
    for (const day of [today, shiftDay(today, -1)]) {
      const [a, b] = span(w, day);
      if (t >= a && t < b && dayMatches(w, day, cal)) return true;
    }
  }
  return false;
}

/** The next instant after `t` at which a window opens or closes (null when always open). */
export function nextBoundary(windows: ScheduleWindow[], t: number, cal: DayCalendar): number | null {
  if (windows.length === 0) return null;
  const today = localDay(t);
  let best: number | null = null;
  // a fortnight covers the longest run of rest days (Spring Festival, National Day)
  for (let i = -1; i <= 14; i++) {
    const day = shiftDay(today, i);
    for (const w of windows) {
      if (!dayMatches(w, day, cal)) continue;
      for (const edge of span(w, day)) if (edge > t && (best === null || edge < best)) best = edge;
    }
    if (best !== null && best < dayStartUtc(day)) break;
  }
  return best;
}
