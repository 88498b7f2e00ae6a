// The Chinese working calendar: official holidays and make-up working days (调休) from
// the chinese-days data, office hours per tenant, and deadline arithmetic in working
// days, working hours or clock hours. Pure: no I/O, no current time.
//
// Asia/Shanghai has had no daylight saving since 1991, so local time is UTC+8 exactly.
// CommonJS package without an exports map: only the default export is reliable under ESM.
import chineseDays from 'chinese-days';

const { getSolarDateFromLunar, getSolarTermDate } = chineseDays;

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

export interface DayOverrides {
  /** YYYY-MM-DD → name of the holiday */
  holidays: Record<string, string>;
  /** YYYY-MM-DD → name of the make-up working day */
  workdays: Record<string, string>;
}

export interface CalendarSource extends DayOverrides {
  /** years for which the official arrangement is known */
  years: number[];
}

/** Minutes after local midnight. */
export type Period = [number, number];

export const DEFAULT_OFFICE_HOURS: Period[] = [
  [9 * 60, 12 * 60],
  [13 * 60, 17 * 60 + 30],
];

export function parseOfficeHours(spec: string[][]): Period[] {
  const toMin = (hhmm: string) => {
    const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
    if (!m) throw new Error(`bad time ${hhmm}`);
    return Number(m[1]) * 60 + Number(m[2]);
  };
  const periods = spec.map(([a, b]) => [toMin(a!), toMin(b!)] as Period);
  let last = -1;
  for (const [a, b] of periods) {
    if (!(a < b) || a < last || b > 24 * 60) throw new Error('office hours must be increasing, non-overlapping periods within one day');
    last = b;
  }
  if (periods.length === 0) throw new Error('office hours need at least one period');
  return periods;
}

export const localDate = (d: Date): string => new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 10);
/** UTC instant of local midnight of a YYYY-MM-DD day. */
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`) - OFFSET_MS;
const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** Statutory holidays (全国年节及纪念日放假办法, 2025): used when a year's official
 * arrangement is not yet published. Without the State Council's bridging (调休) this is
 * an approximation, which is why admins are warned and can upload the real calendar. */
export function statutoryHolidays(year: number): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (d: string, name: string) => (out[d] = name);
  add(`${year}-01-01`, '元旦');
  add(`${year}-05-01`, '劳动节');
  add(`${year}-05-02`, '劳动节');
  add(`${year}-10-01`, '国庆节');
  add(`${year}-10-02`, '国庆节');
  add(`${year}-10-03`, '国庆节');
  try {
    const springDay = getSolarDateFromLunar(`${year}-01-01`).date; // 正月初一
    const eve = new Date(Date.parse(`${springDay}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
    add(eve, '春节');
    let d = springDay;
    for (let i = 0; i < 3; i++) {
      add(d, '春节');
      d = nextDay(d);
    }
    add(getSolarDateFromLunar(`${year}-05-05`).date, '端午节');
    add(getSolarDateFromLunar(`${year}-08-15`).date, '中秋节');
    add(getSolarTermDate(year, 4, 'pure_brightness'), '清明节');
  } catch {
    // lunar data covers 1900–2100; outside it only fixed-date holidays apply
  }
  return out;
}

export class WorkingCalendar {
  private readonly years: Set<number>;
  private readonly fallbackCache = new Map<number, Record<string, string>>();

  constructor(
    private readonly source: CalendarSource,
    readonly officeHours: Period[] = DEFAULT_OFFICE_HOURS,
  ) {
    this.years = new Set(source.years);
  }

  hasOfficialData(year: number): boolean {
    return this.years.has(year);
  }

  /** Years in [from, to] without an official arrangement (admins are warned). */
  missingYears(from: number, to: number): number[] {
    const out: number[] = [];
    for (let y = from; y <= to; y++) if (!this.years.has(y)) out.push(y);
    return out;
  }

  dayInfo(day: string): { work: boolean; name?: string; official: boolean } {
    const year = Number(day.slice(0, 4));
    if (this.source.workdays[day]) return { work: true, name: this.source.workdays[day], official: true };
    if (this.source.holidays[day]) return { work: false, name: this.source.holidays[day], official: true };
    const official = this.years.has(year);
    if (!official) {
      let f = this.fallbackCache.get(year);
      if (!f) this.fallbackCache.set(year, (f = statutoryHolidays(year)));
      if (f[day]) return { work: false, name: f[day], official: false };
    }
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
    return { work: dow !== 0 && dow !== 6, official };
  }

  isWorkday(day: string): boolean {
    return this.dayInfo(day).work;
  }

  /** Deadline N working days after `start`: the end of office hours of the N-th working
   * day following the day of `start` (the day of receipt itself does not count). */
  addWorkingDays(start: Date, days: number): Date {
    if (days <= 0) return new Date(start);
    let day = localDate(start);
    let counted = 0;
    while (counted < days) {
      day = nextDay(day);
      if (this.isWorkday(day)) counted++;
    }
    return new Date(dayStart(day) + this.officeHours[this.officeHours.length - 1]![1] * 60_000);
  }

  /** Deadline after `hours` of office time counted from `start`. */
  addWorkingHours(start: Date, hours: number): Date {
    let remaining = Math.round(hours * 3600_000);
    let t = start.getTime();
    let day = localDate(start);
    for (let guard = 0; guard < 3660; guard++) {
      if (this.isWorkday(day)) {
        const base = dayStart(day);
        for (const [a, b] of this.officeHours) {
          const from = Math.max(t, base + a * 60_000);
          const to = base + b * 60_000;
          if (from >= to) continue;
          if (to - from >= remaining) return new Date(from + remaining);
          remaining -= to - from;
          t = to;
        }
      }
      day = nextDay(day);
      t = Math.max(t, dayStart(day));
    }
    throw new Error('working-hours limit beyond ten years');
  }

  /** Office time (ms) between two instants; used for the share of a limit used up. */
  workingMsBetween(from: Date, to: Date): number {
    if (to <= from) return 0;
    let total = 0;
    let day = localDate(from);
    const end = to.getTime();
    for (let guard = 0; guard < 3660 && dayStart(day) < end; guard++) {
      if (this.isWorkday(day)) {
        const base = dayStart(day);
        for (const [a, b] of this.officeHours) {
          const s = Math.max(from.getTime(), base + a * 60_000);
          const e = Math.min(end, base + b * 60_000);
          if (e > s) total += e - s;
        }
      }
      day = nextDay(day);
    }
    return total;
  }
}
