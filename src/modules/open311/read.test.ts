// Reading: discovery, the list of requests with the standard's filters and default window
// (the last 90 days or the first 1,000, whichever is smaller), what the public never sees
// (reports still being verified, categories that are not public), and one endpoint
// serving every subdistrict of the deployment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform, type Client } from '../../../test/harness.js';
import { DiscoveryJ, PostedJ, RequestsJ, SPOT, TENANT, TokenJ, XML_SHAPES, clientKey, errorsXml, get, json, one, postForm, xml } from './testkit.js';
import { w3c } from './domain/format.js';
import { GRID_REGISTRY, type GridRegistry } from '../places/index.js';

let tp: TestPlatform;
let t = new Date('2030-01-08T10:00:00+08:00');
const DAY = 86_400_000;
let key: string;
let leader: Client;

beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => t } });
  key = await clientKey(tp);
  leader = await tp.as('leader');
});
afterAll(async () => tp?.close());

/** A report through Open311, registered by the desk unless told otherwise; its number. */
async function reported(service: string, description: string, extra: Record<string, string> = {}, register = true): Promise<{ id: number; number: string; token: string }> {
  const [p] = json(await postForm(tp, 'requests.json', { jurisdiction_id: TENANT, api_key: key, service_code: service, lat: SPOT.lat, long: SPOT.lng, description, ...extra }), PostedJ);
  const row = await one<{ case_id: string; number: string }>(tp, 'select r.case_id, c.number from open311_requests r join cases c on c.id = r.case_id where r.token = $1', [p.token]);
  if (register) expect((await leader.post(`/api/v1/cases/${row.case_id}/actions`, { action: 'register' })).statusCode).toBe(200);
  return { id: Number(row.case_id), number: row.number, token: p.token };
}

const ids = (list: { service_request_id: string }[]) => list.map((r) => r.service_request_id);

describe('discovery', () => {
  it('names the endpoint, its formats and how to get a key; the changeset moves when a service changes', async () => {
    const x = xml(await get(tp, 'discovery.xml'), 'discovery', XML_SHAPES.discovery) as { endpoints: { endpoint: Record<string, unknown>[] } };
    expect(x.endpoints.endpoint[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'http://localhost:80/open311/v2', type: 'test', formats: { format: ['text/xml', 'application/json'] } });
    const before = json(await get(tp, 'discovery.json'), DiscoveryJ);
    expect(before.key_service).toContain('open311.report');
    t = new Date(t.getTime() + 60_000);
    expect((await (await tp.as('admin')).patch('/api/v1/case-categories/06010', { keywords: ['垃圾', '暴露垃圾', '垃圾袋', '垃圾桶'] })).statusCode).toBe(200);
    const after = json(await get(tp, 'discovery.json'), DiscoveryJ);
    expect(after.changeset > before.changeset).toBe(true);
    expect(after.endpoints[0].changeset).toBe(after.changeset);
  });
});

describe('GET requests: filters and the default window', () => {
  const made: Record<string, { id: number; number: string }> = {};

  beforeAll(async () => {
    t = new Date('2030-01-08T10:00:00+08:00');
    made.old = await reported('06010', '一百天前的垃圾');
    t = new Date(t.getTime() + 100 * DAY); // 2030-04-18
    made.rubbish = await reported('06010', '垃圾桶满了');
    t = new Date(t.getTime() + DAY);
    made.noise = await reported('09015', '夜间噪声', { 'attribute[period]': 'night' });
    t = new Date(t.getTime() + DAY);
    made.bikes = await reported('09010', '共享单车堆满人行道', { 'attribute[count]': '30' });
    t = new Date(t.getTime() + DAY);
    made.closed = await reported('06010', '已经处理的垃圾');
    expect((await leader.post(`/api/v1/cases/${made.closed.id}/actions`, { action: 'force_close', closeType: 'special', reason: '物业已自行清理' })).statusCode).toBe(200);
    t = new Date(t.getTime() + DAY);
    made.pending = await reported('06010', '还没受理的反映', {}, false);
    // a case of a category the public never sees (a sensing category), registered by the desk
    const c = await leader.post('/api/v1/cases', { source: 'hotline', categoryCode: '90020', description: '感知设备离线', location: SPOT, register: true });
    expect(c.statusCode, c.body).toBe(201);
    made.internal = c.json().case;
  });

  it('by default: the last 90 days, newest first, nothing still being verified or not public', async () => {
    const x = xml(await get(tp, 'requests.xml', { jurisdiction_id: TENANT }), 'service_requests', XML_SHAPES.service_requests);
    expect(x.map((r) => r.service_request_id)).toEqual([made.closed!.number, made.bikes!.number, made.noise!.number, made.rubbish!.number]);
    const j = json(await get(tp, 'requests.json', { jurisdiction_id: TENANT }), RequestsJ);
    expect(ids(j)).toEqual(ids(x as never));
    expect(j[0]).toMatchObject({ status: 'closed', status_notes: '已按特殊情况办结' });
    // by id, still only what the public may see
    expect(ids(json(await get(tp, 'requests.json', { jurisdiction_id: TENANT, service_request_id: `${made.pending!.number},${made.internal!.number}` }), RequestsJ))).toEqual([]);
    errorsXml(await get(tp, `requests/${made.internal!.number}.xml`, { jurisdiction_id: TENANT }), 404);
  });

  it('service_request_id (comma list) overrides the other filters', async () => {
    const list = json(await get(tp, 'requests.json', { jurisdiction_id: TENANT, service_request_id: `${made.old!.number}, ${made.noise!.number},nope`, status: 'closed', start_date: w3c(t) }), RequestsJ);
    expect(ids(list).sort()).toEqual([made.old!.number, made.noise!.number].sort());
  });

  it('service_code (comma list), status, and a window of start_date/end_date', async () => {
    const q = (extra: Record<string, string>) => get(tp, 'requests.json', { jurisdiction_id: TENANT, ...extra });
    expect(ids(json(await q({ service_code: '09015,09010' }), RequestsJ))).toEqual([made.bikes!.number, made.noise!.number]);
    expect(ids(json(await q({ status: 'closed' }), RequestsJ))).toEqual([made.closed!.number]);
    expect(ids(json(await q({ status: 'open' }), RequestsJ))).toEqual([made.bikes!.number, made.noise!.number, made.rubbish!.number]);
    expect(ids(json(await q({ status: 'open,closed', service_code: '06010' }), RequestsJ))).toEqual([made.closed!.number, made.rubbish!.number]);
    // the window is on requested_datetime, both ends included; times in any zone
    const noiseAt = new Date('2030-04-19T10:00:00+08:00');
    expect(ids(json(await q({ start_date: noiseAt.toISOString(), end_date: w3c(new Date(noiseAt.getTime() + DAY)) }), RequestsJ))).toEqual([made.bikes!.number, made.noise!.number]);
    // a start alone reaches 90 days on; the old case is found with an explicit window
    expect(ids(json(await q({ start_date: '2030-01-01T00:00:00+08:00' }), RequestsJ))).toEqual([made.old!.number]);
    expect(ids(json(await q({ end_date: '2030-01-09T00:00:00Z' }), RequestsJ))).toEqual([made.old!.number]);
    // optional parameters sent empty are not sent
    expect(ids(json(await q({ service_code: '', status: '', start_date: '', end_date: '', service_request_id: '' }), RequestsJ))).toHaveLength(4);
  });

  it('the category attributes and the working-day expectation come back with the request', async () => {
    const [r] = json(await get(tp, `requests/${made.bikes!.number}.json`, { jurisdiction_id: TENANT }), RequestsJ);
    const staff = (await leader.get(`/api/v1/cases/${made.bikes!.id}`)).json();
    expect(staff.attributes).toEqual({ count: 30 });
    // registered, not yet dispatched: dispatch then handling limits after the running step's deadline
    expect(Date.parse(r.expected_datetime)).toBeGreaterThan(Date.parse(staff.stepDueAt));
  });
});

describe('at most 1,000 in the default window', () => {
  it('the demo subdistrict has more public cases than that in 90 days: the newest 1,000 come back', async () => {
    t = new Date(); // the demo's history is the last 60 days of real time
    const j = json(await get(tp, 'requests.json', { jurisdiction_id: TENANT }), RequestsJ) as { requested_datetime: string }[];
    expect(j).toHaveLength(1000);
    const times = j.map((r) => Date.parse(r.requested_datetime));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const x = xml(await get(tp, 'requests.xml', { jurisdiction_id: TENANT }), 'service_requests', XML_SHAPES.service_requests);
    expect(x).toHaveLength(1000);
  });
});

describe('one endpoint for every subdistrict of the deployment', () => {
  it('jurisdiction_id picks the tenant: its services, its requests, its keys', async () => {
    t = new Date('2030-05-14T10:00:00+08:00');
    const db = tp.platform.ctx.db;
    const square = { type: 'Polygon', coordinates: [[[121.5, 31.22], [121.51, 31.22], [121.51, 31.235], [121.5, 31.235], [121.5, 31.22]]] };
    await tp.platform.ctx.database.query(`insert into tenants (id, name, name_en, district, city, boundary) values ('lujiazui', '陆家嘴街道', 'Lujiazui Subdistrict', '浦东新区', '上海市', $1)`, [JSON.stringify(square)]);
    const { seedCaseTables } = await import('../cases/index.js');
    await db.transaction((tx) => seedCaseTables(tx, 'lujiazui', new Map()).then(() => undefined));
    await (tp.platform.ctx.services.get(GRID_REGISTRY) as GridRegistry).load('lujiazui');
    const theirs = await clientKey(tp, { tenantId: 'lujiazui', name: '浦东的应用' });

    // now two jurisdictions: each names its own
    expect(json(await get(tp, 'services.json', { jurisdiction_id: 'lujiazui' }), (await import('./testkit.js')).ServicesJ).length).toBeGreaterThan(10);
    const [p] = json(await postForm(tp, 'requests.json', { jurisdiction_id: 'lujiazui', api_key: theirs, service_code: '06010', lat: 31.2304, long: 121.5055, description: '陆家嘴的垃圾' }), PostedJ);
    expect(json(await get(tp, `tokens/${p.token}.json`, { jurisdiction_id: 'lujiazui' }), TokenJ)).toEqual([{ token: p.token }]);
    errorsXml(await get(tp, `tokens/${p.token}.xml`, { jurisdiction_id: TENANT }), 404);
    const c = await one<{ tenant_id: string }>(tp, 'select c.tenant_id from open311_requests r join cases c on c.id = r.case_id where r.token = $1', [p.token]);
    expect(c.tenant_id).toBe('lujiazui');
    // a place of one subdistrict is outside the other
    errorsXml(await postForm(tp, 'requests.xml', { jurisdiction_id: 'lujiazui', api_key: theirs, service_code: '06010', lat: SPOT.lat, long: SPOT.lng, description: '石门二路的垃圾' }), 400);
  });
});
