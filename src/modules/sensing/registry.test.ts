// The registry through the API (validation, data scope, secrets) and the device-side
// scenes end to end: smoke alarms, devices going offline and back, a lone elderly
// resident's water meter falling silent, and the cool-down after a scene's case closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { connectDevice, eventually, kit, sensingConfig, unique, type Kit } from './testkit.js';
import { signBody } from './domain/signature.js';
import { recordCaseClosed } from './commands/caseLink.js';
import type { SceneEventPayload } from './events.js';

let now = Date.parse('2026-03-03T06:00:00Z'); // Tuesday 14:00 in Shanghai
const clock = { now: () => new Date(now) };
let tp: TestPlatform;
let k: Kit;
beforeAll(async () => {
  tp = await startTestPlatform({ mqtt: true, clock, config: sensingConfig() });
  k = await kit(tp);
});
afterAll(async () => tp?.close());

const q = <T>(text: string, params: unknown[] = []) => tp.platform.ctx.database.query<T>(text, params);
const sweep = (name: string) => tp.platform.ctx.sweeper.runNow(name);
const payloads = (type: string, sceneId: number) => k.events(type).map((e) => e.payload as unknown as SceneEventPayload).filter((p) => p.sceneId === sceneId);
/** Events reach the bus after the commit (NOTIFY): wait for them. */
const waitFor = (type: string, sceneId: number, n = 1, subject?: string) =>
  eventually(async () => {
    const p = payloads(type, sceneId).filter((x) => !subject || x.subject === subject);
    return p.length >= n && p;
  }, 10_000, `${n} × ${type}`);
const quiet = () => new Promise((r) => setTimeout(r, 300));

async function postAlarm(creds: { httpDeviceKey: string; httpSecret: string }, alarm: Record<string, unknown>) {
  const body = JSON.stringify(alarm);
  const ts = String(Math.floor(now / 1000));
  return tp.request({ method: 'POST', url: '/api/v1/ingest/alarms', headers: { 'content-type': 'application/json', 'x-jiedao-device': creds.httpDeviceKey, 'x-jiedao-timestamp': ts, 'x-jiedao-signature': signBody(creds.httpSecret, ts, body) }, payload: body });
}

describe('device registry', () => {
  it('registers a smoke detector: located in its grid, credentials once, listed by kind', async () => {
    const res = await k.admin.post('/api/v1/sensing/devices', { code: unique('SD-'), name: '凤阳路12号烟感', kind: 'smoke', lng: 121.4566, lat: 31.2331, address: '凤阳路12号' });
    expect(res.statusCode).toBe(201);
    const { device, credentials } = res.json();
    expect(device).toMatchObject({ kind: 'smoke', status: 'unknown', offlineAfterS: 3600, keyVersion: 1 });
    expect(device.gridId).toBeGreaterThan(0);
    expect(credentials.mqttPassword).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(credentials.topics[0]).toBe(`${tp.platform.ctx.config.mqttTopicPrefix}/${tp.platform.ctx.config.tenant}/${device.code}/alarm`);
    const list = (await k.admin.get('/api/v1/sensing/devices?kind=smoke')).json() as { code: string }[];
    expect(list.map((d) => d.code)).toContain(device.code);
    expect(JSON.stringify(list)).not.toContain(credentials.mqttPassword);
  });

  it('refuses bad registrations naming the field', async () => {
    const code = unique('DUP-');
    expect((await k.admin.post('/api/v1/sensing/devices', { code, name: 'a', kind: 'smoke', lng: 121.4566, lat: 31.2331 })).statusCode).toBe(201);
    const dup = await k.admin.post('/api/v1/sensing/devices', { code, name: 'b', kind: 'smoke', lng: 121.4566, lat: 31.2331 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0]).toMatchObject({ field: 'code', code: 'sensing.code_taken' });
    const far = await k.admin.post('/api/v1/sensing/devices', { code: unique('FAR-'), name: 'c', kind: 'smoke', lng: 121.5055, lat: 31.2304 });
    expect(far.statusCode).toBe(422);
    expect(far.json().errors[0]).toMatchObject({ field: 'lng', code: 'sensing.outside_tenant' });
    const noPlace = await k.admin.post('/api/v1/sensing/devices', { code: unique('NP-'), name: 'd', kind: 'manhole' });
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json().errors[0].field).toBe('lng');
    const badParent = await k.admin.post('/api/v1/sensing/devices', { code: unique('CAM-'), name: 'e', kind: 'camera', parentId: k.camera.id, frigateName: 'x', lng: 121.4566, lat: 31.2331 });
    expect(badParent.statusCode).toBe(422);
    expect(badParent.json().errors[0]).toMatchObject({ field: 'parentId', code: 'sensing.not_nvr' });
    const nvr = await k.admin.post('/api/v1/sensing/devices', { code: unique('NVR-'), name: 'f', kind: 'nvr' });
    expect(nvr.json().errors[0].field).toBe('topicPrefix');
    const taken = await k.admin.post('/api/v1/sensing/devices', { code: unique('NVR-'), name: 'g', kind: 'nvr', topicPrefix: k.nvr.prefix });
    expect(taken.statusCode).toBe(409);
    const reserved = await k.admin.post('/api/v1/sensing/devices', { code: unique('NVR-'), name: 'h', kind: 'nvr', topicPrefix: tp.platform.ctx.config.mqttTopicPrefix });
    expect(reserved.statusCode).toBe(422);
    const kind = await k.admin.post('/api/v1/sensing/devices', { code: unique('X-'), name: 'i', kind: 'toaster', lng: 121.4566, lat: 31.2331 });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().errors[0].field).toBe('kind');
  });

  it('only admins register; inspectors see the devices of their grids, handlers those of their department', async () => {
    const dispatcher = await tp.as('dispatcher');
    expect((await dispatcher.post('/api/v1/sensing/devices', { code: unique('Q-'), name: 'x', kind: 'smoke', lng: 121.4566, lat: 31.2331 })).statusCode).toBe(403);
    expect((await dispatcher.get('/api/v1/sensing/devices')).statusCode).toBe(200);
    const depts = (await k.admin.get('/api/v1/departments')).json() as { id: number; code: string }[];
    const cg = depts.find((d) => d.code === 'CG')!.id;
    const inGrid = await k.device('manhole', { lng: 121.4566, lat: 31.2331 }); // 凤阳路/奉贤路: the inspector's grid
    const elsewhere = await k.device('manhole', { lng: 121.4595, lat: 31.2395, departmentId: cg });
    const inspector = (await (await tp.as('inspector')).get('/api/v1/sensing/devices?kind=manhole')).json() as { code: string }[];
    expect(inspector.map((d) => d.code)).toContain(inGrid.code);
    expect(inspector.map((d) => d.code)).not.toContain(elsewhere.code);
    expect((await (await tp.as('inspector')).get(`/api/v1/sensing/devices/${elsewhere.id}`)).statusCode).toBe(403);
    const handler = (await (await tp.as('handler')).get('/api/v1/sensing/devices?kind=manhole')).json() as { code: string; departmentId: number | null; gridId: number }[];
    expect(handler.map((d) => d.code)).toContain(elsewhere.code);
    expect(handler.map((d) => d.code)).not.toContain(inGrid.code);
    expect(handler.every((d) => d.departmentId === cg)).toBe(true);
    expect((await (await tp.as('owner')).get('/api/v1/sensing/devices')).statusCode).toBe(403);
  });

  it.skipIf(!!process.env.MQTT_URL)('rotating a secret locks the old one out of the broker and the HTTP ingest', async () => {
    const d = await k.device('smoke');
    const c1 = await connectDevice(tp, d.creds);
    await c1.endAsync();
    const rot = await k.admin.post(`/api/v1/sensing/devices/${d.id}/rotate`);
    expect(rot.statusCode).toBe(200);
    const fresh = rot.json().credentials;
    expect(fresh.mqttPassword).not.toBe(d.creds.mqttPassword);
    await expect(connectDevice(tp, d.creds, { reconnectPeriod: 0 })).rejects.toThrow();
    const c2 = await connectDevice(tp, fresh);
    await c2.endAsync();
    expect((await postAlarm(d.creds, { id: 'r1', type: 'smoke' })).statusCode).toBe(401);
    expect((await postAlarm(fresh, { id: 'r1', type: 'smoke' })).statusCode).toBe(200);
    const audit = await q<{ action: string }>(`select action from audit_log where subject_type = 'device' and subject_id = $1 order by id`, [String(d.id)]);
    expect(audit.map((a) => a.action)).toEqual(['sensing.device.register', 'sensing.device.rotate_secret']);
  });

  it('scene rules are validated per kind', async () => {
    const bad = await k.admin.post('/api/v1/sensing/scenes', { code: unique('S-'), name: 'x', kind: 'zone_occupancy', categoryCode: '09010', grade: 'normal', params: { zoneIds: [1], labels: ['bicycle'], fireAt: 5, fireAfterS: 60, clearBelow: 9, clearAfterS: 60 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'params.clearBelow' });
    const missing = await k.admin.post('/api/v1/sensing/scenes', { code: unique('S-'), name: 'x', kind: 'presence', categoryCode: '06036', grade: 'normal', params: { zoneIds: [1] } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['params.labels']));
    const window = await k.admin.post('/api/v1/sensing/scenes', { code: unique('S-'), name: 'x', kind: 'device_offline', categoryCode: '90501', grade: 'normal', params: { deviceKinds: [] }, schedule: [{ days: 'all', from: '25:00', to: '06:00' }] });
    expect(window.statusCode).toBe(400);
    expect(window.json().errors[0].field).toBe('schedule.0');
    expect((await (await tp.as('dispatcher')).post('/api/v1/sensing/scenes', { code: 'x', name: 'x', kind: 'device_offline', categoryCode: '1', grade: 'normal', params: {} })).statusCode).toBe(403);
  });
});

describe('device scenes', () => {
  it('a smoke alarm fires at once an urgent scene that registers without verification; "cleared" ends it', async () => {
    const scene = await k.scene({ kind: 'device_alarm', categoryCode: '90201', grade: 'urgent', autoRegister: true, params: { deviceKinds: ['smoke'], alarmTypes: ['smoke'], holdS: 900 } });
    const d = await k.device('smoke', { address: '奉贤路8号' });
    expect((await postAlarm(d.creds, { id: 's1', type: 'smoke', ts: new Date(now).toISOString() })).statusCode).toBe(200);
    const [fired] = await waitFor('sensing.scene.fired', scene.id);
    expect(fired).toMatchObject({ categoryCode: '90201', grade: 'urgent', autoRegister: true, subject: `device:${d.id}`, device: { id: d.id, kind: 'smoke' }, address: '奉贤路8号', evidence: { alarmType: 'smoke', alarms: 1 } });
    // another kind of alarm from it is not this scene's business
    await postAlarm(d.creds, { id: 's2', type: 'battery_low', ts: new Date(now).toISOString() });
    await quiet();
    expect(payloads('sensing.scene.updated', scene.id)).toHaveLength(0);
    await postAlarm(d.creds, { id: 's3', type: 'smoke', state: 'cleared', ts: new Date(now + 1000).toISOString() });
    expect(await waitFor('sensing.scene.cleared', scene.id)).toMatchObject([{ episodeId: fired!.episodeId, reason: 'condition' }]);
    const eps = (await k.admin.get(`/api/v1/sensing/episodes?sceneId=${scene.id}`)).json();
    expect(eps).toMatchObject([{ status: 'cleared', categoryCode: '90201', dedupKey: fired!.dedupKey }]);
  });

  it('a device silent past its limit goes offline (and its scene fires); heard again, it is back online', async () => {
    const scene = await k.scene({ kind: 'device_offline', categoryCode: '90501', grade: 'normal', params: { deviceKinds: ['manhole'] } });
    const d = await k.device('manhole', { offlineAfterS: 600 });
    await postAlarm(d.creds, { id: 'm1', type: 'heartbeat', ts: new Date(now).toISOString() });
    await sweep('sensing.devices.seen');
    expect((await q<{ status: string }>(`select status from sensing_devices where id = $1`, [d.id]))[0]!.status).toBe('online');
    now += 599_000;
    await sweep('sensing.devices.offline');
    await quiet();
    expect(k.events('sensing.device.offline').filter((e) => e.subjectId === String(d.id))).toHaveLength(0);
    now += 2_000;
    expect(await sweep('sensing.devices.offline')).toBeGreaterThanOrEqual(1);
    const off = await eventually(async () => k.events('sensing.device.offline').find((e) => e.subjectId === String(d.id)));
    expect(off.payload).toMatchObject({ code: d.code, offlineAfterS: 600 });
    expect((await waitFor('sensing.scene.fired', scene.id, 1, `device:${d.id}`)).map((p) => p.subject)).toEqual([`device:${d.id}`]);
    // a second sweep claims nothing more
    await sweep('sensing.devices.offline');
    await quiet();
    expect(k.events('sensing.device.offline').filter((e) => e.subjectId === String(d.id))).toHaveLength(1);
    now += 30_000;
    await postAlarm(d.creds, { id: 'm2', type: 'heartbeat', ts: new Date(now).toISOString() });
    await sweep('sensing.devices.seen');
    await eventually(async () => k.events('sensing.device.online').filter((e) => e.subjectId === String(d.id)).some((e) => e.payload.was === 'offline'));
    expect(await waitFor('sensing.scene.cleared', scene.id, 1, `device:${d.id}`)).toHaveLength(1);
  });

  it('a lone elderly resident’s water meter silent for 12 hours fires a care scene for the residents’ committee; water use clears it', async () => {
    const depts = (await k.admin.get('/api/v1/departments')).json() as { id: number; code: string }[];
    const committee = depts.find((d) => d.code === 'JW-XFKL')!.id;
    // a home with no sensors yet (the demo's care sensors live on the real clock)
    const [unit] = await q<{ id: number }>(`select u.id from units u join buildings b on b.id = u.building_id where b.code like 'B-XFKL-%' and not exists (select 1 from sensing_devices d where d.unit_id = u.id) order by u.id limit 1`);
    const scene = await k.scene({ kind: 'inactivity', categoryCode: '90401', grade: 'important', params: { deviceKinds: ['water_meter', 'door_sensor'], hours: 12 } });
    const meter = await k.device('water_meter', { code: unique('WM-XFKL-'), unitId: unit!.id, departmentId: committee });
    const door = await k.device('door_sensor', { code: unique('DS-XFKL-'), unitId: unit!.id, departmentId: committee });
    const tele = (creds: typeof meter.creds, values: Record<string, unknown>) => connectDevice(tp, creds).then(async (c) => {
      await c.publishAsync(`${tp.platform.ctx.config.mqttTopicPrefix}/${tp.platform.ctx.config.tenant}/${creds.mqttUsername}/telemetry`, JSON.stringify({ ts: new Date(now).toISOString(), values }), { qos: 1 });
      await c.endAsync();
    });
    await tele(meter.creds, { flow_l: 3.5 });
    await tele(door.creds, { openings: 1 });
    const lastUse = now;
    const waitActivity = async () => {
      for (let i = 0; i < 200; i++) {
        const r = await q<{ a: Date | null }>(`select max(last_activity_at) as a from sensing_devices where unit_id = $1`, [unit!.id]);
        if (r[0]?.a && new Date(r[0].a).getTime() >= lastUse) return;
        await new Promise((res) => setTimeout(res, 50));
      }
      throw new Error('activity not recorded');
    };
    await waitActivity();
    now += 11 * 3600_000;
    // a door sensor reporting "no openings" is alive, but no activity
    await tele(door.creds, { openings: 0 });
    const subject = `unit:${unit!.id}`;
    await sweep('sensing.scenes.inactivity');
    await quiet();
    expect(payloads('sensing.scene.fired', scene.id).filter((p) => p.subject === subject)).toHaveLength(0);
    now += 3600_000 + 1000;
    await sweep('sensing.scenes.inactivity');
    const [fired] = await waitFor('sensing.scene.fired', scene.id, 1, subject);
    expect(fired).toMatchObject({ subject: `unit:${unit!.id}`, departmentId: committee, categoryCode: '90401', evidence: { hours: 12, silentHours: 12 } });
    expect(fired!.device!.code).toMatch(/^(WM|DS)-XFKL-/);
    await tele(meter.creds, { flow_l: 1.2 });
    for (let i = 0; i < 100 && payloads('sensing.scene.cleared', scene.id).filter((p) => p.subject === subject).length === 0; i++) {
      await sweep('sensing.scenes.inactivity');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(payloads('sensing.scene.cleared', scene.id).filter((p) => p.subject === subject)).toHaveLength(1);
  });

  it('after the scene’s case is closed, a cool-down holds firing back (the alarm → case seam)', async () => {
    const scene = await k.scene({ kind: 'device_alarm', categoryCode: '03xxx-test', grade: 'normal', cooldownS: 1800, params: { deviceKinds: ['manhole'], alarmTypes: ['tilt'], holdS: 3600 } });
    const d = await k.device('manhole');
    await postAlarm(d.creds, { id: 't1', type: 'tilt', value: 35, ts: new Date(now).toISOString() });
    const [fired] = await waitFor('sensing.scene.fired', scene.id);
    expect(await recordCaseClosed(tp.platform.ctx, tp.platform.ctx.config.tenant, fired!.dedupKey, new Date(now))).toBe(true);
    expect(await waitFor('sensing.scene.cleared', scene.id)).toMatchObject([{ reason: 'case_closed' }]);
    now += 60_000;
    await postAlarm(d.creds, { id: 't2', type: 'tilt', value: 40, ts: new Date(now).toISOString() });
    await quiet();
    expect(payloads('sensing.scene.fired', scene.id)).toHaveLength(1);
    now += 1800_000;
    await sweep('sensing.scenes.timers');
    // still tilted (the last alarm is within its hold): the scene fires again after the cool-down
    const again = await waitFor('sensing.scene.fired', scene.id, 2);
    expect(again[1]!.dedupKey).toBe(fired!.dedupKey);
    expect(again[1]!.evidence).toMatchObject({ value: 40 });
  });
});
