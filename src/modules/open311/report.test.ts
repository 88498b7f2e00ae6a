// Reporting as FixMyStreet does: services and their definitions, POST requests
// form-encoded and multipart with photos and attributes, a token followed until the desk
// has verified and registered the report, the request read back in XML and JSON, a retry
// that finds the first report, and the case the desk sees (source, channel, reporter).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform, type Client } from '../../../test/harness.js';
import { BASE, DefinitionJ, JPEG, PNG, PostedJ, RequestsJ, SPOT, ServicesJ, TENANT, TokenJ, XML_SHAPES, clientKey, get, json, one, postForm, postMultipart, xml } from './testkit.js';

let tp: TestPlatform;
let t = new Date('2030-05-14T10:00:00+08:00'); // a Tuesday, far from the demo's own cases
const later = (minutes: number) => (t = new Date(t.getTime() + minutes * 60_000));
let key: string;
let leader: Client;
let admin: Client;

beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => t } });
  key = await clientKey(tp);
  leader = await tp.as('leader');
  admin = await tp.as('admin');
  // a category with every kind of attribute, as an administrator defines one
  const res = await admin.patch('/api/v1/case-categories/09030', {
    attributes: [
      { code: 'floor', datatype: 'number', required: true, description: '楼层' },
      { code: 'items', datatype: 'multivaluelist', required: false, description: '堆放物品', values: [{ key: 'bike', name: '自行车' }, { key: 'box', name: '纸箱' }, { key: 'furniture', name: '旧家具' }] },
      { code: 'blocking', datatype: 'singlevaluelist', required: true, description: '是否堵塞通道', values: [{ key: 'yes', name: '是' }, { key: 'no', name: '否' }] },
      { code: 'since', datatype: 'datetime', required: false, description: '最早发现时间' },
      { code: 'room', datatype: 'string', required: false, description: '门牌号' },
    ],
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(async () => tp?.close());

const caseOf = (token: string) => one<{ case_id: string }>(tp, 'select case_id from open311_requests where token = $1', [token]).then((r) => Number(r.case_id));

describe('services', () => {
  it('lists the public categories with their group and keywords, in XML and JSON', async () => {
    const x = xml(await get(tp, 'services.xml', { jurisdiction_id: TENANT }), 'services', XML_SHAPES.services);
    const codes = x.map((s) => s.service_code);
    expect(codes).toContain('06010');
    expect(codes).not.toContain('90010'); // 烟感报警: raised by sensors only, not public
    expect(x.find((s) => s.service_code === '09010')).toMatchObject({ service_name: '非机动车乱停放', group: '街面秩序', metadata: 'true', type: 'batch', keywords: '共享单车,电瓶车,自行车,非机动车,乱停' });
    expect(x.find((s) => s.service_code === '06010')).toMatchObject({ metadata: 'false' });
    const j = json(await get(tp, 'services.json', { jurisdiction_id: TENANT }), ServicesJ);
    expect(j.map((s: { service_code: string }) => s.service_code)).toEqual(codes);
    expect(j.find((s: { service_code: string }) => s.service_code === '09010')).toMatchObject({ metadata: true, type: 'batch' });
    // English names on request
    const en = json(await get(tp, 'services.json', { jurisdiction_id: TENANT, lang: 'en' }), ServicesJ);
    expect(en.find((s: { service_code: string }) => s.service_code === '06010').service_name).toBe('Exposed rubbish');
  });

  it("gives a service's attributes in order, with list values", async () => {
    const def = xml(await get(tp, 'services/09030.xml', { jurisdiction_id: TENANT }), 'service_definition', XML_SHAPES.service_definition) as { service_code: string; attributes: { attribute: Record<string, unknown>[] } };
    expect(def.service_code).toBe('09030');
    expect(def.attributes.attribute.map((a) => [a.code, a.datatype, a.required, a.order])).toEqual([
      ['floor', 'number', 'true', '1'],
      ['items', 'multivaluelist', 'false', '2'],
      ['blocking', 'singlevaluelist', 'true', '3'],
      ['since', 'datetime', 'false', '4'],
      ['room', 'string', 'false', '5'],
    ]);
    const j = json(await get(tp, 'services/09030.json', { jurisdiction_id: TENANT }), DefinitionJ);
    expect(j.attributes[1]).toMatchObject({ variable: true, code: 'items', values: [{ key: 'bike', name: '自行车' }, { key: 'box', name: '纸箱' }, { key: 'furniture', name: '旧家具' }] });
    // a service without attributes has an empty list
    expect(json(await get(tp, 'services/06010.json', { jurisdiction_id: TENANT }), DefinitionJ)).toEqual({ service_code: '06010', attributes: [] });
    expect(xml(await get(tp, 'services/06010.xml', { jurisdiction_id: TENANT }), 'service_definition', XML_SHAPES.service_definition)).toEqual({ service_code: '06010', attributes: '' });
  });
});

describe('POST requests as FixMyStreet posts them', () => {
  it('form-encoded: a token and a notice; the token gives the id once the desk has registered the report; read back in XML and JSON', async () => {
    const description = 'title: 楼道里堆满杂物\n\ndetail: 3楼楼道堆了自行车和纸箱，堵住了通道。\n\nurl: https://fixmystreet.example/report/42\n\nSubmitted via FixMyStreet';
    const res = await postForm(tp, 'requests.xml', {
      jurisdiction_id: TENANT,
      api_key: key,
      service_code: '09030',
      lat: SPOT.lat,
      long: SPOT.lng,
      email: 'li.ming@example.com',
      first_name: '明',
      last_name: '李',
      phone: '13900001234',
      description,
      'attribute[floor]': '3',
      'attribute[items][]': ['bike', 'box'],
      'attribute[blocking]': 'yes',
      'attribute[since]': '2030-05-13T20:00:00+08:00',
      'attribute[room]': '',
      account_id: 'fms-user-7',
      media_url: 'https://fixmystreet.example/photo/42.full.jpeg',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [posted] = xml(res, 'service_requests', XML_SHAPES.posted);
    expect(posted).toMatchObject({ token: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), account_id: 'fms-user-7' });
    expect(posted).not.toHaveProperty('service_request_id');
    expect(posted!.service_notice).toContain('已收到您的反映');
    const token = String(posted!.token);

    // FixMyStreet polls the token: no id while the report is being verified
    const pending = xml(await get(tp, `tokens/${token}.xml`, { jurisdiction_id: TENANT }), 'service_requests', XML_SHAPES.token);
    expect(pending).toEqual([{ token }]);
    expect(json(await get(tp, `tokens/${token}.json`, { jurisdiction_id: TENANT }), TokenJ)).toEqual([{ token }]);

    // the desk sees a case from Open311, through this client, with the reporter's contact
    const id = await caseOf(token);
    const staff = (await leader.get(`/api/v1/cases/${id}`)).json();
    expect(staff).toMatchObject({ state: 'reported', source: 'open311', channel: 'FixMyStreet 测试', sourceRef: token, categoryCode: '09030', description, attributes: { floor: 3, items: ['bike', 'box'], blocking: 'yes', since: '2030-05-13T12:00:00.000Z' } });
    expect(staff.reporters).toEqual([expect.objectContaining({ name: '李明', phone: '13900001234', email: 'li.ming@example.com', source: 'open311' })]);
    expect(staff.evidence).toEqual([expect.objectContaining({ kind: 'photo', url: 'https://fixmystreet.example/photo/42.full.jpeg', public: true })]);
    // not public yet: no such request
    expect((await get(tp, `requests/${staff.number}.xml`, { jurisdiction_id: TENANT })).statusCode).toBe(404);

    later(10);
    const reg = await leader.post(`/api/v1/cases/${id}/actions`, { action: 'register' });
    expect(reg.statusCode, reg.body).toBe(200);
    const resolved = xml(await get(tp, `tokens/${token}.xml`, { jurisdiction_id: TENANT }), 'service_requests', XML_SHAPES.token);
    expect(resolved).toEqual([{ service_request_id: staff.number, token }]);

    const [x] = xml(await get(tp, `requests/${staff.number}.xml`, { jurisdiction_id: TENANT }), 'service_requests', XML_SHAPES.service_requests);
    expect(x).toMatchObject({
      service_request_id: staff.number,
      status: 'open',
      status_notes: '已立案',
      service_name: '楼道堆物',
      service_code: '09030',
      description,
      requested_datetime: '2030-05-14T10:00:00+08:00',
      updated_datetime: '2030-05-14T10:10:00+08:00',
      lat: String(SPOT.lat),
      long: String(SPOT.lng),
      media_url: 'https://fixmystreet.example/photo/42.full.jpeg',
      address: '',
      zipcode: '',
    });
    // not yet dispatched: the subdistrict answers for it
    expect(x!.agency_responsible).toBe('石门二路街道');
    const [j] = json(await get(tp, `requests/${staff.number}.json`, { jurisdiction_id: TENANT }), RequestsJ);
    expect(j).toMatchObject({ service_request_id: staff.number, status: 'open', lat: SPOT.lat, long: SPOT.lng, address: null, zipcode: null, agency_responsible: '石门二路街道' });
    // the expected completion is the working-day limit of the remaining steps
    const after = (await leader.get(`/api/v1/cases/${id}`)).json();
    expect(Date.parse(j.expected_datetime)).toBeGreaterThan(Date.parse(after.stepDueAt));
  });

  it('multipart with photos (photo1, photo2) stores them as public evidence the request links to', async () => {
    later(30);
    const res = await postMultipart(
      tp,
      'requests.json',
      { jurisdiction_id: TENANT, api_key: key, service_code: '06010', lat: SPOT.lat + 0.0005, long: SPOT.lng, address_string: '凤阳路288号', description: '人行道上有好几袋垃圾', first_name: 'Anna', last_name: 'Smith' },
      { photo1: { content: JPEG }, photo2: { content: PNG, type: 'image/png', name: 'p.png' } },
    );
    expect(res.statusCode, res.body).toBe(200);
    const [posted] = json(res, PostedJ);
    const id = await caseOf(posted.token);
    const staff = (await leader.get(`/api/v1/cases/${id}`)).json();
    expect(staff.address).toBe('凤阳路288号');
    expect(staff.reporters[0]).toMatchObject({ name: 'Anna Smith', email: null });
    expect(staff.evidence.map((e: { kind: string; mediaType: string; public: boolean; size: number }) => [e.kind, e.mediaType, e.public, e.size])).toEqual([
      ['photo', 'image/jpeg', true, JPEG.length],
      ['photo', 'image/png', true, PNG.length],
    ]);
    await leader.post(`/api/v1/cases/${id}/actions`, { action: 'register' });
    const [r] = json(await get(tp, `requests/${staff.number}.json`, { jurisdiction_id: TENANT }), RequestsJ);
    expect(r.address).toBe('凤阳路288号');
    expect(r.media_url).toMatch(new RegExp(`^http://localhost(:\\d+)?${BASE}/media/${staff.evidence[0].id}\\?jurisdiction_id=shimen2$`));
    // the photo itself, as a client fetches it
    const photo = await tp.request({ method: 'GET', url: new URL(r.media_url).pathname + new URL(r.media_url).search });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.rawPayload.equals(JPEG)).toBe(true);
    // the office's own photos are never served here
    const up = await leader.post(`/api/v1/cases/${id}/evidence`, { evidence: [{ kind: 'photo', contentBase64: JPEG.toString('base64') }] });
    const staffPhoto = up.json().ids[0];
    expect((await get(tp, `media/${staffPhoto}`, { jurisdiction_id: TENANT })).statusCode).toBe(404);
  });

  it('places an address_string or a building code (address_id) in the subdistrict', async () => {
    later(5);
    const byName = json(await postForm(tp, 'requests.json', { jurisdiction_id: TENANT, api_key: key, service_code: '06010', address_string: '上海市静安区 江宁路212号 门口', description: '门口垃圾没人收' }), PostedJ);
    const c1 = (await leader.get(`/api/v1/cases/${await caseOf(byName[0].token)}`)).json();
    const kdk = await one<{ lng: number; lat: number }>(tp, `select lng, lat from buildings where code = 'B-KDK'`);
    expect([c1.lng, c1.lat]).toEqual([kdk.lng, kdk.lat]); // 凯迪克大厦, 江宁路212号
    expect(c1.address).toBe('上海市静安区 江宁路212号 门口');

    // media_url may repeat: each link is kept
    const byId = json(await postForm(tp, 'requests.json', { jurisdiction_id: TENANT, api_key: key, service_code: '06010', address_id: 'B-KDK', description: '大厦门口垃圾', media_url: ['https://img.example/1.jpg', 'https://img.example/2.jpg'] }), PostedJ);
    const id2 = await caseOf(byId[0].token);
    const c2 = (await leader.get(`/api/v1/cases/${id2}`)).json();
    expect(c2.evidence.map((e: { url: string }) => e.url)).toEqual(['https://img.example/1.jpg', 'https://img.example/2.jpg']);
    expect([c2.lng, c2.lat]).toEqual([kdk.lng, kdk.lat]);
    expect(c2.address).toContain('凯迪克大厦');
    await leader.post(`/api/v1/cases/${id2}/actions`, { action: 'register' });
    const [r] = json(await get(tp, `requests/${c2.number}.json`, { jurisdiction_id: TENANT }), RequestsJ);
    expect(r).toMatchObject({ address_id: 'B-KDK', media_url: 'https://img.example/1.jpg' });
  });

  it('a retry of the same report (FixMyStreet resends when a token does not resolve) finds the first one', async () => {
    later(5);
    const params = { jurisdiction_id: TENANT, api_key: key, service_code: '09015', lat: SPOT.lat, long: SPOT.lng + 0.0003, description: '夜里KTV声音很大', 'attribute[period]': 'night' };
    const first = json(await postForm(tp, 'requests.json', params), PostedJ)[0];
    later(15);
    const again = json(await postForm(tp, 'requests.json', params), PostedJ)[0];
    expect(again.token).toBe(first.token);
    const n = await one<{ n: string }>(tp, `select count(*) as n from cases where source_ref = $1`, [first.token]);
    expect(Number(n.n)).toBe(1);
    // a different report is a new one
    const other = json(await postForm(tp, 'requests.json', { ...params, description: '夜里KTV声音很大，已经三天了' }), PostedJ)[0];
    expect(other.token).not.toBe(first.token);
  });

  it('a report the desk turns down resolves too: closed, without its text', async () => {
    later(5);
    const [p] = json(await postForm(tp, 'requests.json', { jurisdiction_id: TENANT, api_key: key, service_code: '06010', lat: SPOT.lat, long: SPOT.lng, description: '广告：代开发票 138xxxx' }), PostedJ);
    const id = await caseOf(p.token);
    const res = await leader.post(`/api/v1/cases/${id}/actions`, { action: 'cancel', reason: '与城市管理无关的广告信息' });
    expect(res.statusCode, res.body).toBe(200);
    const [tk] = json(await get(tp, `tokens/${p.token}.json`, { jurisdiction_id: TENANT }), TokenJ);
    const [r] = json(await get(tp, `requests/${tk.service_request_id}.json`, { jurisdiction_id: TENANT }), RequestsJ);
    expect(r).toMatchObject({ status: 'closed', status_notes: '经核实，不予立案', description: null, expected_datetime: null });
  });
});
