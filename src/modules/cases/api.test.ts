// The case API's contract: problems (409 with allowed actions, 400 naming the field, 422
// outside the tenant with a hint, 403), concurrency, data scope, filters and paging,
// classification tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { HOT, act, as, detail, offset, report } from './testkit.js';

let tp: TestPlatform;
let t = new Date('2026-12-15T10:00:00+08:00');
beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => t } });
});
afterAll(async () => tp?.close());

describe('problems', () => {
  it('an action the state does not allow is a 409 listing the allowed actions', async () => {
    const leader = await as(tp, 'leader');
    const c = await report(await as(tp, 'acceptor'));
    const res = await leader.post(`/api/v1/cases/${c.id}/actions`, { action: 'close' });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const p = res.json();
    expect(p).toMatchObject({ status: 409, code: 'case.action_not_allowed', state: 'reported', version: 1, allowedActions: ['request_verify', 'register', 'cancel', 'merge', 'force_close'], stateActions: ['request_verify', 'register', 'cancel', 'merge', 'force_close'] });
    expect(p.detail).toBe('案件当前状态为“待受理”，不能执行“结案”');
    const en = await leader.post(`/api/v1/cases/${c.id}/actions?lang=en`, { action: 'close' });
    expect(en.json().detail).toBe('The case is "Reported": "Close" is not possible now');
    // the handler is shown what they could do (nothing), the state's actions remain listed
    const handler = await as(tp, 'handler');
    const h = await handler.post(`/api/v1/cases/${c.id}/actions`, { action: 'accept' });
    expect(h.statusCode).toBe(403); // not their case: no data scope
  });

  it('missing or malformed fields are a 400 naming the field', async () => {
    const acceptor = await as(tp, 'acceptor');
    const missing = await acceptor.post('/api/v1/cases', { source: 'hotline', description: 'x', location: HOT });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([expect.objectContaining({ field: 'categoryCode', in: 'body' })]);
    const bad = await acceptor.post('/api/v1/cases', { source: 'fax', categoryCode: '06010', description: 'x', location: { lng: 121.45, lat: 95 } });
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['location.lat', 'source']);
    const unknown = await acceptor.post('/api/v1/cases', { source: 'hotline', categoryCode: '99999', description: 'x', location: HOT });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ field: 'categoryCode', code: 'case.unknown_category', message: '没有编码为 99999 的有效案件类别' });
    const notPhoto = await acceptor.post('/api/v1/cases', { source: 'hotline', categoryCode: '06010', description: 'x', location: HOT, evidence: [{ kind: 'photo', contentBase64: Buffer.from('<svg onload=alert(1)>').toString('base64') }] });
    expect(notPhoto.json().errors[0]).toMatchObject({ field: 'evidence.0.content', code: 'case.evidence_type' });
    const c = await report(acceptor);
    const noReason = await (await as(tp, 'leader')).post(`/api/v1/cases/${c.id}/actions`, { action: 'cancel' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([expect.objectContaining({ field: 'reason', code: 'case.field_required', message: '必须填写' })]);
    const badAction = await acceptor.post(`/api/v1/cases/${c.id}/actions`, { action: 'reassign' });
    expect(badAction.json().errors[0].field).toBe('action');
  });

  it('a location outside the subdistrict is a 422 with a hint', async () => {
    const acceptor = await as(tp, 'acceptor');
    const res = await acceptor.post('/api/v1/cases', { source: 'hotline', categoryCode: '06010', description: '陆家嘴', location: { lng: 121.5055, lat: 31.2304 } });
    expect(res.statusCode).toBe(422);
    const p = res.json();
    expect(p).toMatchObject({ code: 'case.outside_tenant', errors: [{ field: 'location', code: 'case.outside_tenant_hint' }] });
    expect(p.detail).toContain('不在本街道辖区内');
    expect(p.errors[0].message).toContain('WGS-84');
    // swapped coordinates are refused by the schema before they get that far
    expect((await acceptor.post('/api/v1/cases', { source: 'hotline', categoryCode: '06010', description: 'x', location: { lng: 31.23, lat: 121.45 } })).statusCode).toBe(400);
  });

  it('roles and scopes: 401, 403, 404', async () => {
    const c = await report(await as(tp, 'acceptor'));
    expect((await tp.request({ method: 'GET', url: `/api/v1/cases/${c.id}` })).statusCode).toBe(401);
    expect((await (await as(tp, 'owner')).get('/api/v1/cases')).statusCode).toBe(403);
    const handler = await as(tp, 'handler');
    const r = await handler.post(`/api/v1/cases/${c.id}/actions`, { action: 'register' });
    expect(r.statusCode).toBe(403);
    const insp = await as(tp, 'insp01'); // grid 1, the case is in grid 5
    expect((await insp.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(403);
    const dispatcher = await as(tp, 'dispatcher');
    const reg = await dispatcher.post(`/api/v1/cases/${c.id}/actions`, { action: 'register' });
    expect(reg.statusCode).toBe(403);
    expect(reg.json()).toMatchObject({ code: 'case.not_your_action', allowedActions: [] });
    expect((await dispatcher.get('/api/v1/cases/99999999')).statusCode).toBe(404);
  });
});

describe('documentation', () => {
  it('every case route is in the OpenAPI document', async () => {
    const doc = (await tp.request({ method: 'GET', url: '/docs/json' })).json();
    for (const p of ['/api/v1/cases', '/api/v1/cases/{id}', '/api/v1/cases/{id}/actions', '/api/v1/cases/{id}/evidence', '/api/v1/cases/{id}/photos', '/api/v1/cases/kpis', '/api/v1/cases/hotspots', '/api/v1/cases/export', '/api/v1/case-categories', '/api/v1/staff/me/position', '/api/v1/stream', '/api/v1/notify/channels']) expect(Object.keys(doc.paths)).toContain(p);
    expect(doc.paths['/api/v1/cases/{id}/actions'].post.requestBody.content['application/json'].schema.properties.action.anyOf.length).toBe(18);
  });

  it('the quick path (register and dispatch at once) is refused to those who may not', async () => {
    const res = await (await as(tp, 'acceptor')).post('/api/v1/cases', { source: 'hotline', categoryCode: '06010', description: 'x', location: HOT, register: true });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('case.not_your_action');
  });
});

describe('concurrency', () => {
  it('two operators acting at once: exactly one wins, the other gets a 409 and nothing is half-written', async () => {
    const c = await report(await as(tp, 'acceptor'));
    const [a, b] = await Promise.all([(await as(tp, 'acceptor')).post(`/api/v1/cases/${c.id}/actions`, { action: 'request_verify' }), (await as(tp, 'leader')).post(`/api/v1/cases/${c.id}/actions`, { action: 'register' })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().allowedActions).toBeInstanceOf(Array);
    const d = await detail(await as(tp, 'leader'), c.id);
    expect(d.version).toBe(2);
    expect(d.timeline).toHaveLength(2);
    const audit = await tp.platform.ctx.database.query<{ n: number }>(`select count(*)::int n from audit_log where subject_type = 'case' and subject_id = $1`, [String(c.id)]);
    expect(audit[0]!.n).toBe(2);
  });

  it('the version a person saw guards a change: a stale one is a 409', async () => {
    const c = await report(await as(tp, 'leader'), { categoryCode: '06036', register: true });
    const d = await detail(await as(tp, 'dispatcher'), c.id);
    const [x, y] = await Promise.all([(await as(tp, 'dispatcher')).post(`/api/v1/cases/${c.id}/actions`, { action: 'dispatch', expectedVersion: d.version }), (await as(tp, 'leader')).post(`/api/v1/cases/${c.id}/actions`, { action: 'dispatch', expectedVersion: d.version })]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    expect((x.statusCode === 409 ? x : y).json()).toMatchObject({ code: 'case.stale', version: d.version + 1 });
    expect((await detail(await as(tp, 'dispatcher'), c.id)).timeline.filter((e: { action: string }) => e.action === 'dispatch')).toHaveLength(1);
  });
});

describe('lists', () => {
  it('keyset pages cover every case exactly once, newest first', async () => {
    const dispatcher = await as(tp, 'dispatcher');
    const seen: { id: number; reportedAt: string }[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 4; i++) {
      const res = await dispatcher.get(`/api/v1/cases?limit=25${cursor ? `&cursor=${cursor}` : ''}`);
      const body = res.json();
      seen.push(...body.items);
      cursor = body.nextCursor;
    }
    expect(new Set(seen.map((s) => s.id)).size).toBe(100);
    const times = seen.map((s) => Date.parse(s.reportedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await dispatcher.get('/api/v1/cases?cursor=garbage')).json().errors[0].field).toBe('cursor');
  });

  it('filters by state, class, grade, grid, source, text and time, and says what each viewer may do', async () => {
    const dispatcher = await as(tp, 'dispatcher');
    const c = await report(await as(tp, 'acceptor'), { categoryCode: '09012', description: '消防通道被共享单车堵住', source: 'public', location: offset(HOT, 10, 10) });
    expect(c.grade).toBe('urgent'); // the fire-lane rule raised it
    const q = (s: string) => dispatcher.get(`/api/v1/cases?${s}`).then((r) => r.json().items as { id: number; state: string; categoryCode: string; grade: string; source: string; gridId: number }[]);
    expect((await q(`q=${c.number}`)).map((x) => x.id)).toEqual([c.id]);
    expect((await q(`q=${encodeURIComponent('共享单车堵住')}`)).map((x) => x.id)).toContain(c.id);
    const street = await q('categoryCode=09&limit=200');
    expect(street.length).toBeGreaterThan(10);
    expect(street.every((x) => x.categoryCode.startsWith('09'))).toBe(true);
    expect((await q('grade=urgent&source=public&state=reported')).map((x) => x.id)).toContain(c.id);
    expect((await q(`gridId=${c.gridId}&state=closed`)).every((x) => x.gridId === c.gridId && x.state === 'closed')).toBe(true);
    const from = new Date(t.getTime() - 60_000).toISOString();
    expect((await q(`from=${from}&limit=200`)).every((x) => x.id >= c.id - 20)).toBe(true);
    expect((await q('state=closed&state=cancelled&limit=5')).every((x) => ['closed', 'cancelled'].includes(x.state))).toBe(true);
    const mine = await (await as(tp, 'acceptor')).get(`/api/v1/cases?q=${c.number}`);
    expect(mine.json().items[0].allowedActions).toEqual(['request_verify', 'merge']);
  });

  it('an inspector sees their grids, a handler their department, the desk everything', async () => {
    const inspector = (await (await as(tp, 'inspector')).get('/api/v1/cases?limit=200')).json().items as { gridId: number; inspectorId: number }[];
    const grids = (await (await as(tp, 'dispatcher')).get('/api/v1/grids?kind=responsibility')).json() as { id: number; code: string }[];
    const own = grids.filter((g) => ['SM2-G02', 'SM2-G05'].includes(g.code)).map((g) => g.id);
    expect(inspector.length).toBeGreaterThan(0);
    expect(inspector.every((c) => own.includes(c.gridId))).toBe(true);
    const handler = (await (await as(tp, 'handler')).get('/api/v1/cases?limit=200')).json().items as { departmentName: string | null; assigneeName: string | null }[];
    expect(handler.length).toBeGreaterThan(0);
    expect(handler.every((c) => c.departmentName === '城管执法中队' || c.assigneeName === '城管队员 顾磊')).toBe(true);
  });
});

describe('classification, routing and grading tables', () => {
  it('lists categories with codes, limits and attributes; the public sees only public ones', async () => {
    const cats = (await (await as(tp, 'dispatcher')).get('/api/v1/case-categories')).json() as { code: string; name: string; public: boolean; limits: Record<string, unknown>; attributes: unknown[] }[];
    expect(cats.map((c) => c.code)).toEqual(expect.arrayContaining(['06010', '09010', '09012', '03007', '90001', '90002', '90010', '90011', '01010', '90020', '90030']));
    expect(cats.find((c) => c.code === '90001')!.name).toBe('群租');
    expect(cats.find((c) => c.code === '09010')!.attributes).toEqual([expect.objectContaining({ code: 'count', datatype: 'number' })]);
    expect(cats.find((c) => c.code === '08010')!.limits.handle).toEqual({ amount: 20, unit: 'working_days' });
    const owner = await (await as(tp, 'owner')).get('/api/v1/case-categories');
    const pub = owner.json() as { code: string }[];
    expect(pub.map((c) => c.code)).not.toContain('90010');
    expect(pub.map((c) => c.code)).toContain('09010');
  });

  it('admins change a category (audited); cases already reported keep what they were given', async () => {
    const admin = await as(tp, 'admin');
    const c = await report(await as(tp, 'leader'), { categoryCode: '07010', register: true, description: '电线杆上贴满小广告' });
    const before = (await admin.get('/api/v1/case-categories')).json().find((x: { code: string }) => x.code === '07010');
    const res = await admin.patch('/api/v1/case-categories/07010', { name: '乱张贴小广告', limits: { handle: { amount: 1, unit: 'working_days' } }, expectedVersion: before.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '乱张贴小广告', version: before.version + 1, limits: { handle: { amount: 1, unit: 'working_days' }, accept: { amount: 15, unit: 'minutes' } } });
    expect((await admin.patch('/api/v1/case-categories/07010', { name: 'x', expectedVersion: before.version })).statusCode).toBe(409);
    expect((await detail(admin, c.id)).categoryName).toBe('非法小广告');
    const audit = await tp.platform.ctx.database.query<{ detail: { name: { from: string; to: string } } }>(`select detail from audit_log where action = 'case.category.update' and subject_id = '07010'`);
    expect(audit[0]!.detail.name).toEqual({ from: '非法小广告', to: '乱张贴小广告' });
    const d = await report(await as(tp, 'acceptor'), { categoryCode: '07010' });
    expect(d.categoryName).toBe('乱张贴小广告');
    expect((await (await as(tp, 'dispatcher')).patch('/api/v1/case-categories/07010', { name: 'x' })).statusCode).toBe(403);
    expect((await admin.patch('/api/v1/case-categories/07010', { departmentId: 999999 })).json().errors[0].field).toBe('departmentId');
  });

  it('a routing rule for a grid overrides the category default there', async () => {
    const admin = await as(tp, 'admin');
    const depts = (await admin.get('/api/v1/departments')).json() as { id: number; code: string }[];
    const grids = (await admin.get('/api/v1/grids?kind=responsibility')).json() as { id: number; code: string }[];
    const g5 = grids.find((g) => g.code === 'SM2-G05')!.id;
    const rule = await admin.post('/api/v1/case-routes', { categoryCode: '06012', gridId: g5, departmentId: depts.find((d) => d.code === 'CG')!.id, note: '凤阳路夜市后的路面由城管督促商户清洗' });
    expect(rule.statusCode, rule.body).toBe(201);
    const c = await report(await as(tp, 'leader'), { categoryCode: '06012', register: true, description: '路面油污', dispatch: true });
    expect(c).toMatchObject({ state: 'dispatched', departmentName: '城管执法中队' });
    const far = await report(await as(tp, 'leader'), { categoryCode: '06012', register: true, description: '路面油污', dispatch: true, location: offset(HOT, -500, 600) });
    expect(far.departmentName).toBe('绿化市容管理所');
    expect((await admin.delete(`/api/v1/case-routes/${rule.json().id}`)).statusCode).toBe(204);
  });

  it('grading rules are data: a new rule raises the grade of new cases', async () => {
    const admin = await as(tp, 'admin');
    const res = await admin.post('/api/v1/case-grading-rules', { name: '老年人相关', categoryCodes: ['09030'], conditions: { keywords: ['老人'] }, raiseTo: 'major' });
    expect(res.statusCode, res.body).toBe(201);
    expect((await admin.post('/api/v1/case-grading-rules', { name: '全部', categoryCodes: [], conditions: {}, raiseTo: 'urgent' })).json().errors[0].field).toBe('conditions');
    const c = await report(await as(tp, 'acceptor'), { categoryCode: '09030', description: '楼道堆物，独居老人出行困难' });
    expect(c.grade).toBe('major');
    expect((await detail(admin, c.id)).gradeReasons).toEqual([expect.objectContaining({ name: '老年人相关', why: '描述含“老人”' })]);
  });
});

describe('staff', () => {
  it('positions and shifts', async () => {
    const handler = await as(tp, 'handler');
    const res = await handler.post('/api/v1/staff/me/position', { lng: 121.4567, lat: 31.2331, accuracyM: 8 });
    expect(res.json()).toMatchObject({ insideTenant: true, onDuty: true });
    expect((await handler.post('/api/v1/staff/me/position', { lng: 121.5, lat: 31.23 })).json().insideTenant).toBe(false);
    expect((await (await as(tp, 'owner')).post('/api/v1/staff/me/position', { lng: 121.4567, lat: 31.2331 })).statusCode).toBe(403);
    const onDuty = (await (await as(tp, 'dispatcher')).get('/api/v1/staff/on-duty')).json() as { name: string; position: { lng: number } | null }[];
    expect(onDuty.find((p) => p.name === '城管队员 顾磊')!.position).toMatchObject({ lng: 121.5 });
    const leader = await as(tp, 'leader');
    const bad = await leader.post('/api/v1/staff/shifts', { userId: 1, days: 'weekends', start: '8:00', end: '17:00' });
    expect(bad.json().errors[0].field).toBe('days');
    const cg07 = onDuty.length; // any number; the shift below adds nobody until it starts
    const s = await leader.post('/api/v1/staff/shifts', { userId: (await tp.platform.ctx.database.query<{ id: number }>(`select id from users where username = 'cg07'`))[0]!.id, days: 'workdays', start: '09:00', end: '12:00', note: '加班' });
    expect(s.statusCode, s.body).toBe(201);
    const after = (await (await as(tp, 'dispatcher')).get('/api/v1/staff/on-duty')).json() as { name: string }[];
    expect(after.length).toBe(cg07 + 1);
    expect(after.map((p) => p.name)).toContain('城管队员7号');
    expect((await leader.delete(`/api/v1/staff/shifts/${s.json().id}`)).statusCode).toBe(204);
  });
});
