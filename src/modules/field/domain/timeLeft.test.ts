import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../core/calendar/index.js';
import { timeLeftMs } from './timeLeft.js';

// no official data: the statutory fallback; 2026-12-04 is a Friday
const cal = new WorkingCalendar({ years: [], holidays: {}, workdays: {} });
const at = (s: string) => new Date(`${s}+08:00`);
const H = 3600_000;

describe('time left on a limit', () => {
  it('office time skips the night and the weekend; the clock does not', () => {
    const now = at('2026-12-04T16:00:00');
    const due = at('2026-12-07T10:00:00'); // Monday
    const office = timeLeftMs(cal, now, due, false);
    const clock = timeLeftMs(cal, now, due, true);
    expect(clock).toBe(66 * H);
    expect(office).toBeGreaterThan(0);
    expect(office).toBeLessThan(4 * H); // Friday's end of office + Monday's first hour
  });
  it('is negative once overdue, by the office time since the deadline', () => {
    const due = at('2026-12-07T10:00:00');
    expect(timeLeftMs(cal, at('2026-12-07T11:00:00'), due, false)).toBe(-1 * H);
    expect(timeLeftMs(cal, at('2026-12-07T11:00:00'), due, true)).toBe(-1 * H);
  });
});
