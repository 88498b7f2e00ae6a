import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkingCalendar, officialCalendar } from '../../../core/calendar/index.js';
import { deadline, postponedDeadline, remainingMs, resumeDeadline, stepClock, usedShare, warnAt } from './sla.js';

const cal = new WorkingCalendar(officialCalendar());
const sh = (local: string) => new Date(`${local}+08:00`);
const fmt = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('limits on the Chinese working calendar', () => {
  it('a 2-working-day limit starting 2026-09-30 afternoon ends on 2026-10-09 (National Day and its make-up days)', () => {
    expect(fmt(deadline(cal, sh('2026-09-30T15:20:00'), { amount: 2, unit: 'working_days' }, 'normal'))).toBe('2026-10-09 17:30');
  });

  it('working hours skip the holiday; the make-up Saturday counts', () => {
    expect(fmt(deadline(cal, sh('2026-09-30T16:00:00'), { amount: 4, unit: 'working_hours' }, 'major'))).toBe('2026-10-08 11:30');
    expect(fmt(deadline(cal, sh('2026-10-09T17:00:00'), { amount: 2, unit: 'working_hours' }, 'normal'))).toBe('2026-10-10 10:30');
  });

  it('urgent cases run on the clock, 24/7, through the holiday', () => {
    expect(fmt(deadline(cal, sh('2026-09-30T15:20:00'), { amount: 2, unit: 'working_days' }, 'urgent'))).toBe('2026-10-02 15:20');
    expect(fmt(deadline(cal, sh('2026-10-01T23:00:00'), { amount: 4, unit: 'working_hours' }, 'urgent'))).toBe('2026-10-02 03:00');
    expect(fmt(deadline(cal, sh('2026-10-01T23:00:00'), { amount: 15, unit: 'minutes' }, 'normal'))).toBe('2026-10-01 23:15');
  });

  it('a year without official data (2027) uses the statutory holidays', () => {
    // 2027-09-30 is a Thursday; 10-01..10-03 statutory, 10-02/10-03 a weekend: Fri 10-01 off, Mon 10-04 counts
    expect(fmt(deadline(cal, sh('2027-09-30T14:00:00'), { amount: 2, unit: 'working_days' }, 'normal'))).toBe('2027-10-05 17:30');
    // Spring Festival 2027: eve 02-05 and 02-06..02-08 off (Sat/Sun inside)
    expect(fmt(deadline(cal, sh('2027-02-04T10:00:00'), { amount: 1, unit: 'working_days' }, 'normal'))).toBe('2027-02-09 17:30');
  });

  it('warns at 80% of the limit in its own kind of time', () => {
    const start = sh('2026-09-30T16:00:00');
    const due = deadline(cal, start, { amount: 4, unit: 'working_hours' }, 'normal');
    // 3.2 working hours: 1.5 h on 09-30, then 1.7 h from 10-08 09:00
    expect(fmt(warnAt(cal, start, due, false))).toBe('2026-10-08 10:42');
    expect(fmt(warnAt(cal, sh('2026-10-01T10:00:00'), sh('2026-10-01T15:00:00'), true))).toBe('2026-10-01 14:00');
    expect(stepClock(cal, start, { amount: 4, unit: 'working_hours' }, 'normal')).toMatchObject({ clock: false });
  });

  it('postponement moves the deadline by the limit unit; suspension keeps the time left', () => {
    const due = sh('2026-09-30T17:30:00');
    expect(fmt(postponedDeadline(cal, due, { amount: 1, unit: 'working_days' }, 2, 'normal'))).toBe('2026-10-09 17:30');
    const left = remainingMs(cal, sh('2026-09-30T16:30:00'), due, false);
    expect(left).toBe(3600_000);
    expect(fmt(resumeDeadline(cal, sh('2026-10-08T09:00:00'), left, false))).toBe('2026-10-08 10:00');
    expect(remainingMs(cal, sh('2026-10-08T10:00:00'), due, false)).toBe(-3600_000);
  });

  it('the share used grows monotonically from 0 to 1 over the limit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 24 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), (h, amount, urgent) => {
        const start = new Date(Date.UTC(2026, 0, 1) + h * 3600_000);
        const limit = { amount, unit: 'working_hours' as const };
        const due = deadline(cal, start, limit, urgent ? 'urgent' : 'normal');
        expect(due.getTime()).toBeGreaterThan(start.getTime());
        const clock = urgent;
        expect(usedShare(cal, start, due, due, clock)).toBeCloseTo(1, 5);
        const w = warnAt(cal, start, due, clock);
        expect(w.getTime()).toBeLessThanOrEqual(due.getTime());
        expect(usedShare(cal, start, due, w, clock)).toBeCloseTo(0.8, 3);
      }),
      { numRuns: 300 },
    );
  });
});
