// 月月进楼: every office building is put on the calendar once a month. Buildings are
// spread evenly over the working days left in the month and the agents take turns.
import type { WorkingCalendar } from '../../../core/calendar/index.js';

export interface PlannedVisit {
  buildingId: number;
  plannedOn: string;
  agentId: number | null;
}

/** YYYY-MM of an instant in Asia/Shanghai. */
export const monthOf = (localDay: string) => localDay.slice(0, 7);

export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** Working days of the month from `fromDay` on (the whole month if it lies before). */
export function workingDaysLeft(cal: WorkingCalendar, month: string, fromDay: string): string[] {
  const days = daysOfMonth(month).filter((d) => d >= fromDay && cal.isWorkday(d));
  // a plan made on the last day(s) with no working day left still needs dates
  return days.length ? days : [daysOfMonth(month).filter((d) => d >= fromDay)[0] ?? daysOfMonth(month).at(-1)!];
}

export function planMonth(buildingIds: number[], agentIds: number[], workdays: string[]): PlannedVisit[] {
  if (workdays.length === 0) throw new Error('a plan needs at least one day');
  const n = buildingIds.length;
  return buildingIds.map((buildingId, i) => ({
    buildingId,
    plannedOn: workdays[Math.floor((i * workdays.length) / Math.max(n, 1))]!,
    agentId: agentIds.length ? agentIds[i % agentIds.length]! : null,
  }));
}

export function isMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
