// mySociety's servicerequestupdates as FixMyStreet uses it: after a case moves, GET the
// updates of a window (the office's public notes, with the extension's status names), and
// POST a citizen's update (recorded on the case, retried safely, never moving the case).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform, type Client } from '../../../test/harness.js';
import { JPEG, PostedJ, RequestsJ, SPOT, TENANT, UpdatePostedJ, UpdatesJ, XML_SHAPES, clientKey, get, json, one, postForm, postMultipart, xml } from './testkit.js';
import { w3c } from './domain/format.js';

let tp: TestPlatform;
let t = new Date('2030-05-14T09:00:00+08:00');
const later = (minutes: number) => (t = new Date(t.getTime() + minutes * 60_000));
let key: string;
const users = new Map<string, Client>();
const as = async (u: string) => users.get(u) ?? (users.set(u, await tp.as(u)), users.get(u)!);

beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => t } });
  key = await clientKey(tp);
});
afterAll(async () => tp?.close());

async function act(user: string, id: number, body: Record<string, unknown>) {
  const res = await (await as(user)).post(`/api/v1/cases/${id}/actions`, body);
  expect(res.statusCode, `${String(body.action)}: ${res.body}`).toBe(200);
  later(10);
  return res.json();
}

/** A report posted as FixMyStreet posts it; its case id and token. */
async function report(description: string) {
  const [p] = json(await postForm(tp, 'requests.json', { jurisdiction_id: TENANT, api_key: key, service_code: '06010', lat: SPOT.lat, long: SPOT.lng, description, email: 'a@example.com' }), PostedJ);
  const row = await one<{ case_id: string }>(tp, 'select case_id from open311_requests where token = $1', [p.token]);
  return { id: Number(row.case_id), token: p.token as string };
}

describe('GET servicerequestupdates', () => {
  let caseId: number;
  let number: string;
  const start = t;

  it('gives each public step of the case with the extension status names, in both formats', async () => {
    const r = await report('路口垃圾桶满了溢出来');
    caseId = r.id;
    later(10);
    await act('acceptor', caseId, { action: 'request_verify' });
    await act('inspector', caseId, { action: 'verify', confirmed: true, note: '属实' });
    const reg = await act('leader', caseId, { action: 'register' });
    number = reg.number;
    const lh02 = await one<{ id: string }>(tp, `select id from users where username = 'lh02'`);
    await act('dispatcher', caseId, { action: 'dispatch', assigneeId: Number(lh02.id) });
    await act('lh02', caseId, { action: 'accept' });
    const up = await (await as('lh02')).post(`/api/v1/cases/${caseId}/evidence`, { evidence: [{ kind: 'photo', contentBase64: JPEG.toString('base64') }] });
    await act('lh02', caseId, { action: 'handle', note: '已清运', photos: up.json().ids });
    await act('inspector', caseId, { action: 'check', passed: true, note: '干净了' });
    await act('leader', caseId, { action: 'close' });

    // FixMyStreet asks for a window (start_date and end_date) with its api_key
    const q = { jurisdiction_id: TENANT, api_key: key, start_date: w3c(start), end_date: w3c(t) };
    const x = xml(await get(tp, 'servicerequestupdates.xml', q), 'service_request_updates', XML_SHAPES.service_request_updates);
    const mine = x.filter((u) => u.service_request_id === number);
    expect(mine.map((u) => [u.status, u.external_status_code, u.description])).toEqual([
      ['investigating', 'verifying', '已受理，正在核实'],
      ['investigating', 'verified', '经现场核实，情况属实'],
      ['action_scheduled', 'registered', '已立案'],
      ['action_scheduled', 'dispatched', '已派遣至绿化市容管理所处置'],
      ['in_progress', 'accepted', '处置人员已接单，正在处置'],
      ['in_progress', 'handled', '已处置完毕，等待核查'],
      ['fixed', 'checked', '经核查，问题已解决'],
      ['fixed', 'closed', '已办结'],
    ]);
    // the office's own photos are not published with its updates
    expect(mine.every((u) => u.media_url === '')).toBe(true);
    // oldest first, each with its own id and time
    expect(new Set(mine.map((u) => u.update_id)).size).toBe(8);
    expect(mine[0]!.updated_datetime).toBe(w3c(new Date(start.getTime() + 10 * 60_000)));
    const j = json(await get(tp, 'servicerequestupdates.json', q), UpdatesJ);
    expect(j.filter((u: { service_request_id: string }) => u.service_request_id === number).map((u: { status: string }) => u.status)).toEqual(mine.map((u) => u.status));

    // a narrower window has only what happened in it
    const narrow = json(await get(tp, 'servicerequestupdates.json', { jurisdiction_id: TENANT, start_date: w3c(new Date(t.getTime() - 25 * 60_000)), end_date: w3c(t) }), UpdatesJ);
    expect(narrow.filter((u: { service_request_id: string }) => u.service_request_id === number).map((u: { status: string }) => u.status)).toEqual(['fixed', 'fixed']);
    // the request itself is closed, updated when it was closed
    const [req] = json(await get(tp, `requests/${number}.json`, { jurisdiction_id: TENANT }), RequestsJ);
    expect(req).toMatchObject({ status: 'closed', status_notes: '已办结', updated_datetime: w3c(new Date(t.getTime() - 10 * 60_000)), agency_responsible: '绿化市容管理所', expected_datetime: null });
  });

  it('without dates, the last day', async () => {
    later(60 * 24 + 60);
    const r = await report('又有垃圾');
    await act('leader', r.id, { action: 'register' });
    const list = json(await get(tp, 'servicerequestupdates.json', { jurisdiction_id: TENANT }), UpdatesJ);
    expect(list.map((u: { description: string }) => u.description)).toEqual(['已立案']);
  });

  it('a case still being verified publishes nothing', async () => {
    later(5);
    const from = t;
    const r = await report('还在核实的反映');
    await act('acceptor', r.id, { action: 'request_verify' });
    const list = json(await get(tp, 'servicerequestupdates.json', { jurisdiction_id: TENANT, start_date: w3c(from), end_date: w3c(t) }), UpdatesJ);
    expect(list).toEqual([]);
  });
});

describe("POST servicerequestupdates: a citizen's update", () => {
  it('is recorded on the case (the desk is told), shows among the updates, and a retry returns the same update', async () => {
    later(5);
    const from = t;
    const r = await report('井盖旁边有垃圾');
    const reg = await act('leader', r.id, { action: 'register' });
    const update = { jurisdiction_id: TENANT, api_key: key, service_request_id: reg.number, update_id: 'fms-comment-901', status: 'OPEN', updated_datetime: w3c(t), description: '垃圾还在，而且越来越多了', first_name: '明', last_name: '李', email: 'li@example.com' };
    const res = await postForm(tp, 'servicerequestupdates.xml', update);
    expect(res.statusCode, res.body).toBe(200);
    const [posted] = xml(res, 'service_request_updates', XML_SHAPES.update_posted);
    const updateId = String(posted!.update_id);
    expect(updateId).toMatch(/^\d+$/);

    const staff = (await (await as('leader')).get(`/api/v1/cases/${r.id}`)).json();
    expect(staff.state).toBe('registered'); // a citizen never moves a case
    const entry = staff.timeline.find((e: { id: number }) => String(e.id) === updateId);
    expect(entry).toMatchObject({ action: 'public_update', role: 'public', note: '垃圾还在，而且越来越多了', publicNote: '垃圾还在，而且越来越多了', actor: { kind: 'api_key', name: 'FixMyStreet 测试' }, detail: expect.objectContaining({ status: 'OPEN', clientRef: 'fms-comment-901', author: { name: '李明', email: 'li@example.com' } }) });
    const events = await tp.platform.ctx.database.query<{ type: string; scope: { roles: string[] } }>(`select type, scope from events where subject_type = 'case' and subject_id = $1 order by id`, [String(r.id)]);
    expect(events.at(-1)).toMatchObject({ type: 'case.public_update', scope: { roles: expect.arrayContaining(['shift_leader']) } });

    // FixMyStreet retries when it did not hear back: the same update, not a second one
    later(2);
    const again = json(await postForm(tp, 'servicerequestupdates.json', update), UpdatePostedJ);
    expect(again).toEqual([{ update_id: updateId }]);
    const n = await one<{ n: string }>(tp, `select count(*) as n from case_timeline where case_id = $1 and action = 'public_update'`, [r.id]);
    expect(Number(n.n)).toBe(1);

    // it is among the updates, with the status the citizen gave; the status note stays the office's
    const list = json(await get(tp, 'servicerequestupdates.json', { jurisdiction_id: TENANT, start_date: w3c(from), end_date: w3c(t) }), UpdatesJ);
    expect(list.find((u: { update_id: string }) => u.update_id === updateId)).toMatchObject({ status: 'open', description: '垃圾还在，而且越来越多了', external_status_code: null, service_request_id: reg.number });
    const [req] = json(await get(tp, `requests/${reg.number}.json`, { jurisdiction_id: TENANT }), RequestsJ);
    expect(req.status_notes).toBe('已立案');
  });

  it('with a photo (multipart): the photo is the update’s media_url', async () => {
    later(5);
    const from = t;
    const r = await report('人行道垃圾');
    const reg = await act('leader', r.id, { action: 'register' });
    const res = await postMultipart(tp, 'servicerequestupdates.json', { jurisdiction_id: TENANT, api_key: key, service_request_id: reg.number, update_id: 'fms-comment-902', status: 'OPEN', updated_datetime: w3c(t), description: '补一张照片' }, { photo1: { content: JPEG } });
    const [p] = json(res, UpdatePostedJ);
    const list = json(await get(tp, 'servicerequestupdates.json', { jurisdiction_id: TENANT, start_date: w3c(from), end_date: w3c(t) }), UpdatesJ);
    const u = list.find((x: { update_id: string }) => x.update_id === p.update_id);
    expect(u.media_url).toMatch(/\/open311\/v2\/media\/\d+\?jurisdiction_id=shimen2$/);
    const img = await tp.request({ method: 'GET', url: new URL(u.media_url).pathname + new URL(u.media_url).search });
    expect(img.headers['content-type']).toBe('image/jpeg');
  });

  it('"fixed" or "reopen" on a closed case is recorded for the desk; the case stays closed', async () => {
    later(5);
    const r = await report('路灯下的垃圾');
    await act('leader', r.id, { action: 'force_close', closeType: 'error', reason: '现场无垃圾' });
    const number = (await (await as('leader')).get(`/api/v1/cases/${r.id}`)).json().number;
    const [req] = json(await get(tp, `requests/${number}.json`, { jurisdiction_id: TENANT }), RequestsJ);
    expect(req).toMatchObject({ status: 'closed', status_notes: '经核查属误报，已结案' });
    const [p] = json(await postForm(tp, 'servicerequestupdates.json', { jurisdiction_id: TENANT, api_key: key, service_request_id: number, update_id: 'fms-comment-903', status: 'reopen', updated_datetime: w3c(t), description: '垃圾明明还在' }), UpdatePostedJ);
    const staff = (await (await as('leader')).get(`/api/v1/cases/${r.id}`)).json();
    expect(staff.state).toBe('closed');
    expect(staff.timeline.at(-1)).toMatchObject({ id: Number(p.update_id), detail: expect.objectContaining({ status: 'REOPEN' }) });
    const list = json(await get(tp, 'servicerequestupdates.json', { jurisdiction_id: TENANT, start_date: w3c(new Date(t.getTime() - 30 * 60_000)), end_date: w3c(t) }), UpdatesJ);
    expect(list.filter((u: { service_request_id: string }) => u.service_request_id === number).map((u: { status: string }) => u.status)).toEqual(['no_further_action', 'reopen']);
  });
});
