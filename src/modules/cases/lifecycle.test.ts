// Every path of the case lifecycle over HTTP, on PGlite and (with DATABASE_URL) PostgreSQL:
// the standard path, return, rework, postponement, suspension, escalation when nobody
// accepts, duplicates and merging, sensing scenes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { HOT, JPEG, act, as, detail, eventTypes, offset, place, report } from './testkit.js';
import { createCase } from './index.js';
import { systemActor } from '../../core/auth/index.js';

let tp: TestPlatform;
let t = new Date('2026-12-01T10:00:00+08:00'); // a Tuesday, a working day
const at = (local: string) => (t = new Date(`${local}+08:00`));
const later = (minutes: number) => (t = new Date(t.getTime() + minutes * 60_000));
beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => t } });
});
afterAll(async () => tp?.close());

const sweep = (name: 'cases.sla' | 'cases.accept') => tp.platform.ctx.sweeper.runNow(name);
const userId = async (username: string) => (await tp.platform.ctx.database.query<{ id: number }>(`select id from users where username = $1`, [username]))[0]!.id;

/** Put a department's day team at known distances from HOT (the others far away). */
async function stage(members: [string, number][]) {
  for (const [u, metres] of members) await place(tp, u, offset(HOT, metres, 0));
}
const LH: [string, number][] = [['lh01', 300], ['lh02', 20], ['lh03', 900], ['lh04', 1200]];
const CG: [string, number][] = [['handler', 40], ['cg02', 120], ['cg03', 260], ['cg04', 2000], ['cg05', 2100], ['cg06', 2200]];

describe('the standard path', () => {
  it('report → verify → register → dispatch to the nearest → accept → handle with a photo → check → close', async () => {
    at('2026-12-01T10:00:00');
    const acceptor = await as(tp, 'acceptor');
    const c = await report(acceptor, { reporter: { name: '王先生', phone: '13800001111', anonymous: true } });
    expect(c).toMatchObject({ state: 'reported', step: 'verify', gridName: expect.stringContaining('第5网格'), allowedActions: ['request_verify', 'merge'] });
    expect(c.number).toMatch(/^20261201\d{4}$/);

    const v = await act(acceptor, c.id, { action: 'request_verify' });
    expect(v).toMatchObject({ state: 'verifying', inspectorName: '网格员 沈佳' });
    later(12);
    const inspector = await as(tp, 'inspector');
    await act(inspector, c.id, { action: 'verify', confirmed: true, note: '现场确有三袋垃圾', location: offset(HOT, 5, 5) });
    const leader = await as(tp, 'leader');
    await act(leader, c.id, { action: 'register' });

    await stage(LH);
    later(3);
    const d = await act(await as(tp, 'dispatcher'), c.id, { action: 'dispatch' });
    expect(d).toMatchObject({ state: 'dispatched', departmentName: '绿化市容管理所', assigneeName: '市容保洁员2号', step: 'handle' });
    // 暴露垃圾: 2 working hours from dispatch at 10:15
    expect(d.handleDueAt).toBe(new Date('2026-12-01T13:15:00+08:00').toISOString()); // lunch 12:00–13:00 does not count

    const lh02 = await as(tp, 'lh02');
    expect((await lh02.get('/api/v1/cases?mine=true')).json().items.map((x: { id: number }) => x.id)).toContain(c.id);
    later(5);
    await act(lh02, c.id, { action: 'accept' });
    later(40);
    // a photo is required for this category: 400 naming the field
    const noPhoto = await lh02.post(`/api/v1/cases/${c.id}/actions`, { action: 'handle', note: '已清运' });
    expect(noPhoto.statusCode).toBe(400);
    expect(noPhoto.json().errors).toEqual([expect.objectContaining({ field: 'photos', code: 'case.photo_required' })]);
    const up = await lh02.post(`/api/v1/cases/${c.id}/evidence`, { evidence: [{ kind: 'photo', contentBase64: JPEG, caption: '清运后' }] });
    expect(up.statusCode, up.body).toBe(201);
    const photo = up.json().ids[0];
    const h = await act(lh02, c.id, { action: 'handle', note: '已清运，地面已冲洗', photos: [photo] });
    expect(h).toMatchObject({ state: 'handled', inspectorName: '网格员 沈佳', step: 'check' });

    later(20);
    await act(inspector, c.id, { action: 'check', passed: true, note: '已清理干净' });
    const closed = await act(leader, c.id, { action: 'close' });
    expect(closed).toMatchObject({ state: 'closed', closeType: 'normal', allowedActions: [] });

    const full = await detail(leader, c.id);
    expect(full.timeline.map((e: { action: string }) => e.action)).toEqual(['report', 'request_verify', 'verify', 'register', 'dispatch', 'accept', 'add_evidence', 'handle', 'check', 'close']);
    const dispatchEntry = full.timeline.find((e: { action: string }) => e.action === 'dispatch');
    expect(dispatchEntry.note).toContain('在岗人员中距离最近（约 20 米）');
    expect(dispatchEntry.role).toBe('dispatcher');
    expect(full.timeline.find((e: { action: string }) => e.action === 'verify').location).toEqual(offset(HOT, 5, 5));
    expect(full.evidence).toEqual([expect.objectContaining({ id: photo, kind: 'photo', mediaType: 'image/jpeg', content: `/api/v1/cases/${c.id}/evidence/${photo}` })]);
    const img = await leader.get(full.evidence[0].content);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(img.rawPayload.equals(Buffer.from(JPEG, 'base64'))).toBe(true);
    // the desk sees an anonymous reporter's contact, the handler does not
    expect(full.reporters[0]).toMatchObject({ anonymous: true, phone: '13800001111' });
    expect((await detail(lh02, c.id)).reporters[0]).toMatchObject({ anonymous: true, phone: null, name: null });

    expect(await eventTypes(tp, c.id)).toEqual(['case.created', 'case.verification_requested', 'case.verified', 'case.registered', 'case.dispatched', 'case.accepted', 'case.evidence_added', 'case.handled', 'case.checked', 'case.closed']);
    const audit = await tp.platform.ctx.database.query<{ action: string }>(`select action from audit_log where subject_type = 'case' and subject_id = $1 order by id`, [String(c.id)]);
    expect(audit.map((a) => a.action)).toEqual(['case.create', 'case.request_verify', 'case.verify', 'case.register', 'case.dispatch', 'case.accept', 'case.add_evidence', 'case.handle', 'case.check', 'case.close']);
  });
});

/** A case of 乱堆物堆料 (城管, 1 working day) registered at once by the shift leader. */
async function registered(body: Record<string, unknown> = {}) {
  const c = await report(await as(tp, 'leader'), { categoryCode: '06036', description: '店门口堆放纸箱杂物', register: true, ...body });
  expect(c.state).toBe('registered');
  return c;
}

describe('intake', () => {
  it('a report found untrue on site is cancelled with a reason; the public sees why', async () => {
    at('2026-12-01T15:00:00');
    const dueOn = async (day: string) => (await tp.platform.ctx.database.query<{ n: number }>(`select coalesce(sum(due), 0)::int n from case_kpi_daily where day = $1 and dim = 'tenant'`, [day]))[0]!.n;
    const dueBefore = await dueOn('2026-12-01');
    const acceptor = await as(tp, 'acceptor');
    const c = await report(acceptor, { source: 'public', categoryCode: '09040', description: '楼上在拆承重墙' });
    await act(acceptor, c.id, { action: 'request_verify' });
    const inspector = await as(tp, 'inspector');
    const noNote = await inspector.post(`/api/v1/cases/${c.id}/actions`, { action: 'verify', confirmed: false });
    expect(noNote.json().errors[0].field).toBe('note');
    await act(inspector, c.id, { action: 'verify', confirmed: false, note: '现场为正常装修，未涉及承重结构' });
    const leader = await as(tp, 'leader');
    const done = await act(leader, c.id, { action: 'cancel', reason: '经核实不属实', publicNote: '经现场核实为正常装修，未发现违规' });
    expect(done).toMatchObject({ state: 'cancelled', cancelReason: '经核实不属实', allowedActions: [] });
    const d = await detail(leader, c.id);
    expect(d.timeline.map((e: { publicNote: string | null }) => e.publicNote)).toEqual(['已收到反映', '已受理，正在核实', '经现场核实，情况不符', '经现场核实为正常装修，未发现违规']);
    // nothing was registered, so the indicators did not move
    expect(await dueOn('2026-12-01')).toBe(dueBefore);
  });
});

describe('return, rework, postponement, suspension', () => {
  it('a department returns a case that is not its own; routing then needs another department', async () => {
    at('2026-12-02T09:30:00');
    await stage(CG);
    const c = await registered();
    const dispatcher = await as(tp, 'dispatcher');
    expect(await act(dispatcher, c.id, { action: 'dispatch' })).toMatchObject({ departmentName: '城管执法中队', assigneeName: '城管队员 顾磊' });
    const handler = await as(tp, 'handler');
    const back = await act(handler, c.id, { action: 'return', reason: '属于房屋管理范围，请改派房管办' });
    expect(back).toMatchObject({ state: 'registered', returns: 1, departmentId: null, assigneeId: null });
    const again = await dispatcher.post(`/api/v1/cases/${c.id}/actions`, { action: 'dispatch' });
    expect(again.statusCode).toBe(400);
    expect(again.json().errors[0]).toMatchObject({ field: 'departmentId', code: 'case.route_returned' });
    expect(again.json().errors[0].message).toContain('城管执法中队');
    const depts = (await dispatcher.get('/api/v1/departments')).json() as { id: number; code: string }[];
    const fg = depts.find((d) => d.code === 'FG')!.id;
    expect(await act(dispatcher, c.id, { action: 'dispatch', departmentId: fg })).toMatchObject({ state: 'dispatched', departmentName: '房屋管理办事处' });
    expect((await detail(dispatcher, c.id)).timeline.find((e: { action: string }) => e.action === 'return')).toMatchObject({ role: 'handler', note: '属于房屋管理范围，请改派房管办' });
  });

  it('a failed check sends the case back for rework; the handling deadline does not move', async () => {
    at('2026-12-02T10:00:00');
    await stage(CG);
    const c = await registered();
    const d = await act(await as(tp, 'dispatcher'), c.id, { action: 'dispatch' });
    const handler = await as(tp, 'handler');
    await act(handler, c.id, { action: 'accept' });
    const photo = (await handler.post(`/api/v1/cases/${c.id}/evidence`, { evidence: [{ kind: 'photo', contentBase64: JPEG }] })).json().ids[0];
    later(60);
    await act(handler, c.id, { action: 'handle', note: '已清理', photos: [photo] });
    const inspector = await as(tp, 'inspector');
    const notYet = await inspector.post(`/api/v1/cases/${c.id}/actions`, { action: 'check', passed: false });
    expect(notYet.statusCode).toBe(400);
    expect(notYet.json().errors[0].field).toBe('note');
    const rework = await act(inspector, c.id, { action: 'check', passed: false, note: '门口仍有杂物' });
    expect(rework).toMatchObject({ state: 'accepted', reworks: 1, handledAt: null, handleDueAt: d.handleDueAt });
    later(30);
    await act(handler, c.id, { action: 'handle', note: '已全部清走', photos: [photo] });
    await act(inspector, c.id, { action: 'check', passed: true });
    expect(await act(await as(tp, 'leader'), c.id, { action: 'close' })).toMatchObject({ state: 'closed', closeType: 'normal', reworks: 1 });
    expect(await eventTypes(tp, c.id)).toContain('case.reworked');
  });

  it('postponement: the handler asks, the shift leader approves (the deadline moves) or refuses', async () => {
    at('2026-12-02T10:30:00');
    await stage(CG);
    const c = await registered();
    const d = await act(await as(tp, 'dispatcher'), c.id, { action: 'dispatch' });
    expect(d.handleDueAt).toBe(new Date('2026-12-03T17:30:00+08:00').toISOString());
    const handler = await as(tp, 'handler');
    await act(handler, c.id, { action: 'accept' });
    const leader = await as(tp, 'leader');
    // 督办: the dispatcher urges; the handler is told
    expect(await act(await as(tp, 'dispatcher'), c.id, { action: 'urge', note: '商户投诉较多，请尽快处置' })).toMatchObject({ urges: 1, state: 'accepted' });
    expect((await handler.post(`/api/v1/cases/${c.id}/actions`, { action: 'urge', note: 'x' })).statusCode).toBe(403);
    expect((await leader.post(`/api/v1/cases/${c.id}/actions`, { action: 'approve_postpone' })).statusCode).toBe(409);
    const asked = await act(handler, c.id, { action: 'request_postpone', amount: 2, reason: '需联系商户负责人到场' });
    expect(asked.postponeRequest).toMatchObject({ amount: 2, unit: 'working_days', reason: '需联系商户负责人到场' });
    expect(asked.allowedActions).not.toContain('request_postpone');
    expect((await handler.post(`/api/v1/cases/${c.id}/actions`, { action: 'approve_postpone' })).statusCode).toBe(403);
    const ok = await act(leader, c.id, { action: 'approve_postpone' });
    // Thu 12-03 + 2 working days → Mon 12-07 (the weekend does not count)
    expect(ok).toMatchObject({ postponeRequest: null, postponements: 1, handleDueAt: new Date('2026-12-07T17:30:00+08:00').toISOString(), stepDueAt: new Date('2026-12-07T17:30:00+08:00').toISOString() });
    await act(handler, c.id, { action: 'request_postpone', amount: 5, reason: '再延' });
    const no = await leader.post(`/api/v1/cases/${c.id}/actions`, { action: 'reject_postpone' });
    expect(no.json().errors[0].field).toBe('reason');
    expect(await act(leader, c.id, { action: 'reject_postpone', reason: '不予延期，请按期处置' })).toMatchObject({ postponeRequest: null, postponements: 1, handleDueAt: ok.handleDueAt });
    expect(await eventTypes(tp, c.id)).toEqual(expect.arrayContaining(['case.urged', 'case.postpone_requested', 'case.postponed', 'case.postpone_rejected']));
  });

  it('suspension stops the clock; resuming gives back the time that was left', async () => {
    at('2026-12-04T16:30:00'); // Friday
    await stage(CG);
    const c = await registered();
    const d = await act(await as(tp, 'dispatcher'), c.id, { action: 'dispatch' });
    expect(d.handleDueAt).toBe(new Date('2026-12-07T17:30:00+08:00').toISOString());
    await act(await as(tp, 'handler'), c.id, { action: 'accept' });
    const leader = await as(tp, 'leader');
    at('2026-12-07T16:30:00'); // one working hour left
    const s = await act(leader, c.id, { action: 'suspend', reason: '商户负责人住院，暂缓' });
    expect(s).toMatchObject({ state: 'suspended', step: null, stepDueAt: null, allowedActions: expect.arrayContaining(['resume', 'force_close']) });
    at('2026-12-10T09:00:00');
    expect(await sweep('cases.sla')).toBeGreaterThanOrEqual(0);
    expect((await detail(leader, c.id)).overdue).toBe(false);
    const r = await act(leader, c.id, { action: 'resume' });
    expect(r).toMatchObject({ state: 'accepted', step: 'handle', handleDueAt: new Date('2026-12-10T10:00:00+08:00').toISOString() });
    expect(await eventTypes(tp, c.id)).toEqual(expect.arrayContaining(['case.suspended', 'case.resumed']));
  });
});

describe('escalation when nobody accepts', () => {
  it('after the accept limit the next nearest is asked, after three people the shift leader', async () => {
    at('2026-12-08T11:00:00');
    await stage(CG);
    const c = await registered();
    const first = await act(await as(tp, 'dispatcher'), c.id, { action: 'dispatch' });
    expect(first).toMatchObject({ assigneeName: '城管队员 顾磊', acceptDueAt: new Date('2026-12-08T11:15:00+08:00').toISOString() });
    later(10);
    await sweep('cases.accept');
    expect((await detail(await as(tp, 'leader'), c.id)).assigneeName).toBe('城管队员 顾磊'); // not yet
    later(6);
    await sweep('cases.accept');
    const second = await detail(await as(tp, 'leader'), c.id);
    expect(second).toMatchObject({ state: 'dispatched', assigneeName: '城管队员2号', escalated: false });
    const reassign = second.timeline.find((e: { action: string }) => e.action === 'reassign');
    expect(reassign).toMatchObject({ role: 'system', actor: { kind: 'system' } });
    expect(reassign.note).toContain('超时未接单，转派：城管队员2号');
    later(16);
    await sweep('cases.accept');
    expect((await detail(await as(tp, 'leader'), c.id)).assigneeName).toBe('城管队员3号');
    // the first person cannot accept any more; the current one could
    expect((await (await as(tp, 'handler')).post(`/api/v1/cases/${c.id}/actions`, { action: 'accept' })).statusCode).toBe(403);
    later(16);
    await sweep('cases.accept');
    const up = await detail(await as(tp, 'leader'), c.id);
    expect(up).toMatchObject({ state: 'dispatched', escalated: true, assigneeId: null, acceptDueAt: null });
    expect(up.timeline.at(-1)).toMatchObject({ action: 'escalate', note: '连续 3 人超时未接单，已升级至值班长' });
    expect(await eventTypes(tp, c.id)).toEqual(expect.arrayContaining(['case.reassigned', 'case.escalated']));
    const ev = await tp.platform.ctx.database.query<{ scope: { roles: string[] } }>(`select scope from events where type = 'case.escalated' and subject_id = $1`, [String(c.id)]);
    expect(ev[0]!.scope.roles).toContain('shift_leader');
    later(16);
    await sweep('cases.accept');
    expect((await detail(await as(tp, 'leader'), c.id)).timeline).toHaveLength(up.timeline.length); // handled exactly once
    // the shift leader names someone
    const cg06 = await userId('cg06');
    expect(await act(await as(tp, 'leader'), c.id, { action: 'dispatch', assigneeId: cg06 })).toMatchObject({ assigneeName: '城管队员6号', escalated: false });
    expect((await detail(await as(tp, 'leader'), c.id)).timeline.at(-1).note).toContain('由派遣员指定');
  });

  it('with nobody on duty the case goes to the shift leader at once', async () => {
    at('2026-12-08T03:00:00'); // only the night team (cg07) is on duty
    const depts = (await (await as(tp, 'dispatcher')).get('/api/v1/departments')).json() as { id: number; code: string }[];
    const c = await registered({ categoryCode: '09012', description: '消防通道被杂物堵塞' });
    const d = await act(await as(tp, 'dispatcher'), c.id, { action: 'dispatch', departmentId: depts.find((x) => x.code === 'SJ')!.id });
    // 市场监管所: sj03 works nights but has never reported a position; the least busy on duty is chosen
    expect(d.assigneeName).toBe('市场监管员3号');
    expect((await detail(await as(tp, 'leader'), c.id)).timeline.at(-1).note).toContain('在岗人员均无近期位置');
    const leader = await as(tp, 'leader');
    const yl = depts.find((x) => x.code === 'YL')!.id; // care staff keep office hours
    const e = await act(leader, c.id, { action: 'dispatch', departmentId: yl });
    expect(e).toMatchObject({ escalated: true, assigneeId: null });
    expect((await detail(leader, c.id)).timeline.at(-1).note).toContain('该部门当前无在岗人员，已升级至值班长');
  });
});

describe('duplicates and merging', () => {
  it('offers open cases of the category nearby, and merging moves evidence and reporters to the master', async () => {
    at('2026-12-09T14:00:00');
    const acceptor = await as(tp, 'acceptor');
    const spot = offset(HOT, -400, 250);
    const master = await report(acceptor, { categoryCode: '09030', description: '楼道里堆满旧家具', location: spot, reporter: { name: '李阿姨', phone: '13900002222' } });
    const res = await acceptor.post('/api/v1/cases', { source: 'public', categoryCode: '09030', description: '3 号楼楼道堆物，影响通行', location: offset(spot, 4, 3), reporter: { name: '张先生', phone: '13900003333' }, evidence: [{ kind: 'photo', contentBase64: JPEG }] });
    expect(res.statusCode).toBe(201);
    const dup = res.json();
    expect(dup.duplicates).toEqual([expect.objectContaining({ id: master.id, number: master.number, distanceM: 5 })]);
    // another category at the same spot, or far away, is no duplicate of it (the demo's own
    // open cases nearby, which move with the real date, are not this test's business)
    const offered = async (body: Record<string, unknown>) => ((await acceptor.post('/api/v1/cases', body)).json().duplicates as { id: number; number: string }[]).map((d) => d.id);
    expect(await offered({ source: 'public', categoryCode: '09015', description: '楼上夜间噪声', location: spot })).not.toContain(master.id);
    expect(await offered({ source: 'public', categoryCode: '09030', description: '另一栋楼道堆物', location: offset(spot, 80, 0) })).not.toContain(master.id);

    expect((await acceptor.post(`/api/v1/cases/${dup.case.id}/actions`, { action: 'merge' })).json().errors[0].field).toBe('masterId');
    const merged = await act(acceptor, dup.case.id, { action: 'merge', masterId: master.id });
    expect(merged).toMatchObject({ state: 'cancelled', masterId: master.id, cancelReason: `重复案件，已并入 ${master.number}` });
    const m = await detail(acceptor, master.id);
    expect(m.reporters.map((r: { name: string }) => r.name)).toEqual(['李阿姨', '张先生']);
    expect(m.evidence).toHaveLength(1);
    expect(m.evidence[0].originalCaseId).toBe(dup.case.id);
    expect(m.timeline.at(-1)).toMatchObject({ action: 'merge_in' });
    expect((await detail(acceptor, dup.case.id)).evidence).toEqual([]);
    // a closed master takes no more duplicates
    const third = await report(acceptor, { categoryCode: '09030', description: '楼道堆物', location: spot });
    await act(await as(tp, 'leader'), master.id, { action: 'force_close', closeType: 'special', reason: '已移交物业长期治理' });
    expect((await acceptor.post(`/api/v1/cases/${third.id}/actions`, { action: 'merge', masterId: master.id })).statusCode).toBe(409);
  });

  it('a sensing scene collects alarms on its open case; a trusted scene registers and dispatches by itself', async () => {
    at('2026-12-09T18:10:00');
    await stage(CG);
    const ctx = tp.platform.ctx;
    const system = systemActor('shimen2', 'sensing');
    const alarm = (n: number) => ({ source: 'sensor' as const, categoryCode: '09010', description: '凤阳路/奉贤路口非机动车占用人行道（摄像头计数 31 辆）', location: HOT, sceneKey: 'frigate:fengyang-1:bicycle', sourceRef: `alarm-${n}`, trusted: true, dispatch: true, evidence: [{ kind: 'snapshot' as const, alarmRef: `alarm-${n}`, data: { count: 30 + n } }] });
    const a = await createCase(ctx, system, alarm(1));
    expect(a).toMatchObject({ created: true, case: { state: 'dispatched' } });
    const b = await createCase(ctx, system, alarm(2));
    expect(b).toMatchObject({ created: false, case: { id: a.case.id } });
    const c = await detail(await as(tp, 'leader'), a.case.id);
    expect(c.timeline.map((e: { action: string }) => e.action)).toEqual(['report', 'register', 'dispatch', 'add_evidence']);
    expect(c.timeline[1]).toMatchObject({ role: 'system', note: '可信感知场景，按规则自动立案（免核实）' });
    expect(c.evidence.map((e: { alarmRef: string }) => e.alarmRef)).toEqual(['alarm-1', 'alarm-2']);
    // once the case is closed the scene opens a new one
    await act(await as(tp, 'leader'), a.case.id, { action: 'force_close', closeType: 'error', reason: '摄像头误报' });
    expect(await createCase(ctx, system, alarm(3))).toMatchObject({ created: true });
    // untrusted (or from a person) the same alarm waits for verification
    const u = await createCase(ctx, system, { ...alarm(4), sceneKey: 'frigate:other', trusted: false, dispatch: false });
    expect(u.case.state).toBe('reported');
  });
});
