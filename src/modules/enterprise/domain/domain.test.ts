import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkingCalendar, officialCalendar, localDate } from '../../../core/calendar/index.js';
import { CREDIT_ALPHABET, isValidCreditCode, withCheckChar } from './creditCode.js';
import { computeLimit, limitState } from './limits.js';
import { canMoveStep, requestActions, type RequestFacts, type Who } from './requestRules.js';
import { daysOfMonth, planMonth, previousMonth, workingDaysLeft } from './visitPlan.js';
import { monthsBetween, ratio } from './stats.js';
import { idFromCode, requestCode } from './requestCode.js';

const cal = new WorkingCalendar(officialCalendar());
const body17 = fc.array(fc.constantFrom(...CREDIT_ALPHABET.split('')), { minLength: 9, maxLength: 9 }).map((cs) => `91310106${cs.join('')}`);

describe('unified social credit code', () => {
  it('a code with its check character is valid; any single changed character is caught', () => {
    fc.assert(
      fc.property(body17, fc.nat(17), fc.constantFrom(...CREDIT_ALPHABET.split('')), (b, pos, ch) => {
        const code = withCheckChar(b);
        expect(isValidCreditCode(code)).toBe(true);
        const changed = code.slice(0, pos) + ch + code.slice(pos + 1);
        if (changed !== code && /^\d{6}$/.test(changed.slice(2, 8))) expect(isValidCreditCode(changed)).toBe(false);
      }),
    );
  });
  it('refuses letters outside the alphabet and wrong lengths', () => {
    expect(isValidCreditCode('91310106MA1FL0001I')).toBe(false);
    expect(isValidCreditCode('9131010')).toBe(false);
  });
});

describe('limits on the working calendar', () => {
  it('the due time is close of office on the N-th working day after receipt; the warning lies before it', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2026-12-01T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 1, max: 20 }), (start, days) => {
        const { dueAt, warnAt } = computeLimit(cal, start, days);
        const dueDay = localDate(dueAt);
        expect(cal.isWorkday(dueDay)).toBe(true);
        expect(new Date(dueAt.getTime() + 8 * 3600_000).toISOString().slice(11, 16)).toBe('17:30');
        let n = 0;
        for (let t = Date.parse(`${localDate(start)}T00:00:00Z`) + 86_400_000; ; t += 86_400_000) {
          const d = new Date(t).toISOString().slice(0, 10);
          if (cal.isWorkday(d)) n++;
          if (d === dueDay) break;
        }
        expect(n).toBe(days);
        expect(warnAt.getTime()).toBeGreaterThan(start.getTime() - 1);
        expect(warnAt.getTime()).toBeLessThan(dueAt.getTime());
      }),
    );
  });
  it('states against the limit', () => {
    const r = { status: 'in_progress', dueAt: new Date('2026-10-10T09:30:00Z'), warnAt: new Date('2026-10-09T06:00:00Z'), completedAt: null };
    expect(limitState(r, new Date('2026-10-01T00:00:00Z'))).toBe('running');
    expect(limitState(r, new Date('2026-10-09T07:00:00Z'))).toBe('warning');
    expect(limitState(r, new Date('2026-10-11T00:00:00Z'))).toBe('overdue');
    expect(limitState({ ...r, completedAt: new Date('2026-10-10T09:00:00Z') }, new Date('2026-12-01T00:00:00Z'))).toBe('done_on_time');
    expect(limitState({ ...r, status: 'cancelled' }, new Date('2026-12-01T00:00:00Z'))).toBe('none');
  });
});

describe('what can happen to a request', () => {
  const open: RequestFacts = { status: 'in_progress', ownerId: 7, rated: false, openSteps: 1, pendingHandover: null };
  const owner: Who = { userId: 7, agent: true, chief: false, ownEnterprise: false };
  const colleague: Who = { userId: 8, agent: true, chief: false, ownEnterprise: false };
  const chief: Who = { userId: 1, agent: true, chief: true, ownEnterprise: false };
  const enterprise: Who = { userId: 50, agent: false, chief: false, ownEnterprise: true };
  it('the owner works and hands over; a colleague may only report what they see; the chief supervises', () => {
    expect(requestActions(open, owner)).toEqual(['handover', 'work', 'cancel', 'report_street_problem']);
    expect(requestActions(open, colleague)).toEqual(['report_street_problem']);
    expect(requestActions(open, chief)).toEqual(['handover', 'work', 'cancel', 'report_street_problem']);
    expect(requestActions({ ...open, openSteps: 0 }, owner)).toContain('complete');
  });
  it('nobody owns a submitted request until it is claimed or assigned', () => {
    const submitted: RequestFacts = { ...open, status: 'submitted', ownerId: null };
    expect(requestActions(submitted, colleague)).toEqual(['claim', 'report_street_problem']);
    expect(requestActions(submitted, chief)).toEqual(['claim', 'assign', 'cancel', 'report_street_problem']);
    expect(requestActions(submitted, enterprise)).toEqual(['cancel']);
  });
  it('a pending hand-over is answered by its taker or withdrawn by its initiator; no second one meanwhile', () => {
    const pending: RequestFacts = { ...open, pendingHandover: { toUserId: 8, initiatedBy: 7 } };
    expect(requestActions(pending, owner)).not.toContain('handover');
    expect(requestActions(pending, owner)).toContain('respond_handover');
    expect(requestActions(pending, colleague)).toContain('respond_handover');
  });
  it('only the requesting enterprise rates, once, after completion', () => {
    const done: RequestFacts = { ...open, status: 'completed', openSteps: 0 };
    expect(requestActions(done, enterprise)).toEqual(['rate']);
    expect(requestActions({ ...done, rated: true }, enterprise)).toEqual([]);
    expect(requestActions(done, owner)).toEqual(['report_street_problem']);
    expect(requestActions(open, enterprise)).toEqual(['cancel']);
  });
  it('steps move forward; a done step stays done', () => {
    expect(canMoveStep('pending', 'in_progress')).toBe(true);
    expect(canMoveStep('in_progress', 'done')).toBe(true);
    expect(canMoveStep('done', 'pending')).toBe(false);
    expect(canMoveStep('skipped', 'pending')).toBe(true);
  });
});

describe('visit plans', () => {
  it('every building gets one working day of the month, in order, the agents taking turns', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 2025, max: 2026 }), fc.integer({ min: 1, max: 12 }), (n, agents, year, m) => {
        const month = `${year}-${String(m).padStart(2, '0')}`;
        const days = workingDaysLeft(cal, month, `${month}-01`);
        const plan = planMonth(Array.from({ length: n }, (_, i) => i + 1), Array.from({ length: agents }, (_, i) => 100 + i), days);
        expect(plan).toHaveLength(n);
        expect(plan.every((p) => days.includes(p.plannedOn))).toBe(true);
        expect([...plan.map((p) => p.plannedOn)].sort()).toEqual(plan.map((p) => p.plannedOn));
        if (agents) expect(plan[0]!.agentId).toBe(100);
        else expect(plan.every((p) => p.agentId === null)).toBe(true);
        // spread: no day holds more than its share rounded up
        const perDay = new Map<string, number>();
        for (const p of plan) perDay.set(p.plannedOn, (perDay.get(p.plannedOn) ?? 0) + 1);
        expect(Math.max(...perDay.values())).toBeLessThanOrEqual(Math.ceil(n / days.length));
      }),
    );
  });
  it('National Day week of October 2026 holds no visit; months and ranges', () => {
    const days = workingDaysLeft(cal, '2026-10', '2026-10-01');
    expect(days[0]).toBe('2026-10-08');
    expect(days).toContain('2026-10-10'); // the make-up Saturday
    expect(daysOfMonth('2028-02')).toHaveLength(29);
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(ratio(1, 0)).toBeNull();
  });
});

describe('request numbers', () => {
  it('carry the local date of receipt and the id, and read back', () => {
    const code = requestCode(new Date('2026-09-30T17:00:00Z'), 42);
    expect(code).toBe('QF20261001-00042');
    expect(idFromCode(code)).toBe(42);
    expect(idFromCode('42')).toBe(42);
    expect(idFromCode('凯迪克')).toBeNull();
  });
});
