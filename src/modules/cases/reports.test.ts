// Time and numbers: SLA warnings and overdue marks (exactly once), limits across the
// 2026 National Day and in 2027 (no official data, then an uploaded calendar), KPIs as
// DOMAIN.md defines them, the roll-up matching the cases, hotspots, exports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { HOT, JPEG, act, as, detail, offset, report } from './testkit.js';
import { HOTSPOT } from '../../../demo/geography.js';
import { startPlatform } from '../../app.js';
import { testConfig } from '../../../test/harness.js';

let tp: TestPlatform;
let t = new Date('2030-03-05T10:00:00+08:00');
const at = (local: string) => (t = new Date(`${local}+08:00`));
beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => t } });
});
afterAll(async () => tp?.close());
const iso = (local: string) => new Date(`${local}+08:00`).toISOString();
const sweep = () => tp.platform.ctx.sweeper.runNow('cases.sla');

describe('limits on the working calendar', () => {
  it('a 2-working-day limit starting 2026-09-30 afternoon ends on 2026-10-09; in 2027 statutory holidays apply until a calendar is uploaded', async () => {
    const admin = await as(tp, 'admin');
    const depts = (await admin.get('/api/v1/departments')).json() as { id: number; code: string }[];
    const cat = await admin.post('/api/v1/case-categories', { code: '90050', kind: 'event', majorCode: '90', majorName: '本地类别', name: '测试·两日办结', nameEn: 'Two working days', defaultGrade: 'normal', departmentId: depts.find((d) => d.code === 'FG')!.id, limits: { handle: { amount: 2, unit: 'working_days' } } });
    expect(cat.statusCode, cat.body).toBe(201);
    const leader = await as(tp, 'leader');
    at('2026-09-30T15:00:00');
    const a = await report(leader, { categoryCode: '90050', description: '测试', register: true, dispatch: true });
    expect(a.handleDueAt).toBe(iso('2026-10-09T17:30:00'));
    // urgent on the clock: 48 hours, straight through the holiday
    const u = await report(leader, { categoryCode: '90050', description: '测试', grade: 'urgent', register: true, dispatch: true });
    expect(u.handleDueAt).toBe(iso('2026-10-02T15:00:00'));

    at('2027-09-20T10:00:00');
    const status = (await admin.get('/api/v1/calendar/status')).json();
    expect(status.warning).toContain('2027');
    at('2027-09-30T14:00:00');
    const b = await report(leader, { categoryCode: '90050', description: '测试', register: true, dispatch: true });
    expect(b.handleDueAt).toBe(iso('2027-10-05T17:30:00')); // 10-01 statutory, 10-02/03 weekend
    const up = await admin.put('/api/v1/calendar/years/2027', {
      holidays: Object.fromEntries(['01-01', '02-06', '02-07', '02-08', '02-09', '02-10', '02-11', '02-12', '10-01', '10-02', '10-03', '10-04', '10-05', '10-06', '10-07'].map((d) => [`2027-${d}`, '节假日'])),
      workdays: { '2027-09-26': '国庆节调休上班', '2027-10-09': '国庆节调休上班' },
      source: '国务院办公厅通知（测试）',
    });
    expect(up.statusCode, up.body).toBe(200);
    for (let i = 0; i < 50 && (await admin.get('/api/v1/calendar/status')).json().warning; i++) await new Promise((r) => setTimeout(r, 50));
    const c = await report(leader, { categoryCode: '90050', description: '测试', register: true, dispatch: true });
    expect(c.handleDueAt).toBe(iso('2027-10-09T17:30:00')); // 10-08 Friday, 10-09 make-up Saturday
    expect((await detail(leader, b.id)).handleDueAt).toBe(iso('2027-10-05T17:30:00')); // given before the upload
  });
});

describe('SLA sweeps', () => {
  it('warns at 80% and marks overdue at 100%, each exactly once, with events for the screens', async () => {
    at('2030-03-12T10:00:00');
    const leader = await as(tp, 'leader');
    const c = await report(leader, { register: true, dispatch: true }); // 暴露垃圾: 2 working hours
    expect(c).toMatchObject({ handleDueAt: iso('2030-03-12T12:00:00'), stepWarnAt: iso('2030-03-12T11:36:00'), warned: false });
    at('2030-03-12T11:30:00');
    await sweep();
    expect((await detail(leader, c.id)).warned).toBe(false);
    at('2030-03-12T11:40:00');
    await sweep();
    await sweep();
    let d = await detail(leader, c.id);
    expect(d).toMatchObject({ warned: true, overdue: false });
    expect(d.timeline.filter((e: { action: string }) => e.action === 'sla_warning')).toHaveLength(1);
    at('2030-03-12T12:05:00');
    await sweep();
    await sweep();
    d = await detail(leader, c.id);
    expect(d.overdue).toBe(true);
    expect(d.timeline.filter((e: { action: string }) => e.action === 'overdue')).toHaveLength(1);
    const ev = await tp.platform.ctx.database.query<{ type: string; scope: { roles: string[] } }>(`select type, scope from events where subject_id = $1 and type in ('case.sla_warning', 'case.overdue') order by id`, [String(c.id)]);
    expect(ev.map((e) => e.type)).toEqual(['case.sla_warning', 'case.overdue']);
    expect(ev[1]!.scope.roles).toContain('shift_leader');
    const overdue = (await leader.get(`/api/v1/cases?overdue=true&q=${c.number}`)).json().items;
    expect(overdue.map((x: { id: number }) => x.id)).toEqual([c.id]);
    // handled late: it closes as overdue
    const assignee = d.assigneeId ? (await tp.platform.ctx.database.query<{ username: string }>(`select username from users where id = $1`, [d.assigneeId]))[0]!.username : null;
    const h = await as(tp, assignee!);
    await act(h, c.id, { action: 'accept' });
    const photo = (await h.post(`/api/v1/cases/${c.id}/evidence`, { evidence: [{ kind: 'photo', contentBase64: JPEG }] })).json().ids[0];
    await act(h, c.id, { action: 'handle', note: '已清运', photos: [photo] });
    await act(await as(tp, 'inspector'), c.id, { action: 'check', passed: true });
    expect(await act(leader, c.id, { action: 'close' })).toMatchObject({ closeType: 'overdue' });
  });
});

describe('several nodes', () => {
  it('two nodes sweeping at once warn about each case exactly once', async () => {
    at('2030-04-02T10:00:00');
    const leader = await as(tp, 'leader');
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push((await report(leader, { register: true, dispatch: true, location: offset(HOT, i * 7, 0) })).id as number);
    const other = await startPlatform(testConfig(), { database: tp.db.database, sweeps: false, noMqtt: true, skipDemo: true, clock: { now: () => t } });
    try {
      at('2030-04-02T11:40:00');
      const both = () => Promise.all([tp.platform.ctx.sweeper.runNow('cases.sla'), other.ctx.sweeper.runNow('cases.sla'), tp.platform.ctx.sweeper.runNow('cases.accept'), other.ctx.sweeper.runNow('cases.accept')]);
      // rows one node holds are skipped by the other and taken at its next run
      await both();
      await both();
      const rows = await tp.platform.ctx.database.query<{ case_id: number; n: number }>(`select case_id, count(*)::int as n from case_timeline where action = 'sla_warning' and case_id = any($1::bigint[]) group by 1`, [ids]);
      expect(rows.map((r) => r.n)).toEqual(ids.map(() => 1));
      const reassigned = await tp.platform.ctx.database.query<{ case_id: number; n: number }>(`select case_id, count(*)::int as n from case_timeline where action in ('reassign', 'escalate') and case_id = any($1::bigint[]) group by 1`, [ids]);
      expect(reassigned.every((r) => r.n === 1)).toBe(true);
    } finally {
      await other.close();
    }
  });
});

describe('KPIs', () => {
  it('counts the cases registered in a period as DOMAIN.md defines, by department and source', async () => {
    at('2031-03-04T09:30:00'); // Tuesday
    const leader = await as(tp, 'leader');
    const inspector = await as(tp, 'inspector');
    const dispatcher = await as(tp, 'dispatcher');
    const depts = (await leader.get('/api/v1/departments')).json() as { id: number; code: string }[];
    const id = (code: string) => depts.find((d) => d.code === code)!.id;
    const cg = (await tp.platform.ctx.database.query<{ id: number }>(`select id from users where username = 'handler'`))[0]!.id;
    const handler = await as(tp, 'handler');
    let n = 0;
    const mk = (source: string) => report(leader, { categoryCode: '06036', source, register: true, location: offset(HOT, 10 + 5 * n++, 0) });
    const walk = async (c: { id: number }, handleAt: string) => {
      await act(dispatcher, c.id, { action: 'dispatch', assigneeId: cg });
      await act(handler, c.id, { action: 'accept' });
      const photo = (await handler.post(`/api/v1/cases/${c.id}/evidence`, { evidence: [{ kind: 'photo', contentBase64: JPEG }] })).json().ids[0];
      const keep = t;
      at(handleAt);
      await act(handler, c.id, { action: 'handle', note: '已处置', photos: [photo] });
      t = keep;
      return photo as number;
    };
    const A = await mk('hotline');
    await walk(A, '2031-03-04T11:30:00'); // 2 hours, on time
    const B = await mk('hotline');
    await walk(B, '2031-03-06T11:30:00'); // due 03-05 17:30: late
    for (const c of [A, B]) {
      await act(inspector, c.id, { action: 'check', passed: true });
      await act(leader, c.id, { action: 'close' });
    }
    const C = await mk('public');
    await act(dispatcher, C.id, { action: 'dispatch', assigneeId: cg });
    await act(handler, C.id, { action: 'return', reason: '非本部门职责' });
    await act(dispatcher, C.id, { action: 'dispatch', departmentId: id('FG') });
    const D = await mk('inspector');
    await walk(D, '2031-03-04T10:30:00');
    await act(inspector, D.id, { action: 'check', passed: false, note: '返工' });
    const E = await mk('superior');
    await act(leader, E.id, { action: 'suspend', reason: '待上级协调' });
    const F = await report(leader, { categoryCode: '06036', source: 'public' });
    await act(leader, F.id, { action: 'cancel', reason: '重复反映' });
    const G = await mk('public');
    await act(leader, G.id, { action: 'force_close', closeType: 'error', reason: '误立案' });

    const k = (await leader.get('/api/v1/cases/kpis?from=2031-03-01&to=2031-03-31&by=department')).json();
    expect(k.total).toMatchObject({ due: 5, handled: 2, handledOnTime: 1, closed: 2, closedOnTime: 1, suspended: 1, dispatched: 4, returned: 1, reworked: 1, handleMs: 2 * 3600_000 + (Date.parse(iso('2031-03-06T11:30:00')) - Date.parse(iso('2031-03-04T09:30:00'))) });
    expect(k.total.rates).toEqual({ handleRate: 0.4, handleOnTimeRate: 0.2, closeRate: 0.4, closeOnTimeRate: 0.25, dispatchAccuracy: 0.75, reworkRate: 0.2, avgHandleHours: 26, urgentCloseOnTimeRate: null });
    const row = (key: string) => k.rows.find((r: { key: string }) => r.key === key);
    expect(row(String(id('CG')))).toMatchObject({ label: '城管执法中队', due: 3, closed: 2, reworked: 1 });
    expect(row(String(id('FG')))).toMatchObject({ due: 1, returned: 1, dispatched: 1 });
    expect(row('0')).toMatchObject({ label: '未指定', due: 1, suspended: 1 });
    const bySource = (await leader.get('/api/v1/cases/kpis?from=2031-03-04&to=2031-03-04&by=source')).json();
    expect(bySource.rows.find((r: { key: string }) => r.key === 'hotline')).toMatchObject({ label: '12345 热线', due: 2, closed: 2, closedOnTime: 1 });
    expect((await leader.get('/api/v1/cases/kpis?from=2031-03-05&to=2031-03-31')).json().total.due).toBe(0);
    expect((await leader.get('/api/v1/cases/kpis?from=2031-03-05&to=2031-03-01')).json().errors[0].field).toBe('to');
    expect((await (await as(tp, 'handler')).get('/api/v1/cases/kpis')).statusCode).toBe(403);
  });

  it('the roll-up always equals the indicators recomputed from the cases themselves', async () => {
    const day = `((registered_at at time zone 'UTC') + interval '8 hours')::date::text`;
    const raw = await tp.platform.ctx.database.query<Record<string, string | number>>(`
      select ${day} as day, count(*)::int as due, count(handled_at)::int as handled,
        (count(*) filter (where handled_at is not null and handled_on_time))::int as handled_on_time,
        (count(*) filter (where state = 'closed'))::int as closed,
        (count(*) filter (where state = 'closed' and close_type = 'normal'))::int as closed_on_time,
        (count(*) filter (where state = 'suspended'))::int as suspended,
        count(dispatched_at)::int as dispatched,
        (count(*) filter (where dispatched_at is not null and returns > 0))::int as returned,
        (count(*) filter (where reworks > 0))::int as reworked
      from cases where registered_at is not null and coalesce(close_type, '') <> 'error' group by 1 order by 1`);
    const rolled = await tp.platform.ctx.database.query<Record<string, string | number>>(`
      select day::text as day, due, handled, handled_on_time, closed, closed_on_time, suspended, dispatched, returned, reworked
      from case_kpi_daily where dim = 'tenant' and due <> 0 order by 1`);
    expect(raw.length).toBeGreaterThan(50);
    expect(rolled).toEqual(raw);
    const byDept = await tp.platform.ctx.database.query<{ n: number }>(`
      select count(*)::int as n from (
        select coalesce(department_id, 0)::text as key, ${day} as day, count(*) as due from cases where registered_at is not null and coalesce(close_type, '') <> 'error' group by 1, 2
      ) r full join (select key, day::text as day, due from case_kpi_daily where dim = 'department' and due <> 0) k using (key, day)
      where r.due is distinct from k.due`);
    expect(byDept[0]!.n).toBe(0);
  });
});

describe('hotspots and exports', () => {
  it('the demo history shows the 凤阳路/奉贤路 hotspot at the commuting and meal peaks', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const from = new Date(Date.now() - 59 * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    const leader = await as(tp, 'leader');
    const h = (await leader.get(`/api/v1/cases/hotspots?from=${from}&to=${today}&categoryCode=09`)).json();
    const spot = (await leader.get(`/api/v1/grids/lookup?lng=${HOTSPOT[0]}&lat=${HOTSPOT[1]}`)).json().unitGrid;
    expect(h.total).toBeGreaterThan(800);
    expect(h.top[0]).toMatchObject({ code: spot.code });
    expect([7, 8, 11, 12, 17, 18]).toContain(h.top[0].peakHour);
    const peaks = h.byHour[8] + h.byHour[12] + h.byHour[18];
    const night = h.byHour[2] + h.byHour[3] + h.byHour[4];
    expect(peaks).toBeGreaterThan(5 * night);
    expect(h.cells.filter((c: { unitGridId: number }) => c.unitGridId === spot.id).reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(h.top[0].count);
  });

  it('exports the filtered cases and the KPIs as CSV and XLSX', async () => {
    const leader = await as(tp, 'leader');
    const csv = await leader.get('/api/v1/cases/export?format=csv&categoryCode=06036&from=2031-03-01T00:00:00Z&to=2031-04-01T00:00:00Z');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('.csv');
    const text = csv.rawPayload;
    expect([...text.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 3)).toEqual(['案件编号', '状态', '来源']);
    expect(lines).toHaveLength(1 + 7);
    expect(lines.some((l) => l.includes('超期结案'))).toBe(true);
    const xlsx = await leader.get('/api/v1/cases/export?format=xlsx&categoryCode=06036&from=2031-03-01T00:00:00Z&to=2031-04-01T00:00:00Z');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('案件')!;
    expect(ws.rowCount).toBe(8);
    expect(ws.getRow(1).getCell(1).value).toBe('案件编号');
    const k = await leader.get('/api/v1/cases/kpis/export?format=xlsx&from=2031-03-01&to=2031-03-31&by=department');
    const kb = new ExcelJS.Workbook();
    await kb.xlsx.load(k.rawPayload as unknown as ArrayBuffer);
    const ks = kb.getWorksheet('考核指标')!;
    expect(ks.getRow(1).values).toEqual(expect.arrayContaining(['部门', '应处置数', '按期结案率%', '准确派遣率%']));
    const last = ks.getRow(ks.rowCount).values as unknown[];
    expect(last).toEqual(expect.arrayContaining(['全街道', 5, 25, 75]));
    expect((await (await as(tp, 'handler')).get('/api/v1/cases/export?format=csv')).statusCode).toBe(403);
  });
});
