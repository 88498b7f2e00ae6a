import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkingCalendar, officialCalendar, localDate } from './index.js';

const cal = new WorkingCalendar(officialCalendar());
const sh = (local: string) => new Date(`${local}+08:00`);
const fmt = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('working calendar (Asia/Shanghai, official 2026 data)', () => {
  it('knows the 2026 National Day holiday and its make-up working days', () => {
    expect(cal.isWorkday('2026-10-01')).toBe(false);
    expect(cal.isWorkday('2026-10-07')).toBe(false);
    expect(cal.isWorkday('2026-10-10')).toBe(true); // Saturday, make-up day
    expect(cal.isWorkday('2026-09-20')).toBe(true); // Sunday, make-up day
    expect(cal.isWorkday('2026-10-11')).toBe(false); // ordinary Sunday
  });

  it('a 2-working-day limit starting 2026-09-30 afternoon ends on 2026-10-09', () => {
    const due = cal.addWorkingDays(sh('2026-09-30T14:30:00'), 2);
    expect(fmt(due)).toBe('2026-10-09 17:30');
  });

  it('working hours skip lunch, nights and the holiday', () => {
    // 16:30 on the last working day before National Day: 1 h left that day, then 10-08.
    expect(fmt(cal.addWorkingHours(sh('2026-09-30T16:30:00'), 4))).toBe('2026-10-08 12:00');
    expect(fmt(cal.addWorkingHours(sh('2026-10-09T11:00:00'), 2))).toBe('2026-10-09 14:00');
    // a make-up Saturday counts as a working day
    expect(fmt(cal.addWorkingHours(sh('2026-10-09T17:00:00'), 1))).toBe('2026-10-10 09:30');
  });

  it('a year without official data falls back to statutory holidays and says so', () => {
    expect(cal.hasOfficialData(2026)).toBe(true);
    expect(cal.hasOfficialData(2027)).toBe(false);
    expect(cal.missingYears(2026, 2027)).toEqual([2027]);
    const info = cal.dayInfo('2027-10-01');
    expect(info).toEqual({ work: false, name: '国庆节', official: false });
    expect(cal.isWorkday('2027-02-08')).toBe(false); // 春节 (正月初三), from the lunar table
    expect(cal.isWorkday('2027-10-08')).toBe(true); // a plain Friday
    // 1 working day from Thursday 2026-12-31: Jan 1 2027 is a holiday, Jan 2–3 weekend → Jan 4
    expect(fmt(cal.addWorkingDays(sh('2026-12-31T10:00:00'), 1))).toBe('2027-01-04 17:30');
  });

  it('an uploaded calendar replaces the fallback for its year', () => {
    const base = officialCalendar();
    const withUpload = new WorkingCalendar({
      holidays: { ...base.holidays, '2027-01-01': '元旦', '2027-01-04': '测试假日' },
      workdays: base.workdays,
      years: [...base.years, 2027],
    });
    expect(withUpload.hasOfficialData(2027)).toBe(true);
    expect(fmt(withUpload.addWorkingDays(sh('2026-12-31T10:00:00'), 1))).toBe('2027-01-05 17:30');
  });

  it('property: a working-hours deadline holds exactly that much office time', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2026-01-01'), max: Date.parse('2027-06-01') }), fc.integer({ min: 1, max: 200 }), (t, h) => {
        const start = new Date(t);
        const due = cal.addWorkingHours(start, h / 4);
        expect(cal.workingMsBetween(start, due)).toBe(Math.round((h / 4) * 3600_000));
        expect(cal.isWorkday(localDate(due))).toBe(true);
      }),
    );
  });

  it('property: a working-days deadline falls at close of office on a working day', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2026-01-01'), max: Date.parse('2027-06-01') }), fc.integer({ min: 1, max: 30 }), (t, n) => {
        const due = cal.addWorkingDays(new Date(t), n);
        expect(fmt(due).slice(11)).toBe('17:30');
        expect(cal.isWorkday(localDate(due))).toBe(true);
        expect(due.getTime()).toBeGreaterThan(t);
      }),
    );
  });
});
