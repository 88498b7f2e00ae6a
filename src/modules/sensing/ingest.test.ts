// Bad input never stops ingestion: malformed, oversized, unknown-device, unauthorised,
// flooding, wrong-signature and replayed messages are refused or dead-lettered with their
// reason (and counted), while the good messages around them are stored exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { connectDevice, eventually, kit, nativeTopic, sensingConfig, unique, type Kit } from './testkit.js';
import { signBody } from './domain/signature.js';

let tp: TestPlatform;
let k: Kit;
beforeAll(async () => {
  tp = await startTestPlatform({ mqtt: true, config: sensingConfig() });
  k = await kit(tp);
});
afterAll(async () => tp?.close());

const q = <T>(text: string, params: unknown[] = []) => tp.platform.ctx.database.query<T>(text, params);
const deadLetters = (code: string) => q<{ reason: string; detail: string; topic: string | null; source: string }>(`select reason, detail, topic, source from sensing_dead_letters where device_code = $1 order by id`, [code]);
const alarmsOf = (deviceId: number) => q<{ msg_key: string; type: string; source: string }>(`select msg_key, type, source from sensing_alarms where device_id = $1 order by id`, [deviceId]);

describe('MQTT ingest of bad input', () => {
  let dev: { id: number; code: string; creds: import('./testkit.js').Credentials };
  let c: MqttClient;
  beforeAll(async () => {
    dev = await k.device('smoke');
    c = await connectDevice(tp, dev.creds);
  });
  afterAll(async () => c?.endAsync());

  it('malformed, oversized and keyless messages are dead-lettered with their reason; the good one after them is stored', async () => {
    const topic = nativeTopic(tp, dev.code, 'alarm');
    await c.publishAsync(topic, '{"type": "smoke", ', { qos: 1 });
    await c.publishAsync(topic, JSON.stringify({ type: 'smoke', id: 'x', pad: 'x'.repeat(70_000) }), { qos: 1 });
    await c.publishAsync(topic, JSON.stringify({ type: 'smoke' }), { qos: 1 });
    await c.publishAsync(topic, JSON.stringify({ type: 'smoke', id: 'a1', ts: 'yesterday' }), { qos: 1 });
    await c.publishAsync(topic, JSON.stringify({ type: 12, id: 'a2' }), { qos: 1 });
    await c.publishAsync(topic, JSON.stringify({ type: 'smoke', id: 'good-1', ts: new Date().toISOString() }), { qos: 1 });
    await c.publishAsync(nativeTopic(tp, dev.code, 'telemetry'), 'not json', { qos: 1 });
    const rows = await eventually(async () => {
      const r = await deadLetters(dev.code);
      return r.length >= 6 && r;
    });
    // (on an external broker the sessions of a shared subscription may reorder them)
    expect(rows.map((r) => r.reason).sort()).toEqual(['malformed', 'malformed', 'malformed', 'malformed', 'malformed', 'oversized']);
    const details = rows.map((r) => r.detail);
    for (const re of [/not JSON/, /id or ts is required/, /^\/ts/, /^\/type/]) expect(details.some((d) => re.test(d)), String(re)).toBe(true);
    expect(rows.filter((r) => r.topic?.endsWith('/telemetry'))).toHaveLength(1);
    expect(rows.every((r) => r.source === 'mqtt' && r.topic?.startsWith(tp.platform.ctx.config.mqttTopicPrefix))).toBe(true);
    const stored = await eventually(async () => {
      const a = await alarmsOf(dev.id);
      return a.length === 1 && a;
    });
    expect(stored[0]).toMatchObject({ msg_key: 'id:good-1', type: 'smoke', source: 'mqtt' });
    const metrics = (await tp.request({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/sensing_dead_letters_total\{reason="malformed"\} [5-9]/);
    expect(metrics).toMatch(/sensing_dead_letters_total\{reason="oversized"\} 1/);
  });

  it('a topic of a device nobody registered is dead-lettered as unknown_device', async () => {
    const ghost = unique('GHOST-');
    await c.publishAsync(nativeTopic(tp, ghost, 'alarm'), JSON.stringify({ type: 'smoke', id: 'g1' }), { qos: 1 });
    const [row] = await eventually(async () => {
      const r = await deadLetters(ghost);
      return r.length > 0 && r;
    });
    expect(row!.reason).toBe('unknown_device');
  });

  it.skipIf(!!process.env.MQTT_URL)('on the embedded broker a device may not publish as another device', async () => {
    const other = await k.device('smoke');
    await c.publishAsync(nativeTopic(tp, other.code, 'alarm'), JSON.stringify({ type: 'smoke', id: 'spoof' }), { qos: 1 });
    const rows = await eventually(async () => {
      const r = (await deadLetters(dev.code)).filter((x) => x.reason === 'not_authorized');
      return r.length > 0 && r;
    });
    expect(rows[0]!.detail).toContain(other.code);
    expect(await alarmsOf(other.id)).toHaveLength(0);
  });

  it.skipIf(!!process.env.MQTT_URL)('on the embedded broker a wrong password or an unknown device cannot log in', async () => {
    await expect(connectDevice(tp, { ...dev.creds, mqttPassword: 'wrong' }, { reconnectPeriod: 0 })).rejects.toThrow();
    await expect(connectDevice(tp, { ...dev.creds, mqttUsername: 'NOPE-1' }, { reconnectPeriod: 0 })).rejects.toThrow();
  });

  it('a flooding device is held to its rate (dead letters, then only counted) without starving a quiet one', async () => {
    const flood = await k.device('generic', { rateLimit: 5 });
    const quiet = await k.device('generic');
    const fc = await connectDevice(tp, flood.creds);
    const qc = await connectDevice(tp, quiet.creds);
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < 300; i++) sends.push(fc.publishAsync(nativeTopic(tp, flood.code, 'alarm'), JSON.stringify({ type: 'flap', id: `f${i}` }), { qos: 1 }));
    for (let i = 0; i < 20; i++) sends.push(qc.publishAsync(nativeTopic(tp, quiet.code, 'alarm'), JSON.stringify({ type: 'leak', id: `q${i}` }), { qos: 1 }));
    await Promise.all(sends);
    await eventually(async () => (await alarmsOf(quiet.id)).length === 20);
    const stored = (await alarmsOf(flood.id)).length;
    const limited = (await deadLetters(flood.code)).filter((r) => r.reason === 'rate_limited').length;
    expect(stored).toBeGreaterThanOrEqual(10);
    expect(stored).toBeLessThan(300);
    expect(limited).toBeGreaterThan(0);
    expect(limited + stored).toBeLessThan(300); // the rest were only counted
    expect((await tp.request({ method: 'GET', url: '/metrics' })).body).toMatch(/sensing_dead_letters_total\{reason="rate_limited"\} \d+/);
    await fc.endAsync();
    await qc.endAsync();
  });
});

describe('HTTP ingest', () => {
  let dev: { id: number; code: string; creds: import('./testkit.js').Credentials };
  beforeAll(async () => {
    dev = await k.device('charging');
  });

  const send = (body: string, opts: { ts?: number; secret?: string; key?: string; sig?: string } = {}) => {
    const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
    const sig = opts.sig ?? signBody(opts.secret ?? dev.creds.httpSecret, ts, body);
    return tp.request({ method: 'POST', url: '/api/v1/ingest/alarms', headers: { 'content-type': 'application/json', 'x-jiedao-device': opts.key ?? dev.creds.httpDeviceKey, 'x-jiedao-timestamp': ts, 'x-jiedao-signature': `sha256=${sig}` }, payload: body });
  };

  it('one signed alarm is stored; sent again with a new signature it is a harmless duplicate', async () => {
    const body = JSON.stringify({ id: 'h-1', type: 'over_current', value: 12.5, unit: 'A', ts: new Date().toISOString() });
    const t1 = Math.floor(Date.now() / 1000);
    const r1 = await send(body, { ts: t1 });
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toEqual({ results: [{ index: 0, status: 'stored' }] });
    // a different timestamp, so a different signature however slow the first request was
    const r2 = await send(body, { ts: t1 - 1 });
    expect(r2.json()).toEqual({ results: [{ index: 0, status: 'duplicate' }] });
    const rows = await alarmsOf(dev.id);
    expect(rows).toEqual([{ msg_key: 'id:h-1', type: 'over_current', source: 'http' }]);
  });

  it('a batch reports each alarm: stored, duplicate or rejected with the reason', async () => {
    const body = JSON.stringify({ alarms: [{ id: 'h-2', type: 'over_current' }, { id: 'h-1', type: 'over_current' }, { id: 'h-3' }, { type: 'x' }] });
    const r = await send(body);
    expect(r.statusCode).toBe(200);
    const res = r.json().results;
    expect(res.map((x: { status: string }) => x.status)).toEqual(['stored', 'duplicate', 'rejected', 'rejected']);
    expect(res[2]).toMatchObject({ reason: 'malformed', detail: expect.stringMatching(/type/) });
    expect(res[3]).toMatchObject({ reason: 'malformed', detail: expect.stringMatching(/id or ts/) });
  });

  it('one malformed alarm is a 400 naming the field, and is dead-lettered', async () => {
    const r = await send(JSON.stringify({ id: 'h-9', type: 'bad type!' }));
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().errors[0].field).toBe('type');
    expect((await deadLetters(dev.code)).some((d) => d.source === 'http' && d.reason === 'malformed')).toBe(true);
  });

  it('refuses a wrong signature, a stale timestamp, a replayed signature, an unknown device and a missing signature', async () => {
    const body = JSON.stringify({ id: 'h-4', type: 'over_current' });
    const wrong = await send(body, { secret: 'not-the-secret' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('sensing.bad_signature');
    const stale = await send(body, { ts: Math.floor(Date.now() / 1000) - 3600 });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().code).toBe('sensing.stale_timestamp');
    const ts = Math.floor(Date.now() / 1000);
    expect((await send(body, { ts })).statusCode).toBe(200);
    const replay = await send(body, { ts });
    expect(replay.statusCode).toBe(409);
    expect(replay.json().code).toBe('sensing.replayed');
    const unknown = await send(body, { key: 'NOBODY-1' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().code).toBe('sensing.unknown_device_key');
    const bare = await tp.request({ method: 'POST', url: '/api/v1/ingest/alarms', headers: { 'content-type': 'application/json', 'x-jiedao-device': dev.code }, payload: body });
    expect(bare.statusCode).toBe(401);
    expect(bare.json().code).toBe('sensing.signature_required');
    // a tampered body does not match its signature
    const sig = signBody(dev.creds.httpSecret, String(ts + 1), body);
    const tampered = await send(body.replace('h-4', 'h-5'), { ts: ts + 1, sig });
    expect(tampered.statusCode).toBe(401);
    const reasons = (await deadLetters(dev.code)).map((d) => d.reason);
    expect(reasons).toEqual(expect.arrayContaining(['bad_signature', 'stale_timestamp', 'replayed']));
    expect((await q(`select 1 from sensing_dead_letters where device_code = 'NOBODY-1' and reason = 'unknown_device'`)).length).toBe(1);
    // only the one good request was stored
    expect((await alarmsOf(dev.id)).filter((a) => a.msg_key === 'id:h-4')).toHaveLength(1);
  });

  it('dead letters are listed for admins with their reason, and not for dispatchers', async () => {
    const list = (await k.admin.get('/api/v1/sensing/dead-letters?reason=bad_signature')).json() as { reason: string; deviceCode: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((d) => d.reason === 'bad_signature')).toBe(true);
    expect((await (await tp.as('dispatcher')).get('/api/v1/sensing/dead-letters')).statusCode).toBe(403);
  });

  it('a session user cannot post alarms (devices only)', async () => {
    const res = await (await tp.as('dispatcher')).post('/api/v1/ingest/alarms', { id: 'x', type: 'smoke' });
    expect(res.statusCode).toBe(401);
  });
});
