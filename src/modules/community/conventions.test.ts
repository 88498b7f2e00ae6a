// Conventions: versioned per building(s) or area, households acknowledge a version, the
// committee sees who has not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { residentialAreas } from '../places/index.js';
import { makeBuilding, type Fixture } from './testFixtures.js';

let tp: TestPlatform;
let f: Fixture;

beforeAll(async () => {
  tp = await startTestPlatform();
  const xfkl = (await tp.platform.ctx.db.select({ id: residentialAreas.id }).from(residentialAreas).where(eq(residentialAreas.code, 'XFKL')))[0]!.id;
  f = await makeBuilding(tp, { areaId: xfkl, units: { '101': [1, '60.00', ['a']], '102': [1, '60.00', ['b', 'c']], '201': [2, '60.00', ['d']] }, logins: ['a', 'c'] });
});
afterAll(async () => tp?.close());

describe('a building convention (楼宇公约)', () => {
  let id: number;

  it('is drafted, edited in place while drafting, and cannot be acknowledged before publication', async () => {
    const com = await tp.as('committee');
    const res = await com.post('/api/v1/community/conventions', { kind: 'building_convention', title: '测试楼楼宇公约', buildingIds: [f.buildingId], body: '第一条 楼道不堆物。' });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    const v = await com.put(`/api/v1/community/conventions/${id}/draft`, { body: '第一条 楼道不堆物。\n第二条 夜间 22 时后不施工。', changeNote: '补充夜间施工' });
    expect(v.json().version).toBe(1);
    const a = await f.login('a');
    const early = await a.post(`/api/v1/community/my/conventions/${id}/acks`, { unitId: f.unit.get('101') });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('convention.no_published');
  });

  it('published: households acknowledge online or on paper; the committee sees who has not', async () => {
    const com = await tp.as('committee');
    expect((await com.post(`/api/v1/community/conventions/${id}/publish`)).json().version).toBe(1);
    expect((await com.post(`/api/v1/community/conventions/${id}/publish`)).statusCode).toBe(409);

    const a = await f.login('a');
    const mine = (await a.get('/api/v1/community/my/conventions')).json();
    const conv = mine.find((x: { id: number }) => x.id === id);
    expect(conv).toMatchObject({ version: 1, units: [{ unitCode: '101', acknowledgedAt: null }] });
    expect(conv.body).toContain('夜间 22 时');
    expect((await a.post(`/api/v1/community/my/conventions/${id}/acks`, { unitId: f.unit.get('101') })).json()).toEqual({ version: 1, already: false });
    expect((await a.post(`/api/v1/community/my/conventions/${id}/acks`, { unitId: f.unit.get('101') })).json()).toEqual({ version: 1, already: true });
    // someone else's household, and a household it does not bind
    expect((await a.post(`/api/v1/community/my/conventions/${id}/acks`, { unitId: f.unit.get('201') })).statusCode).toBe(403);
    const outside = await a.post(`/api/v1/community/my/conventions/${id}/acks`, { unitId: 999_999 });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0].field).toBe('unitId');

    // a co-owner acknowledges for the household
    const c = await f.login('c');
    expect((await c.post(`/api/v1/community/my/conventions/${id}/acks`, { unitId: f.unit.get('102') })).statusCode).toBe(200);

    const pending = (await com.get(`/api/v1/community/conventions/${id}/pending`)).json();
    expect(pending).toMatchObject({ version: 1, total: 1 });
    expect(pending.units.map((u: { unitCode: string; owners: string[] }) => [u.unitCode, u.owners])).toEqual([['201', ['业主d']]]);
    // the paper slip signed by 201
    expect((await com.post(`/api/v1/community/conventions/${id}/acks`, { unitId: f.unit.get('201') })).statusCode).toBe(200);
    expect((await com.get(`/api/v1/community/conventions/${id}/pending`)).json().total).toBe(0);
    const s = (await com.get(`/api/v1/community/conventions/${id}`)).json();
    expect(s).toMatchObject({ households: 3, acknowledged: 3, published: { version: 1 }, drafting: null });
  });

  it('a new version supersedes the old one and everyone must acknowledge again', async () => {
    const com = await tp.as('committee');
    expect((await com.put(`/api/v1/community/conventions/${id}/draft`, { body: '第一条 楼道不堆物。\n第二条 夜间 22 时后不施工。\n第三条 电动车不进楼。', changeNote: '电动车' })).json().version).toBe(2);
    let s = (await com.get(`/api/v1/community/conventions/${id}`)).json();
    expect(s).toMatchObject({ published: { version: 1 }, drafting: { version: 2 }, acknowledged: 3 });
    await com.post(`/api/v1/community/conventions/${id}/publish`);
    s = (await com.get(`/api/v1/community/conventions/${id}`)).json();
    expect(s.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    expect(s.acknowledged).toBe(0);
    expect((await com.get(`/api/v1/community/conventions/${id}/pending`)).json().total).toBe(3);
    const audit = await tp.platform.ctx.database.query<{ action: string }>(`select action from audit_log where subject_type = 'convention' and subject_id = $1 order by id`, [String(id)]);
    expect(audit.map((r) => r.action)).toContain('community.convention.publish');
  });

  it('another committee cannot edit it; a convention needs buildings or an area', async () => {
    const kdk = await tp.as('kdk');
    expect((await kdk.put(`/api/v1/community/conventions/${id}/draft`, { body: 'x' })).statusCode).toBe(403);
    const none = await (await tp.as('committee')).post('/api/v1/community/conventions', { kind: 'handbook', title: '住户手册', body: '…' });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].field).toBe('buildingIds');
  });
});
