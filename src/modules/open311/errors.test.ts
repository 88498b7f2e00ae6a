// Every error the interface gives, in the standard's format (<errors><error><code/>
// <description/></error></errors>, JSON a bare array), several at once where a request
// has several problems: 403 for a missing or bad api_key, 404 for an unknown resource,
// jurisdiction, service, request or token, 429 over a client's rate, 400 for the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { PNG, SPOT, TENANT, clientKey, errorsJson, errorsXml, get, postForm, postMultipart } from './testkit.js';

let tp: TestPlatform;
const t = new Date('2030-05-14T10:00:00+08:00');
let key: string;

beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => t } });
  // a second subdistrict on the same deployment: jurisdiction_id is now needed
  await tp.platform.ctx.database.query(`insert into tenants (id, name, name_en, district, city) values ('other', '示例街道', 'Example Subdistrict', '静安区', '上海市')`);
  key = await clientKey(tp);
});
afterAll(async () => tp?.close());

const report = (extra: Record<string, string | number | string[] | undefined> = {}, path = 'requests.xml') =>
  postForm(tp, path, { jurisdiction_id: TENANT, api_key: key, service_code: '06010', lat: SPOT.lat, long: SPOT.lng, description: '垃圾', ...extra });
const descriptions = (errs: { description: string }[]) => errs.map((e) => e.description);

describe('403: a missing or bad api_key', () => {
  it('no key, an unknown key, a revoked key, a key without the grant, a key of another jurisdiction', async () => {
    expect(descriptions(errorsXml(await report({ api_key: undefined }), 403))).toEqual(['缺少 api_key']);
    expect(descriptions(errorsXml(await report({ api_key: '' }), 403))).toEqual(['缺少 api_key']); // sent empty = not sent
    expect(descriptions(errorsJson(await report({ api_key: 'jdk_0123456789_' + 'x'.repeat(43) }, 'requests.json'), 403))).toEqual(['api_key 无效或已吊销']);
    expect(descriptions(errorsXml(await report({ api_key: 'not-a-key' }), 403))).toEqual(['api_key 无效或已吊销']);

    const revoked = await clientKey(tp, { name: '已停用的应用' });
    await tp.platform.ctx.database.query(`update api_keys set revoked_at = now() where name = '已停用的应用'`);
    errorsXml(await report({ api_key: revoked }), 403);

    const lookupOnly = await clientKey(tp, { name: '只查网格', grants: ['grids.lookup'] });
    expect(descriptions(errorsXml(await report({ api_key: lookupOnly }), 403))).toEqual(['该 api_key 未被授予提交服务请求的权限（open311.report）']);
    const refused = await tp.platform.ctx.database.query<{ action: string; outcome: string }>(`select action, outcome from audit_log where action = 'open311.report' order by id desc limit 1`);
    expect(refused[0]).toEqual({ action: 'open311.report', outcome: 'denied' });

    const otherKey = await clientKey(tp, { tenantId: 'other', name: '示例街道的应用' });
    expect(descriptions(errorsXml(await report({ api_key: otherKey }), 403))).toEqual(['该 api_key 不属于辖区“shimen2”']);
    // English on request
    const en = await postForm(tp, 'requests.json', { jurisdiction_id: TENANT, service_code: '06010' }, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(descriptions(errorsJson(en, 403))).toEqual(['api_key is missing']);
    // nothing was written
    const n = await tp.platform.ctx.database.query<{ n: string }>(`select count(*) as n from cases where source = 'open311'`);
    expect(Number(n[0]!.n)).toBe(0);
  });

  it('POST servicerequestupdates needs a key too; a bad key sent to a GET is refused', async () => {
    errorsXml(await postForm(tp, 'servicerequestupdates.xml', { jurisdiction_id: TENANT, service_request_id: '1', update_id: '1', status: 'OPEN', updated_datetime: '2030-05-14T10:00:00+08:00', description: 'x' }), 403);
    errorsXml(await get(tp, 'servicerequestupdates.xml', { jurisdiction_id: TENANT, api_key: 'wrong' }), 403);
    errorsJson(await get(tp, 'requests.json', { jurisdiction_id: TENANT, api_key: 'wrong' }), 403);
  });
});

describe('404: unknown resource, jurisdiction, service, request or token', () => {
  it('answers in the format the URL asked for', async () => {
    expect(descriptions(errorsXml(await get(tp, 'services.xml', { jurisdiction_id: 'nowhere' }), 404))).toEqual(['辖区 jurisdiction_id“nowhere”不存在']);
    errorsJson(await get(tp, 'services.json', { jurisdiction_id: 'nowhere' }), 404);
    errorsXml(await report({ jurisdiction_id: 'nowhere' }), 404);
    expect(descriptions(errorsXml(await get(tp, 'services/99999.xml', { jurisdiction_id: TENANT }), 404))).toEqual(['服务 service_code“99999”不存在']);
    errorsXml(await get(tp, 'services/90010.xml', { jurisdiction_id: TENANT }), 404); // not a public category
    errorsJson(await report({ service_code: '99999' }, 'requests.json'), 404);
    expect(descriptions(errorsXml(await get(tp, 'requests/203005140001.xml', { jurisdiction_id: TENANT }), 404))).toEqual(['服务请求“203005140001”不存在']);
    errorsXml(await get(tp, 'tokens/abcdefghijklmnopqrstuv.xml', { jurisdiction_id: TENANT }), 404);
    errorsJson(await get(tp, 'no-such-thing.json'), 404);
    errorsXml(await get(tp, 'services.csv', { jurisdiction_id: TENANT }), 404);
    errorsXml(await get(tp, 'services', { jurisdiction_id: TENANT }), 404);
    errorsXml(await postForm(tp, 'servicerequestupdates.xml', { jurisdiction_id: TENANT, api_key: key, service_request_id: '203005140001', update_id: '1', status: 'OPEN', updated_datetime: '2030-05-14T10:00:00+08:00', description: 'x' }), 404);
    // a token of one jurisdiction is unknown in another
    const otherToken = await postForm(tp, 'requests.json', { jurisdiction_id: TENANT, api_key: key, service_code: '06010', lat: SPOT.lat, long: SPOT.lng, description: '另一个辖区查不到' });
    const token = otherToken.json()[0].token;
    errorsXml(await get(tp, `tokens/${token}.xml`, { jurisdiction_id: 'other' }), 404);
  });
});

describe('400: everything else, each problem named', () => {
  it('a jurisdiction_id is needed when the endpoint serves several', async () => {
    expect(descriptions(errorsXml(await get(tp, 'services.xml'), 400))).toEqual(['本接口服务多个辖区，须提供 jurisdiction_id']);
    expect(descriptions(errorsXml(await get(tp, 'services.xml', { jurisdiction_id: '' }), 400))).toEqual(['本接口服务多个辖区，须提供 jurisdiction_id']);
    expect(descriptions(errorsXml(await get(tp, 'services.xml', { jurisdiction_id: [TENANT, 'other'] }), 400))).toEqual(['字段 jurisdiction_id：只能提供一个值']);
  });

  it('bad parameters of POST requests', async () => {
    const cases: [Record<string, string | string[] | number | undefined>, string[]][] = [
      [{ service_code: undefined }, ['字段 service_code：']],
      [{ lat: undefined, long: undefined }, ['字段 lat：须提供位置：lat 与 long、address_string 或 address_id 之一']],
      [{ long: undefined }, ['字段 long：lat 与 long 须同时提供']],
      [{ lat: '91', long: 'east' }, ['字段 lat：纬度须为 -90 至 90 之间的数（WGS-84，收到“91”）', '字段 long：经度须为 -180 至 180 之间的数（WGS-84，收到“east”）']],
      [{ lat: 31.2304, long: 121.5055 }, ['字段 lat：该位置不在本辖区内（须为 WGS-84 坐标，且经纬度未写反）']],
      [{ description: '字'.repeat(4001) }, ['字段 description：不得超过 4000 个字符（收到 4001 个）']],
      [{ description: '<b>垃圾</b> <script>alert(1)</script>' }, ['字段 description：须为纯文本，不能包含 HTML 或代码']],
      [{ 'attribute[colour]': 'red' }, ['字段 attribute[colour]：该服务没有代码为“colour”的属性']],
      [{ media_url: 'javascript:alert(1)' }, ['字段 media_url：须为 http 或 https 链接（收到“javascript:alert(1)”）']],
      [{ lat: undefined, long: undefined, address_id: 'B-NOPE' }, ['字段 address_id：地址编号 address_id“B-NOPE”不存在']],
      [{ lat: undefined, long: undefined, address_string: '北京市朝阳区建国路1号' }, ['字段 address_string：无法在本辖区内找到地址“北京市朝阳区建国路1号”，请改用 lat 和 long']],
      [{ email: 'not-an-email' }, ['字段 email：']],
      [{ first_name: ['甲', '乙'] }, ['字段 first_name：']],
    ];
    for (const [extra, expected] of cases) {
      const errs = descriptions(errorsXml(await report(extra), 400));
      expect(errs.length, JSON.stringify(extra)).toBe(expected.length);
      errs.forEach((d, i) => expect(d.startsWith(expected[i]!), `${JSON.stringify(extra)} → ${d}`).toBe(true));
    }
    // a description of exactly 4,000 characters (not bytes) is fine
    expect((await report({ description: '字'.repeat(4000) })).statusCode).toBe(200);
  });

  it('attributes checked against the service definition, several errors at once', async () => {
    const res = await postForm(tp, 'requests.json', {
      jurisdiction_id: TENANT,
      api_key: key,
      service_code: '09015',
      lat: SPOT.lat,
      description: '<p>吵</p>',
      'attribute[period]': ['day', 'night'],
      'attribute[loud]': 'very',
    });
    expect(descriptions(errorsJson(res, 400))).toEqual(['字段 long：lat 与 long 须同时提供', '字段 attribute[loud]：该服务没有代码为“loud”的属性', '字段 attribute[period]：该属性只能有一个值', '字段 description：须为纯文本，不能包含 HTML 或代码']);
    const notAValue = await postForm(tp, 'requests.json', { jurisdiction_id: TENANT, api_key: key, service_code: '09015', lat: SPOT.lat, long: SPOT.lng, 'attribute[period]': 'noon' });
    expect(descriptions(errorsJson(notAValue, 400))).toEqual(['字段 attribute[period]：取值“noon”不在可选项（day, night）中']);
    const notANumber = await postForm(tp, 'requests.json', { jurisdiction_id: TENANT, api_key: key, service_code: '09010', lat: SPOT.lat, long: SPOT.lng, 'attribute[count]': 'many' });
    expect(descriptions(errorsJson(notANumber, 400))).toEqual(['字段 attribute[count]：须为数字（收到“many”）']);
  });

  it('photos that are not images, or sent under another name', async () => {
    const res = await postMultipart(tp, 'requests.xml', { jurisdiction_id: TENANT, api_key: key, service_code: '06010', lat: SPOT.lat, long: SPOT.lng }, { photo1: { content: Buffer.from('<svg onload="alert(1)"/>'), type: 'image/jpeg' }, document: { content: PNG } });
    expect(descriptions(errorsXml(res, 400))).toEqual(['字段 photo1：须为 JPEG、PNG 或 WebP 图片', '字段 document：不接受文件字段“document”，照片请用 photo1、photo2……']);
    // over 8 MB: the upload stops and the photo is named
    const big = Buffer.concat([PNG, Buffer.alloc(8 * 1024 * 1024)]);
    const tooBig = await postMultipart(tp, 'requests.json', { jurisdiction_id: TENANT, api_key: key, service_code: '06010', lat: SPOT.lat, long: SPOT.lng }, { photo2: { content: big, type: 'image/png' } });
    expect(descriptions(errorsJson(tooBig, 400))).toEqual(['字段 photo2：不得超过 8 MB']);
  });

  it('GET requests: bad dates, a span over 90 days, end before start, an unknown status or service', async () => {
    const q = (extra: Record<string, string>) => get(tp, 'requests.xml', { jurisdiction_id: TENANT, ...extra });
    expect(descriptions(errorsXml(await q({ start_date: '2030-05-01' }), 400))).toEqual(['字段 start_date：须为带时区的 ISO 8601 时间，例如 2026-01-05T09:30:00+08:00（收到“2030-05-01”）']);
    errorsXml(await q({ start_date: '2030-05-01T10:00:00' }), 400); // no time zone
    errorsXml(await q({ start_date: '2030-02-30T10:00:00Z' }), 400); // no such day
    expect(descriptions(errorsXml(await q({ start_date: '2030-01-01T00:00:00+08:00', end_date: '2030-04-02T00:00:00+08:00' }), 400))).toEqual(['字段 end_date：start_date 与 end_date 相隔不得超过 90 天']);
    expect((await q({ start_date: '2030-01-01T00:00:00+08:00', end_date: '2030-03-31T00:00:00+08:00' })).statusCode).toBe(200); // exactly 89 days
    expect(descriptions(errorsXml(await q({ start_date: '2030-05-02T00:00:00Z', end_date: '2030-05-01T00:00:00Z' }), 400))).toEqual(['字段 end_date：end_date 不能早于 start_date']);
    expect(descriptions(errorsXml(await q({ status: 'open,pending' }), 400))).toEqual(['字段 status：取值“pending”无效，只能是 open 或 closed']);
    expect(descriptions(errorsXml(await q({ service_code: '06010,99999' }), 400))).toEqual(['字段 service_code：服务 service_code“99999”不存在']);
    // several at once
    expect(errorsJson(await get(tp, 'requests.json', { jurisdiction_id: TENANT, start_date: 'yesterday', status: 'maybe' }), 400)).toHaveLength(2);
    // the same rules for updates
    errorsXml(await get(tp, 'servicerequestupdates.xml', { jurisdiction_id: TENANT, start_date: '2030-01-01T00:00:00Z', end_date: '2030-06-01T00:00:00Z' }), 400);
  });

  it('POST servicerequestupdates: status names, required fields, a time with a zone', async () => {
    const res = await postForm(tp, 'servicerequestupdates.json', { jurisdiction_id: TENANT, api_key: key, service_request_id: '203005140001', update_id: 'u1', status: 'SOLVED', updated_datetime: 'now', description: '' });
    expect(descriptions(errorsJson(res, 400))).toEqual([
      '字段 status：取值“SOLVED”无效，须为以下之一：OPEN, CLOSED, FIXED, IN_PROGRESS, ACTION_SCHEDULED, INVESTIGATING, DUPLICATE, NOT_COUNCILS_RESPONSIBILITY, NO_FURTHER_ACTION, INTERNAL_REFERRAL, CANCELLED, REOPEN, FOR_TRIAGE',
      '字段 updated_datetime：须为带时区的 ISO 8601 时间，例如 2026-01-05T09:30:00+08:00（收到“now”）',
      '字段 description：须提供 description 或照片',
    ]);
    const missing = await postForm(tp, 'servicerequestupdates.json', { jurisdiction_id: TENANT, api_key: key, status: 'OPEN', description: 'x' });
    expect(descriptions(errorsJson(missing, 400)).map((d) => d.split('：')[0])).toEqual(['字段 service_request_id', '字段 update_id', '字段 updated_datetime']);
  });
});

describe("429: over a client's rate", () => {
  it('each client has its own limit per minute', async () => {
    const slow = await clientKey(tp, { name: '限速的应用', rateLimit: 2 });
    const post = () => postForm(tp, 'requests.json', { jurisdiction_id: TENANT, api_key: slow, service_code: '06010', lat: SPOT.lat, long: SPOT.lng, description: `限速测试 ${Math.random()}` });
    expect((await post()).statusCode).toBe(200);
    expect((await post()).statusCode).toBe(200);
    const over = await post();
    expect(descriptions(errorsJson(over, 429))).toEqual(['请求过于频繁，请稍后再试']);
    expect(over.headers['retry-after']).toBeDefined();
    // another client is not held back
    expect((await report({}, 'requests.json')).statusCode).toBe(200);
  });
});
