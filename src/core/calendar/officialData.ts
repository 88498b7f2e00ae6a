// The State Council's published arrangements, as packaged by chinese-days
// (holidays and make-up working days per year).
import { createRequire } from 'node:module';
import type { CalendarSource } from './workingCalendar.js';

const require = createRequire(import.meta.url);

interface RawData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let cached: CalendarSource | undefined;

/** "National Day,国庆节,3" → "国庆节" */
const chineseName = (v: string) => v.split(',')[1] ?? v;

export function officialCalendar(): CalendarSource {
  if (cached) return cached;
  const raw = require('chinese-days/dist/chinese-days.json') as RawData;
  const holidays: Record<string, string> = {};
  const workdays: Record<string, string> = {};
  const years = new Set<number>();
  for (const [d, v] of Object.entries(raw.holidays)) {
    holidays[d] = chineseName(v);
    years.add(Number(d.slice(0, 4)));
  }
  for (const [d, v] of Object.entries(raw.workdays)) workdays[d] = `${chineseName(v)}调休上班`;
  cached = { holidays, workdays, years: [...years].sort() };
  return cached;
}

/** Official data merged with uploaded years (an upload replaces that year entirely). */
export function mergeCalendars(base: CalendarSource, uploads: CalendarSource[]): CalendarSource {
  const replaced = new Set(uploads.flatMap((u) => u.years));
  const keep = (rec: Record<string, string>) => Object.fromEntries(Object.entries(rec).filter(([d]) => !replaced.has(Number(d.slice(0, 4)))));
  const out: CalendarSource = { holidays: keep(base.holidays), workdays: keep(base.workdays), years: base.years.filter((y) => !replaced.has(y)) };
  for (const u of uploads) {
    Object.assign(out.holidays, u.holidays);
    Object.assign(out.workdays, u.workdays);
    out.years.push(...u.years);
  }
  out.years = [...new Set(out.years)].sort();
  return out;
}
