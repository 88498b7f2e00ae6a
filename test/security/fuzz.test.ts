// Fuzzing (fast-check) of every public parser: MQTT payloads (native alarms and telemetry,
// Frigate events, reviews, counts), the signed HTTP ingest body, Open311 forms (requests,
// servicerequestupdates), the GeoJSON import and the CSV import of the unit and owner
// register. No crash (only 2xx/4xx), and a refused input writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { count, eq, sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { startTestPlatform, type Client, type TestPlatform } from '../harness.js';
import { normaliseAlarm, normaliseTelemetry, parseJson } from '../../src/modules/sensing/domain/native.js';
import { frigateTopic, parseAvailable, parseCount, parseFrigateEvent, parseFrigateReview } from '../../src/modules/sensing/domain/frigate.js';
import { signBody } from '../../src/modules/sensing/domain/signature.js';
import { cases } from '../../src/modules/cases/schema.js';
import { grids } from '../../src/modules/places/index.js';
import { decodeRegisterFile } from '../../src/modules/places/domain/registerFile.js';
import { parseUnitRegister } from '../../src/modules/places/domain/unitRegister.js';
import { apiKeyCaller } from './clients.js';

const NOW = Date.UTC(2026, 10, 30, 8);
/** JSON-ish values, and the same shapes near the real messages (right keys, wrong values). */
const jsonish = fc.oneof(
  fc.jsonValue(),
  fc.record({ type: fc.oneof(fc.string(), fc.constant('smoke')), id: fc.oneof(fc.string(), fc.integer()), state: fc.oneof(fc.string(), fc.constantFrom('active', 'cleared')), ts: fc.oneof(fc.integer(), fc.string(), fc.double()), value: fc.jsonValue(), data: fc.jsonValue() }, { requiredKeys: [] }),
  fc.record({ type: fc.constantFrom('new', 'update', 'end', 'x'), before: fc.jsonValue(), after: fc.oneof(fc.jsonValue(), fc.record({ id: fc.string(), camera: fc.string(), label: fc.string(), current_zones: fc.array(fc.string()), start_time: fc.double(), end_time: fc.oneof(fc.double(), fc.constant(null)) }, { requiredKeys: [] })) }, { requiredKeys: [] }),
);
const bytes = fc.oneof(fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)), jsonish.map((v) => Buffer.from(JSON.stringify(v) ?? '')), fc.string().map((s) => Buffer.from(s)));

describe('MQTT payload parsers (pure): never throw, answer ok or a reason', () => {
  it('native alarms and telemetry', () => {
    fc.assert(
      fc.property(bytes, fc.string(), (payload, kind) => {
        const j = parseJson(payload);
        expect(typeof j.ok).toBe('boolean');
        if (j.ok) {
          const a = normaliseAlarm(j.value, NOW);
          const t = normaliseTelemetry(j.value, kind || 'smoke', NOW);
          expect(typeof a.ok && typeof t.ok).toBe('boolean');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('Frigate events, reviews, counts, availability and topics', () => {
    fc.assert(
      fc.property(bytes, fc.array(fc.string(), { maxLength: 6 }), (payload, topic) => {
        const j = parseJson(payload);
        const v = j.ok ? j.value : null;
        for (const r of [parseFrigateEvent(v, payload), parseFrigateReview(v, payload), parseCount(payload), parseAvailable(payload)]) expect(typeof r.ok).toBe('boolean');
        expect(frigateTopic(topic)).toBeTruthy();
      }),
      { numRuns: 2000 },
    );
  });
});

/** CSV files near the register (known headers, real building codes, quotes, separators,
 * line breaks, control characters) in Excel's encodings, and plain random bytes. */
const registerCell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', 'B-KDK', 'B-XFKL-01', '1201', '101', 'A-3', '60', '72.5', '-1', '0', '1e3', '99999999.999', '住宅', '办公', 'garage', '张三', '张三、李四', '甲;乙;丙', '60、40', '50,50', '100%', '13800000001', '"', '""', '\r\n', '\u0000', '\ufeff', '，', '\t'),
);
const registerHeader = fc.subarray(['楼宇编码', '房号', '楼层', '专有面积（m²）', '用途', '业主', '业主类型', '联系电话', '份额', 'building', 'area', '备注', '面积', ''], { minLength: 0, maxLength: 10 });
const registerCsv = fc
  .tuple(registerHeader, fc.array(fc.array(registerCell, { maxLength: 10 }), { maxLength: 8 }), fc.constantFrom(',', '\t', ';'), fc.boolean())
  .map(([header, rows, sep, quote]) => [header, ...rows].map((r) => r.map((c) => (quote ? `"${c.replace(/"/g, '""')}"` : c)).join(sep)).join('\r\n'));
const registerFile = fc.oneof(
  fc.tuple(registerCsv, fc.constantFrom('utf8', 'utf8bom', 'gb18030', 'utf16le')).map(([text, enc]) =>
    enc === 'utf8' ? Buffer.from(text) : enc === 'utf8bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) : enc === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]),
  ),
  fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)),
);

describe('CSV register parser (pure): never throws; every row it accepts is well formed', () => {
  it('any bytes decode to text or a reason, and parse to rows or named issues', () => {
    fc.assert(
      fc.property(registerFile, (file) => {
        const d = decodeRegisterFile(file);
        if (!d.ok) {
          expect(d.code).toMatch(/^register\./);
          return;
        }
        const p = parseUnitRegister(d.text);
        expect(p.issueCount).toBeGreaterThanOrEqual(p.issues.length);
        for (const i of p.issues) expect(i.code).toMatch(/^register\./);
        for (const r of p.rows) {
          expect(r.area).toMatch(/^\d+\.\d\d$/);
          expect(Number(r.area)).toBeGreaterThan(0);
          expect(r.owners.length).toBeGreaterThan(0);
          expect(Math.round(r.owners.reduce((sum, o) => sum + Number(o.share) * 100, 0))).toBe(10_000);
          expect(r.floor === null || Number.isInteger(r.floor)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('HTTP parsers on the running platform', () => {
  let tp: TestPlatform;
  let admin: Client;
  beforeAll(async () => {
    tp = await startTestPlatform();
    admin = await tp.as('admin');
  });
  afterAll(async () => tp?.close());

  const countOf = async (table: typeof cases | typeof grids) => (await tp.platform.ctx.db.select({ n: count() }).from(table).where(eq(table.tenantId, 'shimen2')))[0]!.n;

  it('signed device ingest: any body is answered 2xx/4xx', async () => {
    const reg = await admin.post('/api/v1/sensing/devices', { code: 'FUZZ-1', name: '模糊测试', kind: 'smoke', lng: 121.4566, lat: 31.2331, rateLimit: 100_000 });
    expect(reg.statusCode).toBe(201);
    const { httpDeviceKey, httpSecret } = reg.json().credentials as { httpDeviceKey: string; httpSecret: string };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(bytes, jsonish.map((a) => Buffer.from(JSON.stringify({ alarms: [a, a] })))), async (body) => {
        const ts = String(Math.floor(tp.platform.ctx.clock.now().getTime() / 1000));
        const res = await tp.request({
          method: 'POST',
          url: '/api/v1/ingest/alarms',
          headers: { 'content-type': 'application/json', 'x-jiedao-device': httpDeviceKey, 'x-jiedao-timestamp': ts, 'x-jiedao-signature': signBody(httpSecret, ts, body), 'x-fuzz': String(n++) },
          payload: body,
        });
        expect(res.statusCode, res.body).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it('Open311 POST requests and servicerequestupdates: forms of any shape are 2xx/4xx; a refused report creates no case', async () => {
    const key = await apiKeyCaller(tp, ['open311.report']);
    const field = fc.oneof(fc.string(), fc.constantFrom('', '0', '-1', '1e999', 'NaN', '121.4566', '31.2331', '06010', 'shimen2', '<x/>', '2026-13-45T99:00:00Z'));
    const form = fc.dictionary(fc.constantFrom('jurisdiction_id', 'service_code', 'lat', 'long', 'address_string', 'description', 'email', 'first_name', 'phone', 'media_url', 'attribute[x]', 'service_request_id', 'updated_datetime', 'status', 'update_id', 'account_id', 'token', fc.sample(fc.string(), 1)[0]!), field, { maxKeys: 12 });
    await fc.assert(
      fc.asyncProperty(form, fc.constantFrom('requests', 'servicerequestupdates'), fc.boolean(), async (f, what, withKey) => {
        const before = await countOf(cases);
        const params = new URLSearchParams({ ...f, ...(withKey ? { api_key: key.key } : {}) });
        const res = await tp.request({ method: 'POST', url: `/open311/v2/${what}.json`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: params.toString() });
        expect(res.statusCode, res.body).toBeLessThan(500);
        if (res.statusCode >= 400) expect(await countOf(cases)).toBe(before);
      }),
      { numRuns: 120 },
    );
  });

  it('GeoJSON import: malformed collections are 4xx and the grids stay as they were', async () => {
    const coord = fc.oneof(fc.double(), fc.constantFrom(121.45, 31.23, 181, -91, Number.NaN));
    const ring = fc.array(fc.tuple(coord, coord).map(([a, b]) => [a, b]), { maxLength: 6 });
    const geometry = fc.oneof(fc.jsonValue(), fc.record({ type: fc.constantFrom('Polygon', 'MultiPolygon', 'Point', 'LineString', 'Nope'), coordinates: fc.oneof(fc.array(ring, { maxLength: 3 }), fc.jsonValue()) }, { requiredKeys: [] }));
    const feature = fc.record({ type: fc.constantFrom('Feature', 'X'), properties: fc.oneof(fc.constant(null), fc.record({ code: fc.string(), name: fc.string(), nameEn: fc.string(), grid: fc.string() }, { requiredKeys: [] }), fc.jsonValue()), geometry }, { requiredKeys: [] });
    const before = await countOf(grids);
    const exported = (await admin.get('/api/v1/places/geojson/responsibility')).body;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('boundary', 'areas', 'responsibility', 'unit'), fc.array(feature, { maxLength: 4 }), async (layer, features) => {
        const res = await admin.put(`/api/v1/places/geojson/${layer}`, JSON.parse(JSON.stringify({ type: 'FeatureCollection', features })));
        expect(res.statusCode, res.body).toBeLessThan(500);
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 120 },
    );
    expect(await countOf(grids)).toBe(before);
    expect((await admin.get('/api/v1/places/geojson/responsibility')).body).toBe(exported);
  });

  it('CSV import of the unit register: any file is 2xx/4xx, a refused one changes no unit, owner or link', async () => {
    // one digest of the three register tables, computed by the database
    const digest = async () => {
      const r = await tp.platform.ctx.db.execute(sql`select
        (select md5(coalesce(string_agg(concat_ws('|', id, building_id, code, floor, area, use), ',' order by id), '')) from units where tenant_id = 'shimen2') as u,
        (select md5(coalesce(string_agg(concat_ws('|', id, name, kind, phone), ',' order by id), '')) from owners where tenant_id = 'shimen2') as o,
        (select md5(coalesce(string_agg(concat_ws('|', unit_id, owner_id, share), ',' order by unit_id, owner_id), '')) from unit_owners where tenant_id = 'shimen2') as l`);
      return JSON.stringify((r as unknown as { rows: unknown[] }).rows ?? r);
    };
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(registerFile, fc.constantFrom('text/csv', 'application/vnd.ms-excel'), async (file, type) => {
        const before = await digest();
        const res = await admin.post('/api/v1/places/units/import', file, { 'content-type': type });
        expect(res.statusCode, res.body).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(res.headers['content-type']).toMatch(/problem\+json/);
          expect(await digest()).toBe(before);
        } else accepted++;
      }),
      { numRuns: 150 },
    );
    expect(accepted).toBeLessThan(150);
  });
});
