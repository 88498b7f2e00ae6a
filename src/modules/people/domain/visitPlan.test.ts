import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { officialCalendar, WorkingCalendar, localDate } from '../../../core/calendar/index.js';
import { addMonths, dueAfter, dueState, matchRule, planFor, visitCounts, type VisitRule } from './visitPlan.js';

const cal = new WorkingCalendar(officialCalendar());
const rule = (id: number, r: Partial<VisitRule>): VisitRule => ({ id, position: id, minAge: 60, maxAge: null, livesAlone: null, minCareLevel: null, every: 1, unit: 'month', active: true, ...r });
// the demo's rules: 80+ alone weekly; care level 4+ weekly; alone fortnightly; 80+ monthly; others quarterly
const RULES: VisitRule[] = [
  rule(1, { minAge: 80, livesAlone: true, every: 1, unit: 'week' }),
  rule(2, { minCareLevel: 4, every: 1, unit: 'week' }),
  rule(3, { livesAlone: true, every: 2, unit: 'week' }),
  rule(4, { minAge: 80, every: 1, unit: 'month' }),
  rule(5, { every: 3, unit: 'month' }),
];
const at = (iso: string) => new Date(iso);
const TODAY = '2025-09-24';

describe('which visit rule applies', () => {
  it('80+ living alone: weekly; the same person not alone: monthly', () => {
    expect(matchRule(RULES, { birthDate: '1940-05-01', livesAlone: true, careLevel: 0 }, TODAY)?.id).toBe(1);
    expect(matchRule(RULES, { birthDate: '1940-05-01', livesAlone: false, careLevel: 0 }, TODAY)?.id).toBe(4);
  });

  it('a high care level is weekly at any age; living alone under 80 is fortnightly; the rest quarterly', () => {
    expect(matchRule(RULES, { birthDate: '1960-01-01', livesAlone: false, careLevel: 4 }, TODAY)?.id).toBe(2);
    expect(matchRule(RULES, { birthDate: '1955-01-01', livesAlone: true, careLevel: 0 }, TODAY)?.id).toBe(3);
    expect(matchRule(RULES, { birthDate: '1955-01-01', livesAlone: false, careLevel: 1 }, TODAY)?.id).toBe(5);
  });

  it('the rule follows the age on the day: the 80th birthday moves someone living alone to weekly', () => {
    const s = { birthDate: '1945-09-25', livesAlone: true, careLevel: 0 };
    expect(matchRule(RULES, s, '2025-09-24')?.id).toBe(3);
    expect(matchRule(RULES, s, '2025-09-25')?.id).toBe(1);
  });

  it('inactive rules and rules out of order are handled by position', () => {
    const rules = [rule(9, { position: 0, minAge: 80, livesAlone: true, every: 3, unit: 'day', active: false }), ...RULES.slice().reverse()];
    expect(matchRule(rules, { birthDate: '1940-05-01', livesAlone: true, careLevel: 0 }, TODAY)?.id).toBe(1);
    expect(matchRule([], { birthDate: '1940-05-01', livesAlone: true, careLevel: 0 }, TODAY)).toBeUndefined();
  });
});

describe('when the next visit is due', () => {
  it('weekly after an ordinary Wednesday: the next Wednesday, by the end of office hours', () => {
    const due = dueAfter({ every: 1, unit: 'week' }, at('2025-09-10T02:00:00Z'), cal);
    expect(localDate(due)).toBe('2025-09-17');
    expect(due.toISOString()).toBe('2025-09-17T09:30:00.000Z'); // 17:30 in Shanghai
  });

  it('a deadline on a National Day holiday moves to the first working day after it', () => {
    // 2025: 1–8 October off
    expect(localDate(dueAfter({ every: 1, unit: 'week' }, at('2025-09-24T02:00:00Z'), cal))).toBe('2025-10-09');
  });

  it('a deadline on a make-up working Saturday (调休) stays there', () => {
    // 2025-10-11 is a Saturday worked in exchange for the holiday
    expect(localDate(dueAfter({ every: 1, unit: 'week' }, at('2025-10-04T02:00:00Z'), cal))).toBe('2025-10-11');
    expect(cal.isWorkday('2025-10-11')).toBe(true);
  });

  it('monthly keeps the day of the month, or the last day of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    // 2025-03-31 + 1 month = 30 April, a working day before the May holiday
    expect(localDate(dueAfter({ every: 1, unit: 'month' }, at('2025-03-31T03:00:00Z'), cal))).toBe('2025-04-30');
  });

  it('working-day rules count working days only', () => {
    // Thursday 25 September 2025 + 3 working days: Fri 26, Sun 28 (a make-up working day), Mon 29
    expect(localDate(dueAfter({ every: 3, unit: 'working_day' }, at('2025-09-25T02:00:00Z'), cal))).toBe('2025-09-29');
  });

  it('the plan counts from the last visit, or from registration before any visit', () => {
    const s = { birthDate: '1940-05-01', livesAlone: true, careLevel: 0, registeredAt: at('2025-09-01T02:00:00Z') };
    expect(localDate(planFor(RULES, { ...s, lastVisitAt: null }, TODAY, cal)!.due)).toBe('2025-09-08');
    expect(localDate(planFor(RULES, { ...s, lastVisitAt: at('2025-09-15T02:00:00Z') }, TODAY, cal)!.due)).toBe('2025-09-22');
    expect(planFor([], { ...s, lastVisitAt: null }, TODAY, cal)).toBeNull();
  });

  it('a visit where nobody was home does not count', () => {
    expect(visitCounts('well')).toBe(true);
    expect(visitCounts('needs_help')).toBe(true);
    expect(visitCounts('hospitalised')).toBe(true);
    expect(visitCounts('not_home')).toBe(false);
  });

  it('overdue after the deadline; due within the coming seven days; planned beyond', () => {
    const due = at('2025-09-17T09:30:00Z');
    expect(dueState(due, at('2025-09-17T09:31:00Z'))).toBe('overdue');
    expect(dueState(due, at('2025-09-17T09:29:00Z'))).toBe('due');
    expect(dueState(due, at('2025-09-10T01:00:00Z'))).toBe('due');
    expect(dueState(due, at('2025-09-09T15:59:00Z'))).toBe('planned');
    expect(dueState(null, at('2025-09-09T09:29:00Z'))).toBe('none');
  });

  it('every deadline is the first working day on or after the nominal day (weeks or days after the visit)', () => {
    const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 1, max: 6 }), fc.constantFrom('day' as const, 'week' as const), (anchor, every, unit) => {
        const due = localDate(dueAfter({ every, unit }, anchor, cal));
        const nominal = plusDays(localDate(anchor), every * (unit === 'week' ? 7 : 1));
        if (!cal.isWorkday(due) || due < nominal) return false;
        for (let d = nominal; d < due; d = plusDays(d, 1)) if (cal.isWorkday(d)) return false;
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('the Spring Festival pushes a fortnightly deadline past the whole holiday', () => {
    // 2026: 15–23 February off
    expect(localDate(dueAfter({ every: 2, unit: 'week' }, at('2026-02-01T02:00:00Z'), cal))).toBe('2026-02-24');
  });
});
