import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Client, type TestPlatform } from '../../../test/harness.js';
import { demoEnterpriseId, eventsOf, itemId, otherEnterpriseUser, userId } from './testing.js';

let tp: TestPlatform;
let agent: Client;
let qf01: Client;
let chief: Client;
let ent: Client;
let entId: number;
let licence: number;
const now = new Date('2026-11-16T10:00:00+08:00');

beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => now } });
  [agent, qf01, chief, ent] = await Promise.all([tp.as('agent'), tp.as('qf01'), tp.as('chief'), tp.as('ent')]);
  entId = await demoEnterpriseId(tp);
  licence = await itemId(agent, 'A1-02');
});
afterAll(async () => tp?.close());

const detail = async (c: Client, id: number) => (await c.get(`/api/v1/enterprise/requests/${id}`)).json();

async function windowRequest(c: Client = agent) {
  const res = await c.post('/api/v1/enterprise/requests', { enterpriseId: entId, itemId: licence, channel: 'window', description: '新设分公司，办理营业执照', contactName: '郑怡', contactPhone: '13900000008' });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: number; code: string };
}

describe('first-contact responsibility and hand-over', () => {
  it('whoever takes a request at the window owns it, with the materials told in full', async () => {
    const { id, code } = await windowRequest();
    expect(code).toMatch(/^QF20261116-\d{5}$/);
    const d = await detail(agent, id);
    const agentId = await userId(tp, 'agent');
    expect(d.status).toBe('accepted');
    expect(d.owner.id).toBe(agentId);
    expect(d.receivedBy.id).toBe(agentId);
    expect(d.materials).toContain('公司章程');
    expect(d.materials.length).toBeGreaterThanOrEqual(5);
    expect(d.steps.map((s: { office: { name: string } }) => s.office.name)).toEqual(['企业服务中心（慈溪路211号）', '市场监督管理所', '企业服务中心（慈溪路211号）']);
    expect(d.allowedActions).toEqual(expect.arrayContaining(['work', 'handover', 'cancel']));
  });

  it('another agent cannot run the steps of a request they do not own', async () => {
    const { id } = await windowRequest();
    const step = (await detail(agent, id)).steps[0];
    const res = await qf01.patch(`/api/v1/enterprise/requests/${id}/steps/${step.id}`, { status: 'in_progress' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.forbidden');
  });

  it('a hand-over changes nothing until the taker accepts, and both sides are on the record', async () => {
    const { id } = await windowRequest();
    const [agentId, takerId] = [await userId(tp, 'agent'), await userId(tp, 'qf01')];
    const offer = await agent.post(`/api/v1/enterprise/requests/${id}/handovers`, { toUserId: takerId, note: '企业在博华广场，由负责该楼的专员跟进' });
    expect(offer.statusCode).toBe(201);
    const { handoverId } = offer.json();

    let d = await detail(agent, id);
    expect(d.owner.id).toBe(agentId); // still the giver's
    expect(d.pendingHandoverTo).toEqual({ id: takerId, name: '代办专员 钱芸' });
    // the taker finds it among the hand-overs waiting for them, and nobody else does
    const waiting = (await qf01.get('/api/v1/enterprise/requests?handoverToMe=true&pageSize=200')).json();
    expect(waiting.items.map((r: { id: number }) => r.id)).toContain(id);
    expect((await agent.get('/api/v1/enterprise/requests?handoverToMe=true&pageSize=200')).json().items.map((r: { id: number }) => r.id)).not.toContain(id);
    // a second offer while one is open is refused
    const again = await agent.post(`/api/v1/enterprise/requests/${id}/handovers`, { toUserId: await userId(tp, 'qf02'), note: '再转一次' });
    expect(again.statusCode).toBe(409);
    // only the taker can accept
    expect((await (await tp.as('qf02')).post(`/api/v1/enterprise/requests/${id}/handovers/${handoverId}/accept`, {})).statusCode).toBe(403);
    expect((await agent.post(`/api/v1/enterprise/requests/${id}/handovers/${handoverId}/accept`, {})).statusCode).toBe(403);

    const ok = await qf01.post(`/api/v1/enterprise/requests/${id}/handovers/${handoverId}/accept`, { note: '已接手' });
    expect(ok.statusCode).toBe(200);
    d = await detail(qf01, id);
    expect(d.owner.id).toBe(takerId);
    expect(d.receivedBy.id).toBe(agentId); // the first contact stays the first contact
    const h = d.handovers.find((x: { id: number }) => x.id === handoverId);
    expect(h).toMatchObject({ kind: 'handover', from: { id: agentId }, to: { id: takerId }, initiatedBy: { id: agentId }, status: 'accepted', note: '企业在博华广场，由负责该楼的专员跟进', responseNote: '已接手' });
    expect(h.respondedAt).toBe(now.toISOString());
    expect(d.log.map((l: { kind: string }) => l.kind)).toEqual(['received', 'handover_requested', 'handed_over']);

    const audit = await tp.platform.ctx.database.query<{ action: string; actor_id: string }>(`select action, actor_id from audit_log where subject_type = 'ent_request' and subject_id = $1 order by id`, [String(id)]);
    expect(audit.map((a) => [a.action, Number(a.actor_id)])).toEqual([
      ['enterprise.request.create', agentId],
      ['enterprise.request.handover', agentId],
      ['enterprise.request.handover_accept', takerId],
    ]);
    expect(await eventsOf(tp, 'enterprise.request.handed_over', id)).toHaveLength(1);

    // the giver has let go: working it now is refused
    const step = d.steps[0];
    expect((await agent.patch(`/api/v1/enterprise/requests/${id}/steps/${step.id}`, { status: 'in_progress' })).statusCode).toBe(403);
    expect((await qf01.patch(`/api/v1/enterprise/requests/${id}/steps/${step.id}`, { status: 'in_progress' })).statusCode).toBe(200);
  });

  it('a declined hand-over leaves the request with the giver; the giver can withdraw an offer', async () => {
    const { id } = await windowRequest();
    const agentId = await userId(tp, 'agent');
    const h1 = (await agent.post(`/api/v1/enterprise/requests/${id}/handovers`, { toUserId: await userId(tp, 'qf01'), note: '请协助' })).json().handoverId;
    expect((await qf01.post(`/api/v1/enterprise/requests/${id}/handovers/${h1}/decline`, { note: '本周外出培训' })).statusCode).toBe(200);
    expect((await detail(agent, id)).owner.id).toBe(agentId);
    // answering twice is a conflict
    expect((await qf01.post(`/api/v1/enterprise/requests/${id}/handovers/${h1}/accept`, {})).statusCode).toBe(409);
    const h2 = (await agent.post(`/api/v1/enterprise/requests/${id}/handovers`, { toUserId: await userId(tp, 'qf02'), note: '请协助' })).json().handoverId;
    expect((await agent.post(`/api/v1/enterprise/requests/${id}/handovers/${h2}/withdraw`, {})).statusCode).toBe(200);
    const d = await detail(agent, id);
    expect(d.owner.id).toBe(agentId);
    expect(d.handovers.map((h: { status: string }) => h.status)).toEqual(['declined', 'cancelled']);
    expect(d.handovers[0].responseNote).toBe('本周外出培训');
  });

  it('an online request waits for an agent; the first to claim it owns it, a second claim is refused', async () => {
    const res = await ent.post('/api/v1/enterprise/requests', { itemId: licence, description: '线上提交：设立子公司' });
    expect(res.statusCode).toBe(201);
    const { id } = res.json();
    let d = await detail(agent, id);
    expect(d).toMatchObject({ status: 'submitted', channel: 'online', owner: null, receivedBy: null });
    expect(d.allowedActions).toContain('claim');
    const queue = (await agent.get('/api/v1/enterprise/requests?owner=none&open=true&pageSize=200')).json();
    expect(queue.items.map((r: { id: number }) => r.id)).toContain(id);

    expect((await qf01.post(`/api/v1/enterprise/requests/${id}/claim`)).statusCode).toBe(200);
    const late = await agent.post(`/api/v1/enterprise/requests/${id}/claim`);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('ent.request.already_owned');
    d = await detail(agent, id);
    const qf01Id = await userId(tp, 'qf01');
    expect(d).toMatchObject({ status: 'accepted', owner: { id: qf01Id }, receivedBy: { id: qf01Id } });
    expect(d.handovers).toMatchObject([{ kind: 'claim', from: null, to: { id: qf01Id }, status: 'accepted' }]);
  });

  it('the chief assigns an unowned request to a frontline agent; agents cannot assign', async () => {
    const { id } = (await ent.post('/api/v1/enterprise/requests', { itemId: licence, description: '线上提交' })).json();
    const qf03 = await userId(tp, 'qf03');
    expect((await agent.post(`/api/v1/enterprise/requests/${id}/assign`, { agentId: qf03 })).statusCode).toBe(403);
    expect((await chief.post(`/api/v1/enterprise/requests/${id}/assign`, { agentId: await userId(tp, 'ent') })).statusCode).toBe(422);
    expect((await chief.post(`/api/v1/enterprise/requests/${id}/assign`, { agentId: qf03, note: '熟悉开办业务' })).statusCode).toBe(200);
    const d = await detail(chief, id);
    expect(d.owner.id).toBe(qf03);
    expect(d.handovers).toMatchObject([{ kind: 'assign', from: { id: await userId(tp, 'chief') }, to: { id: qf03 }, note: '熟悉开办业务' }]);
  });

  it('an enterprise user cannot pick the channel of staff, and staff cannot pretend to be online', async () => {
    const res = await agent.post('/api/v1/enterprise/requests', { enterpriseId: entId, itemId: licence, channel: 'online', description: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('channel');
    const own = await ent.post('/api/v1/enterprise/requests', { itemId: licence, channel: 'window', description: '窗口？' });
    expect(own.statusCode).toBe(201);
    expect((await detail(agent, own.json().id)).channel).toBe('online');
  });
});

describe('steps of the errand', () => {
  it('are tracked one by one, with documents; completion waits for every step', async () => {
    const { id } = await windowRequest();
    let d = await detail(agent, id);
    const [s1, s2, s3] = d.steps;
    const url = (s: { id: number }) => `/api/v1/enterprise/requests/${id}/steps/${s.id}`;

    expect((await agent.patch(url(s1), { status: 'in_progress' })).statusCode).toBe(200);
    expect((await detail(agent, id)).status).toBe('in_progress');
    expect((await agent.patch(url(s1), { status: 'done', note: '材料齐全，已网上提交' })).statusCode).toBe(200);
    // a finished step cannot be restarted
    const back = await agent.patch(url(s1), { status: 'in_progress' });
    expect(back.statusCode).toBe(409);
    expect(back.json().allowedStatuses).toEqual([]);
    // skipping needs a reason
    const noReason = await agent.patch(url(s3), { status: 'skipped' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('note');

    const doc = await agent.post(`${url(s2)}/documents`, { name: '营业执照（正副本）', direction: 'obtained', reference: '91310106MA1FL0001X' });
    expect(doc.statusCode).toBe(201);
    const early = await agent.post(`/api/v1/enterprise/requests/${id}/complete`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('ent.request.steps_open');

    const offices = (await agent.get('/api/v1/enterprise/offices')).json() as { id: number; code: string }[];
    const bank = offices.find((o) => o.code === 'BANK')!;
    const added = await agent.post(`/api/v1/enterprise/requests/${id}/steps`, { officeId: bank.id, task: '开立基本存款账户', beforeSeq: 3 });
    expect(added.statusCode).toBe(201);
    d = await detail(agent, id);
    expect(d.steps.map((s: { seq: number; task: string }) => [s.seq, s.task])).toEqual([
      [1, '收件预审，一次性告知'],
      [2, '核发营业执照'],
      [3, '开立基本存款账户'],
      [4, '营业执照送达企业'],
    ]);
    expect(d.steps[1].documents).toMatchObject([{ name: '营业执照（正副本）', direction: 'obtained', reference: '91310106MA1FL0001X' }]);
    expect(d.steps[0]).toMatchObject({ status: 'done', note: '材料齐全，已网上提交', finishedAt: now.toISOString() });

    for (const s of d.steps.slice(1)) expect((await agent.patch(`/api/v1/enterprise/requests/${id}/steps/${s.id}`, { status: s.seq === 3 ? 'skipped' : 'done', note: s.seq === 3 ? '企业已有基本户' : undefined })).statusCode).toBe(200);
    // an offer still open when the errand is finished lapses with it
    const offer = (await agent.post(`/api/v1/enterprise/requests/${id}/handovers`, { toUserId: await userId(tp, 'qf04'), note: '请代为送达' })).json().handoverId;
    const done = await agent.post(`/api/v1/enterprise/requests/${id}/complete`, { note: '营业执照已送达' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ onTime: true });
    d = await detail(agent, id);
    expect(d).toMatchObject({ status: 'completed', stepsDone: 4, stepsTotal: 4, limitState: 'done_on_time', completionNote: '营业执照已送达' });
    expect(d.handovers.find((h: { id: number }) => h.id === offer).status).toBe('cancelled');
    expect((await (await tp.as('qf04')).post(`/api/v1/enterprise/requests/${id}/handovers/${offer}/accept`, {})).statusCode).toBe(409);
    // nothing moves after completion
    expect((await agent.patch(`/api/v1/enterprise/requests/${id}/steps/${d.steps[0].id}`, { status: 'pending' })).statusCode).toBe(409);
    // the service is in the enterprise's lifecycle
    const e = (await agent.get(`/api/v1/enterprise/enterprises/${entId}`)).json();
    expect(e.lifecycle.find((l: { refId: number | null }) => l.refId === id)).toMatchObject({ kind: 'service', refType: 'ent_request', note: '设立登记（营业执照办理）', by: '代办专员 吴涛' });
  });
});

describe('rating', () => {
  it('only after completion, only by the requesting enterprise, once', async () => {
    const { id } = await windowRequest();
    const early = await ent.post(`/api/v1/enterprise/requests/${id}/rating`, { score: 5, comment: '很好' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('ent.request.not_completed');

    for (const s of (await detail(agent, id)).steps) await agent.patch(`/api/v1/enterprise/requests/${id}/steps/${s.id}`, { status: 'done' });
    expect((await agent.post(`/api/v1/enterprise/requests/${id}/complete`, {})).statusCode).toBe(200);

    expect((await agent.post(`/api/v1/enterprise/requests/${id}/rating`, { score: 5 })).statusCode).toBe(403);
    const other = await otherEnterpriseUser(tp, 'ent-rating');
    expect((await other.client.post(`/api/v1/enterprise/requests/${id}/rating`, { score: 1 })).statusCode).toBe(403);
    const bad = await ent.post(`/api/v1/enterprise/requests/${id}/rating`, { score: 6 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('score');

    expect((await ent.post(`/api/v1/enterprise/requests/${id}/rating`, { score: 4, comment: '专员跑了两趟市场监管所，辛苦了' })).statusCode).toBe(200);
    const twice = await ent.post(`/api/v1/enterprise/requests/${id}/rating`, { score: 5 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('ent.request.already_rated');
    const d = await detail(ent, id);
    expect(d.rating).toMatchObject({ score: 4, comment: '专员跑了两趟市场监管所，辛苦了' });
    expect(d.allowedActions).not.toContain('rate');
    expect(await eventsOf(tp, 'enterprise.request.rated', id)).toMatchObject([{ payload: { score: 4 } }]);
  });
});

describe('what an enterprise user may see', () => {
  it("another enterprise's requests are 403, its own list holds only its own", async () => {
    const { id } = await windowRequest();
    const other = await otherEnterpriseUser(tp, 'ent-visibility');
    const res = await other.client.get(`/api/v1/enterprise/requests/${id}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.forbidden');
    expect((await other.client.get(`/api/v1/enterprise/requests?enterpriseId=${entId}`)).statusCode).toBe(403);
    expect((await other.client.post('/api/v1/enterprise/requests', { enterpriseId: entId, itemId: licence, description: '冒名' })).statusCode).toBe(403);
    expect((await other.client.post(`/api/v1/enterprise/requests/${id}/cancel`, { reason: '不要了' })).statusCode).toBe(403);
    expect((await other.client.get(`/api/v1/enterprise/enterprises/${entId}`)).statusCode).toBe(403);

    const mine = (await ent.get('/api/v1/enterprise/requests?pageSize=200')).json() as { total: number; items: { enterprise: { id: number } }[] };
    expect(mine.total).toBeGreaterThan(0);
    expect(new Set(mine.items.map((r) => r.enterprise.id))).toEqual(new Set([entId]));
    const theirs = (await other.client.get('/api/v1/enterprise/requests?pageSize=200')).json() as { items: { enterprise: { id: number } }[] };
    expect(theirs.items.every((r) => r.enterprise.id === other.enterpriseId)).toBe(true);
    const list = (await other.client.get('/api/v1/enterprise/enterprises')).json();
    expect(list.items.map((e: { id: number }) => e.id)).toEqual([other.enterpriseId]);
    // refusals are on the record
    const denied = await tp.platform.ctx.database.query(`select 1 from audit_log where outcome = 'denied' and action = 'enterprise.requests.read'`);
    expect(denied.length).toBeGreaterThan(0);
  });

  it('the enterprise sees progress but not the internal notes of a hand-over', async () => {
    const { id } = await windowRequest();
    const h = (await agent.post(`/api/v1/enterprise/requests/${id}/handovers`, { toUserId: await userId(tp, 'qf01'), note: '内部备注：企业材料可能不全' })).json().handoverId;
    await qf01.post(`/api/v1/enterprise/requests/${id}/handovers/${h}/accept`, {});
    const d = await detail(ent, id);
    expect(d.handovers[0].note).toBeNull();
    expect(JSON.stringify(d.log)).not.toContain('内部备注');
    expect(d.owner.name).toBe('代办专员 钱芸');
  });

  it('the enterprise can withdraw its own open request with a reason', async () => {
    const { id } = (await ent.post('/api/v1/enterprise/requests', { itemId: licence, description: '线上' })).json();
    expect((await ent.post(`/api/v1/enterprise/requests/${id}/cancel`, { reason: '已自行办理' })).statusCode).toBe(200);
    expect(await detail(ent, id)).toMatchObject({ status: 'cancelled', cancelReason: '已自行办理' });
    expect((await ent.post(`/api/v1/enterprise/requests/${id}/cancel`, { reason: '再撤一次' })).statusCode).toBe(409);
  });
});

describe('a street problem found through a request', () => {
  it('is recorded and announced with everything a case needs, in the same transaction', async () => {
    const { id, code } = await windowRequest();
    const res = await agent.post(`/api/v1/enterprise/requests/${id}/street-problems`, { categoryHint: '03007', description: '凯迪克大厦门口店招倾斜' });
    expect(res.statusCode).toBe(201);
    const [e] = await eventsOf(tp, 'enterprise.street_problem.reported', res.json().id);
    expect(e!.payload).toMatchObject({ source: 'enterprise.request', requestId: id, requestCode: code, categoryHint: '03007', description: '凯迪克大厦门口店招倾斜', building: { name: '凯迪克大厦' }, enterprise: { id: entId }, reporter: { name: '代办专员 吴涛' } });
    expect(e!.payload.gridCode).toMatch(/^SM2-G\d\d$/);
    expect(e!.payload.location).toEqual({ lng: expect.any(Number), lat: expect.any(Number) });
    const d = await detail(agent, id);
    expect(d.streetProblems).toMatchObject([{ categoryHint: '03007', caseRef: null }]);

    const outside = await agent.post(`/api/v1/enterprise/requests/${id}/street-problems`, { description: '浦东的问题', lng: 121.5055, lat: 31.2304 });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0]).toMatchObject({ field: 'lng', code: 'ent.street_problem.outside' });
    expect((await ent.post(`/api/v1/enterprise/requests/${id}/street-problems`, { description: '企业自己报' })).statusCode).toBe(403);
  });

  it('the flow can link the case back once', async () => {
    const { id } = await windowRequest();
    const sp = (await agent.post(`/api/v1/enterprise/requests/${id}/street-problems`, { description: '后巷消防通道堵塞', categoryHint: '09012' })).json().id;
    const { linkStreetProblemCase } = await import('./index.js');
    expect(await linkStreetProblemCase(tp.platform.ctx, 'shimen2', sp, 'CASE-2026-0001')).toBe(true);
    expect(await linkStreetProblemCase(tp.platform.ctx, 'shimen2', sp, 'CASE-2026-0002')).toBe(false);
    expect((await detail(agent, id)).streetProblems[0].caseRef).toBe('CASE-2026-0001');
  });
});
