import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { CALENDAR_SERVICE, type CalendarService } from './index.js';

let tp: TestPlatform;
const now = new Date('2026-11-30T10:00:00+08:00');
beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => now } });
});
afterAll(async () => tp?.close());

describe('calendar over HTTP', () => {
  it('warns that next year has no official calendar', async () => {
    const c = await tp.as('dispatcher');
    const res = (await c.get('/api/v1/calendar/status')).json();
    expect(res.years).toEqual([
      { year: 2025, official: true },
      { year: 2026, official: true },
      { year: 2027, official: false },
    ]);
    expect(res.warning).toContain('2027');
    expect(res.officeHours).toEqual([
      ['09:00', '12:00'],
      ['13:00', '17:30'],
    ]);
  });

  it('lists the days of National Day 2026 with the make-up Saturday', async () => {
    const c = await tp.as('dispatcher');
    const days = (await c.get('/api/v1/calendar/days?from=2026-10-06&to=2026-10-10')).json() as { date: string; work: boolean; name: string | null }[];
    expect(days.map((d) => [d.date, d.work])).toEqual([
      ['2026-10-06', false],
      ['2026-10-07', false],
      ['2026-10-08', true],
      ['2026-10-09', true],
      ['2026-10-10', true],
    ]);
    expect(days[0]!.name).toBe('国庆节');
  });

  it('an admin uploads 2027; bad dates are refused naming the field; the warning goes', async () => {
    const admin = await tp.as('admin');
    const bad = await admin.put('/api/v1/calendar/years/2027', { holidays: { '2027-02-30': '春节', '2026-10-01': '国庆节' }, workdays: {} });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['holidays.2027-02-30', 'holidays.2026-10-01']);
    expect((await (await tp.as('dispatcher')).put('/api/v1/calendar/years/2027', { holidays: { '2027-01-01': '元旦' }, workdays: {} })).statusCode).toBe(403);

    const ok = await admin.put('/api/v1/calendar/years/2027', { holidays: { '2027-01-01': '元旦', '2027-02-05': '春节', '2027-02-08': '春节', '2027-02-09': '春节' }, workdays: { '2027-02-20': '春节调休上班' }, source: '国务院办公厅通知（测试）' });
    expect(ok.statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    const cal = await (tp.platform.ctx.services.get(CALENDAR_SERVICE) as CalendarService).forTenant('shimen2');
    expect(cal.hasOfficialData(2027)).toBe(true);
    expect(cal.isWorkday('2027-02-09')).toBe(false);
    expect(cal.isWorkday('2027-02-20')).toBe(true);
    expect(cal.isWorkday('2027-10-01')).toBe(true); // the upload is the whole truth for its year
    const status = (await admin.get('/api/v1/calendar/status')).json();
    expect(status.warning).toBeNull();
  });
});
