// The district roll-up (区级汇总) over several subdistricts in one deployment, and the
// per-subdistrict settings. A second subdistrict of 静安区 and one of another district are
// added to the demo database with a few days of indicators and open cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { addNeighbourSubdistricts } from './testkit.js';

let tp: TestPlatform;
const q = () => tp.db.database;

beforeAll(async () => {
  tp = await startTestPlatform();
  await addNeighbourSubdistricts(q());
});
afterAll(() => tp?.close());

describe('district roll-up', () => {
  it('a district viewer sees every subdistrict of its district, with indicators and overdue cases, and no other district', async () => {
    const district = await tp.as('district');
    const res = await district.get('/api/v1/district/kpis');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { district: string; rows: { tenantId: string; name: string; open: number; overdue: number; kpi: { due: number; handled: number; rates: { handleOnTimeRate: number | null } } }[] };
    expect(body.rows.map((r) => r.tenantId)).toEqual(['nanjingxi', 'shimen2']);
    const njx = body.rows.find((r) => r.tenantId === 'nanjingxi')!;
    expect(njx).toMatchObject({ name: '南京西路街道', open: 7, overdue: 2 });
    expect(njx.kpi.due).toBe(10);
    expect(njx.kpi.handled).toBe(8);
    expect(njx.kpi.rates.handleOnTimeRate).toBeCloseTo(0.6, 5);
    const own = body.rows.find((r) => r.tenantId === 'shimen2')!;
    const [{ open }] = (await q().query<{ open: number }>(`select count(*)::int as open from cases where tenant_id = 'shimen2' and state not in ('closed', 'cancelled')`)) as [{ open: number }];
    expect(own.open).toBe(open);
  });

  it('is for district viewers only, and read-only', async () => {
    for (const u of ['admin', 'dispatcher', 'leader', 'inspector']) expect((await (await tp.as(u)).get('/api/v1/district/kpis')).statusCode, u).toBe(403);
    expect((await tp.request({ method: 'GET', url: '/api/v1/district/kpis' })).statusCode).toBe(401);
    const district = await tp.as('district');
    expect((await district.post('/api/v1/cases', { source: 'hotline', categoryCode: '09030', description: '区里不能立案', location: { lng: 121.4566, lat: 31.2331 } })).statusCode).toBe(403);
  });

  it('a bad period names the field', async () => {
    const res = await (await tp.as('district')).get('/api/v1/district/kpis?from=2026-13-01', { 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('from');
  });
});

describe('per-subdistrict settings', () => {
  it('the administrator sets the map centre, tiles and office hours of its own subdistrict; defaults come back with null', async () => {
    const admin = await tp.as('admin');
    const put = await admin.put('/api/v1/tenant/settings', { center: [121.46, 31.23], tileUrl: 'https://tiles.example.cn/{z}/{x}/{y}.png', tileCrs: 'wgs84', officeHours: [['09:00', '12:00'], ['13:00', '17:00']] });
    expect(put.statusCode, put.body).toBe(200);
    const t = (await admin.get('/api/v1/tenant')).json() as { center: number[]; tileUrl: string; tileCrs: string };
    expect(t).toMatchObject({ center: [121.46, 31.23], tileUrl: 'https://tiles.example.cn/{z}/{x}/{y}.png', tileCrs: 'wgs84' });
    const [audit] = await q().query<{ action: string }>(`select action from audit_log where action = 'places.tenant.settings' and tenant_id = 'shimen2'`);
    expect(audit?.action).toBe('places.tenant.settings');
    // another subdistrict's settings are untouched
    const [other] = await q().query<{ settings: unknown }>(`select settings from tenants where id = 'nanjingxi'`);
    expect(other!.settings).toEqual({});
    expect((await admin.put('/api/v1/tenant/settings', { tileUrl: null, tileCrs: null })).statusCode).toBe(200);
    const back = (await admin.get('/api/v1/tenant')).json() as { tileUrl: string | null; center: number[] };
    expect(back.tileUrl).toBe(tp.platform.ctx.config.tileUrl ?? null);
    expect(back.center).toEqual([121.46, 31.23]);
  });

  it('bad settings name the field and change nothing; only the administrator may change them', async () => {
    const admin = await tp.as('admin');
    const before = await q().query(`select name, settings from tenants where id = 'shimen2'`);
    const bad = await admin.put('/api/v1/tenant/settings', { name: '新名字', tileUrl: 'ftp://x' }, { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('tileUrl');
    const hours = await admin.put('/api/v1/tenant/settings', { officeHours: [['13:00', '12:00']] });
    expect(hours.statusCode).toBe(422);
    expect(JSON.stringify(hours.json())).toContain('officeHours');
    const far = await admin.put('/api/v1/tenant/settings', { center: [2.35, 48.85] });
    expect(far.statusCode).toBe(400);
    expect(await q().query(`select name, settings from tenants where id = 'shimen2'`)).toEqual(before);
    expect((await (await tp.as('dispatcher')).put('/api/v1/tenant/settings', { name: 'x' })).statusCode).toBe(403);
  });
});
