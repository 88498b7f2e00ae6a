// Fuzzing (fast-check) of every public parser: MQTT payloads (native alarms and telemetry,
// Frigate events, reviews, counts), the signed HTTP ingest body, Open311 forms (requests,
// servicerequestupdates) and the GeoJSON import. No crash (only 2xx/4xx), and a refused
// input writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { count, eq } from 'drizzle-orm';
import { startTestPlatform, type Client, type TestPlatform } from '../harness.js';
import { normaliseAlarm, normaliseTelemetry, parseJson } from '../../src/modules/sensing/domain/native.js';
import { frigateTopic, parseAvailable, parseCount, parseFrigateEvent, parseFrigateReview } from '../../src/modules/sensing/domain/frigate.js';
import { signBody } from '../../src/modules/sensing/domain/signature.js';
import { cases } from '../../src/modules/cases/schema.js';
import { grids } from '../../src/modules/places/index.js';
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
});
