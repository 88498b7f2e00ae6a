// Frigate payloads replayed through a real MQTT broker (the embedded one, or Mosquitto when
// MQTT_URL is set) up to the scene events and the cases the alarm → case flow opens from them: the shared fixtures,
// events, reviews, zone counts with threshold, duration, hysteresis and peak windows on
// the working calendar, and availability.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { connectDevice, eventually, kit, sensingConfig, type Kit } from './testkit.js';
import type { SceneEventPayload } from './events.js';
import { SCENE_TO_CASE } from '../../flows/index.js';

const FIXTURES = '/work/shared/fixtures/frigate';
const fixtureDir = fs.existsSync(FIXTURES) ? FIXTURES : path.resolve('test/fixtures/frigate');
const fixture = (name: string) => fs.readFileSync(path.join(fixtureDir, name), 'utf8');

let now = Date.parse('2026-03-02T00:00:00Z'); // Monday 08:00 in Shanghai
const clock = { now: () => new Date(now) };
let tp: TestPlatform;
let k: Kit;
let frigate: MqttClient;

beforeAll(async () => {
  tp = await startTestPlatform({ mqtt: true, clock, config: sensingConfig() });
  k = await kit(tp, 'front_door');
  frigate = await connectDevice(tp, k.nvr.creds);
});
afterAll(async () => {
  await frigate?.endAsync();
  await tp?.close();
});

const q = <T>(text: string, params: unknown[] = []) => tp.platform.ctx.database.query<T>(text, params);
const sweep = (name: string) => tp.platform.ctx.sweeper.runNow(name);
const publish = (topic: string, payload: string) => frigate.publishAsync(`${k.nvr.prefix}/${topic}`, payload, { qos: 1 });
/** the alarm → case flow, as a node's sweeps run it */
async function caseOf(dedupKey: string) {
  return eventually(async () => {
    await sweep(`${SCENE_TO_CASE}.enqueue`);
    await sweep(`${SCENE_TO_CASE}.run`);
    const [c] = await q<{ id: number; state: string; source: string; category_code: string; grade: string }>(`select id, state, source, category_code, grade from cases where scene_key = $1`, [dedupKey]);
    return c;
  });
}
const scenePayloads = (type: string, sceneId: number) => k.events(type).map((e) => e.payload as unknown as SceneEventPayload).filter((p) => p.sceneId === sceneId);

describe('Frigate over MQTT', () => {
  it('the shared fixtures parse: an event update and a review are stored once each, with camera, label and zones', async () => {
    const review = await k.device('camera', { parentId: k.nvr.id, frigateName: 'front_cam' });
    await publish('events', fixture('events_update.json'));
    await publish('reviews', fixture('reviews_update.json'));
    // a resend (QoS 1 redelivery) changes nothing
    await publish('events', fixture('events_update.json'));
    const rows = await eventually(async () => {
      const r = await q<{ kind: string; type: string; state: string; device_id: number; data: Record<string, unknown> }>(`select kind, type, state, device_id, data from sensing_alarms where device_id in ($1, $2) order by id`, [k.camera.id, review.id]);
      return r.length >= 2 && r;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await q(`select id from sensing_alarms where device_id in ($1, $2)`, [k.camera.id, review.id])).toHaveLength(2);
    const ev = rows.find((r) => r.kind === 'frigate_event')!;
    expect(ev).toMatchObject({ type: 'person', state: 'update', device_id: k.camera.id });
    expect(ev.data).toMatchObject({ eventId: '1607123955.475377-mxklsc', camera: 'front_door', subLabel: 'John Smith', zones: ['yard', 'driveway'] });
    const rv = rows.find((r) => r.kind === 'frigate_review')!;
    expect(rv).toMatchObject({ type: 'alert', state: 'update', device_id: review.id });
    expect(rv.data).toMatchObject({ reviewId: '1718987129.308396-fqk5ka', objects: ['person', 'car'], zones: ['front_yard'] });
  });

  it('a person in the driveway fires a presence scene with the event as evidence; the end of the event clears it', async () => {
    const zone = await k.zone('driveway', ['person']);
    const scene = await k.scene({ kind: 'presence', categoryCode: '06036', grade: 'important', params: { zoneIds: [zone.id], labels: ['person'], minDwellS: 30, clearAfterS: 0 } });
    const start = now / 1000 - 10;
    const msg = (type: string, extra: Record<string, unknown> = {}) => {
      const base = JSON.parse(fixture('events_update.json'));
      base.type = type;
      Object.assign(base.after, { id: 'evt-presence-1', start_time: start, frame_time: now / 1000, current_zones: ['driveway'], has_snapshot: true, ...extra });
      return JSON.stringify(base);
    };
    await publish('events', msg('new'));
    await eventually(async () => (await q(`select 1 from sensing_scene_states where scene_id = $1 and phase = 'pending'`, [scene.id])).length > 0);
    expect(scenePayloads('sensing.scene.fired', scene.id)).toHaveLength(0);
    now += 25_000; // 35 s since the person appeared
    await sweep('sensing.scenes.timers');
    const fired = await eventually(async () => scenePayloads('sensing.scene.fired', scene.id)[0]);
    expect(fired).toMatchObject({ categoryCode: '06036', grade: 'important', autoRegister: false, subject: `zone:${zone.id}`, zone: { id: zone.id }, device: { id: k.camera.id } });
    expect(fired.dedupKey).toBe(`sensing:scene:${scene.id}:zone:${zone.id}`);
    expect(fired.location).toEqual({ lng: 121.4566, lat: 31.2331 });
    expect(fired.evidence).toMatchObject({ count: 1, snapshot: `frigate:${k.nvr.prefix}:evt-presence-1` });
    expect(fired.gridId).toBeGreaterThan(0);
    await publish('events', msg('end', { end_time: now / 1000, frame_time: now / 1000 + 1 }));
    const cleared = await eventually(async () => scenePayloads('sensing.scene.cleared', scene.id)[0]);
    expect(cleared).toMatchObject({ episodeId: fired.episodeId, reason: 'condition' });
    // the operations centre has a case to verify (the rule does not trust this scene), with
    // the Frigate event as evidence and the clearing on its record
    const c = await caseOf(fired.dedupKey);
    expect(c).toMatchObject({ source: 'sensor', category_code: '06036', grade: 'major', state: 'reported' });
    const ev = await eventually(async () => {
      await sweep(`${SCENE_TO_CASE}.enqueue`);
      await sweep(`${SCENE_TO_CASE}.run`);
      const r = await q<{ kind: string; alarm_ref: string; data: Record<string, unknown> }>(`select kind, alarm_ref, data from case_evidence where case_id = $1 order by id`, [c.id]);
      return r.length >= 2 && r;
    });
    expect(ev[0]).toMatchObject({ kind: 'alarm', alarm_ref: `sensing:episode:${fired.episodeId}`, data: { snapshot: `frigate:${k.nvr.prefix}:evt-presence-1` } });
    expect(ev.some((e) => e.alarm_ref.includes(':cleared:'))).toBe(true);
  });

  it('zone counts: ≥ N for T seconds fires, below N′ for T′ clears (hysteresis), the count is the evidence', async () => {
    const zone = await k.zone('fengyang_sidewalk', ['bicycle', 'motorcycle']);
    const scene = await k.scene({ kind: 'zone_occupancy', autoRegister: true, params: { zoneIds: [zone.id], labels: ['bicycle', 'motorcycle'], fireAt: 15, fireAfterS: 60, clearBelow: 8, clearAfterS: 120 } });
    await publish('fengyang_sidewalk/bicycle', '12');
    await publish('fengyang_sidewalk/motorcycle', '4');
    await eventually(async () => (await q(`select 1 from sensing_scene_states where scene_id = $1 and phase = 'pending'`, [scene.id])).length > 0);
    // a dip below N before T resets the wait
    now += 30_000;
    await publish('fengyang_sidewalk/motorcycle', '2');
    await eventually(async () => (await q(`select 1 from sensing_scene_states where scene_id = $1 and phase = 'idle'`, [scene.id])).length > 0);
    await publish('fengyang_sidewalk/motorcycle', '5');
    await eventually(async () => (await q(`select 1 from sensing_scene_states where scene_id = $1 and phase = 'pending'`, [scene.id])).length > 0);
    now += 59_000;
    await sweep('sensing.scenes.timers');
    expect(scenePayloads('sensing.scene.fired', scene.id)).toHaveLength(0);
    now += 2_000;
    await sweep('sensing.scenes.timers');
    const fired = await eventually(async () => scenePayloads('sensing.scene.fired', scene.id)[0]);
    expect(fired).toMatchObject({ categoryCode: '09010', autoRegister: true, evidence: { count: 17, counts: { bicycle: 12, motorcycle: 5 } } });
    const c = await caseOf(fired.dedupKey);
    expect(c).toMatchObject({ source: 'sensor', category_code: '09010' });
    // between N′ and N it stays active; below N′ it starts clearing, and clears after T′
    await publish('fengyang_sidewalk/bicycle', '6');
    now += 40_000;
    await publish('fengyang_sidewalk/motorcycle', '0');
    await eventually(async () => (await q(`select 1 from sensing_scene_states where scene_id = $1 and phase = 'clearing'`, [scene.id])).length > 0);
    now += 119_000;
    await sweep('sensing.scenes.timers');
    expect(scenePayloads('sensing.scene.cleared', scene.id)).toHaveLength(0);
    now += 2_000;
    await sweep('sensing.scenes.timers');
    const cleared = await eventually(async () => scenePayloads('sensing.scene.cleared', scene.id)[0]);
    expect(cleared).toMatchObject({ episodeId: fired.episodeId, reason: 'condition', evidence: { count: 6 } });
    const [ep] = await q<{ status: string; cleared_at: Date }>(`select status, cleared_at from sensing_episodes where id = $1`, [fired.episodeId]);
    expect(ep!.status).toBe('cleared');
    // the zone shows its latest counts
    const zones = (await k.admin.get('/api/v1/sensing/zones')).json() as { id: number; counts: Record<string, number> }[];
    expect(zones.find((z) => z.id === zone.id)!.counts).toEqual({ bicycle: 6, motorcycle: 0 });
  });

  it('peak windows follow the working calendar: a working-day window does not open on a public holiday', async () => {
    const zone = await k.zone('fengxian_lane', ['bicycle']);
    const scene = await k.scene({ kind: 'zone_occupancy', schedule: [{ days: 'working', from: '07:30', to: '09:30' }], params: { zoneIds: [zone.id], labels: ['bicycle'], fireAt: 10, fireAfterS: 60, clearBelow: 5, clearAfterS: 60 } });
    const saved = now;
    now = Date.parse('2026-10-01T00:00:00Z'); // 08:00 on National Day
    await publish('fengxian_lane/bicycle', '30');
    await eventually(async () => (await q<{ state: { counts: Record<string, number> } }>(`select state from sensing_scene_states where scene_id = $1`, [scene.id]))[0]?.state.counts?.bicycle === 30);
    now += 120_000;
    await sweep('sensing.scenes.timers');
    expect(scenePayloads('sensing.scene.fired', scene.id)).toHaveLength(0);
    // the next working day (10-09 is a make-up working day in 2026? whatever the calendar
    // says) the window opens with the bikes still there: due at the window start
    const [st] = await q<{ phase: string; due_at: Date }>(`select phase, due_at from sensing_scene_states where scene_id = $1`, [scene.id]);
    expect(st!.phase).toBe('idle');
    const due = new Date(st!.due_at).getTime();
    const cal = await tp.platform.ctx.services.get('core.calendar') as { forTenant(t: string): Promise<{ isWorkday(d: string): boolean }> };
    const workday = await cal.forTenant(tp.platform.ctx.config.tenant);
    const dueDay = new Date(due + 8 * 3600_000).toISOString().slice(0, 10);
    expect(workday.isWorkday(dueDay)).toBe(true);
    expect(new Date(due + 8 * 3600_000).toISOString().slice(11, 16)).toBe('07:30');
    now = due + 61_000;
    await sweep('sensing.scenes.timers');
    await sweep('sensing.scenes.timers');
    const fired = await eventually(async () => scenePayloads('sensing.scene.fired', scene.id)[0]);
    expect(fired.evidence).toMatchObject({ count: 30 });
    // the window closes at 09:30 and the episode ends with it
    now = due + 2 * 3600_000 + 1000;
    await sweep('sensing.scenes.timers');
    const cleared = await eventually(async () => scenePayloads('sensing.scene.cleared', scene.id)[0]);
    expect(cleared.reason).toBe('schedule');
    now = saved;
  });

  it('availability: the last will takes the server offline (counts become unknown); online again after a restart', async () => {
    await publish('available', 'online');
    await eventually(async () => k.events('sensing.device.online').find((e) => e.subjectId === String(k.nvr.id)));
    await publish('available', 'offline');
    const off = await eventually(async () => k.events('sensing.device.offline').find((e) => e.subjectId === String(k.nvr.id)));
    expect(off.payload).toMatchObject({ code: expect.stringMatching(/^NVR-/), source: 'frigate/available' });
    const [d] = await q<{ status: string }>(`select status from sensing_devices where id = $1`, [k.nvr.id]);
    expect(d!.status).toBe('offline');
    // a second "offline" is no news
    await publish('available', 'offline');
    await publish('available', 'online');
    await eventually(async () => k.events('sensing.device.online').filter((e) => e.subjectId === String(k.nvr.id)).length === 2);
    expect(k.events('sensing.device.offline').filter((e) => e.subjectId === String(k.nvr.id))).toHaveLength(1);
  });

  it('tolerates other Frigate versions: missing optional fields, extra fields, sub_label as a string', async () => {
    const old = { type: 'new', after: { id: 'old-1', camera: 'front_door', label: 'car', start_time: now / 1000, current_zones: [], sub_label: 'taxi', something_new: { x: 1 } } };
    await publish('events', JSON.stringify(old));
    const [row] = await eventually(async () => {
      const r = await q<{ data: Record<string, unknown> }>(`select data from sensing_alarms where data->>'eventId' = 'old-1'`);
      return r.length > 0 && r;
    });
    expect(row!.data).toMatchObject({ label: 'car', subLabel: 'taxi', stationary: false, snapshot: null });
  });
});
