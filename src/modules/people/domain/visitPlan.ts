// Care-visit plans: which rule applies to a person and when their next visit is due.
// Rules are data (visit_rules, per tenant); the first active rule that matches wins.
// Visits happen on working days, so a deadline falling on a holiday or weekend moves to
// the next working day of the Chinese calendar (调休 Saturdays count as working days).
import type { WorkingCalendar } from '../../../core/calendar/index.js';
import { dayStart, localDate } from '../../../core/calendar/index.js';
import { ageOn } from './age.js';

export const VISIT_UNITS = ['day', 'week', 'month', 'working_day'] as const;
export type VisitUnit = (typeof VISIT_UNITS)[number];

export interface VisitRule {
  id: number;
  position: number;
  minAge: number;
  maxAge: number | null;
  livesAlone: boolean | null;
  minCareLevel: number | null;
  every: number;
  unit: VisitUnit;
  active: boolean;
}

export interface PlanSubject {
  birthDate: string;
  livesAlone: boolean;
  careLevel: number;
  registeredAt: Date;
  /** the last visit that counted (someone was met) */
  lastVisitAt: Date | null;
}

export interface Plan {
  ruleId: number;
  due: Date;
}

/** Outcomes of a visit that count as having seen the person. */
export const COUNTING_OUTCOMES = ['well', 'needs_help', 'hospitalised'] as const;
export const VISIT_OUTCOMES = [...COUNTING_OUTCOMES, 'not_home'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
export const visitCounts = (outcome: string) => (COUNTING_OUTCOMES as readonly string[]).includes(outcome);

export function matchRule<R extends VisitRule>(rules: readonly R[], s: Pick<PlanSubject, 'birthDate' | 'livesAlone' | 'careLevel'>, today: string): R | undefined {
  const age = ageOn(s.birthDate, today);
  return [...rules]
    .filter((r) => r.active)
    .sort((a, b) => a.position - b.position || a.id - b.id)
    .find((r) => age >= r.minAge && (r.maxAge === null || age <= r.maxAge) && (r.livesAlone === null || r.livesAlone === s.livesAlone) && (r.minCareLevel === null || s.careLevel >= r.minCareLevel));
}

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The same day of the month n months later, or the month's last day when it is shorter. */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** End of office hours of a local day: the moment a visit due that day becomes overdue. */
export function endOfWorkingDay(day: string, cal: WorkingCalendar): Date {
  const hours = cal.officeHours;
  return new Date(dayStart(day) + hours[hours.length - 1]![1] * 60_000);
}

export function nextWorkingDay(day: string, cal: WorkingCalendar): string {
  let d = day;
  for (let guard = 0; guard < 60 && !cal.isWorkday(d); guard++) d = addDays(d, 1);
  return d;
}

/** When a visit is due after `anchor` under a rule. */
export function dueAfter(rule: Pick<VisitRule, 'every' | 'unit'>, anchor: Date, cal: WorkingCalendar): Date {
  if (rule.unit === 'working_day') return cal.addWorkingDays(anchor, rule.every);
  const from = localDate(anchor);
  const day = rule.unit === 'month' ? addMonths(from, rule.every) : addDays(from, rule.every * (rule.unit === 'week' ? 7 : 1));
  return endOfWorkingDay(nextWorkingDay(day, cal), cal);
}

/** The plan for a person on a day, or null when no rule applies. */
export function planFor(rules: readonly VisitRule[], s: PlanSubject, today: string, cal: WorkingCalendar): Plan | null {
  const rule = matchRule(rules, s, today);
  if (!rule) return null;
  return { ruleId: rule.id, due: dueAfter(rule, s.lastVisitAt ?? s.registeredAt, cal) };
}

export type DueState = 'overdue' | 'due' | 'planned' | 'none';

/** "Due" means due by the end of the seventh day from today (local days). */
export function dueSoonLimit(now: Date, soonDays = 7): Date {
  return new Date(dayStart(addDays(localDate(now), soonDays + 1)));
}

/** overdue: past the deadline; due: the deadline falls within the coming week. */
export function dueState(due: Date | null, now: Date, soonDays = 7): DueState {
  if (!due) return 'none';
  if (due.getTime() < now.getTime()) return 'overdue';
  return due.getTime() < dueSoonLimit(now, soonDays).getTime() ? 'due' : 'planned';
}
