// The live demo: devices that talk to the platform over MQTT exactly as real ones would
// (logged in with their own credentials on the embedded broker, or through MQTT_URL).
//  • the Frigate server publishes zone counts (frigate/<zone>/<label>, on change only, not
//    retained) following the daily peaks of the source: commuting and meal times at
//    凤阳路/奉贤路; plus events when goods are piled or litter is left at a shop door;
//  • sensors send telemetry (heartbeats, water use, door openings, charging current) and,
//    now and then, an alarm (a tilted manhole cover, an over-current at night, smoke).
// Within the first minute an operator sees live alarms. SIMULATOR_SPEED > 1 runs the
// simulated day faster (scene windows still follow the real clock).
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { and, eq } from 'drizzle-orm';
import type { Platform } from '../src/app.js';
import { devices, zones, SENSING_SERVICE, type SensingRuntime } from '../src/modules/sensing/index.js';
import { DEMO_NVR_CODE } from './sensing.js';
import { Rng } from './random.js';

interface SimDevice {
  id: number;
  code: string;
  kind: string;
  client: MqttClient;
  topic: (channel: 'alarm' | 'telemetry') => string;
}

export interface Simulator {
  stop(): Promise<void>;
}

/** Bikes parked at the hotspot by local hour (0–24, fractional): peaks at commuting and
 * meal times, low at night. */
export function parkedProfile(hour: number, workday: boolean): number {
  const bump = (centre: number, width: number, height: number) => height * Math.exp(-(((hour - centre) / width) ** 2));
  const commute = workday ? bump(8.5, 0.9, 24) + bump(18.2, 1.1, 26) : 0;
  const meals = bump(12.2, 1.0, workday ? 20 : 14) + bump(18.8, 0.8, workday ? 4 : 12);
  const day = hour > 7 && hour < 22 ? 6 : 2;
  return day + commute + meals;
}

export async function startSimulator(platform: Platform, opts: { speed: number; log?: (line: string) => void }): Promise<Simulator> {
  const { ctx } = platform;
  const tenantId = ctx.config.tenant;
  const rt = ctx.services.get(SENSING_SERVICE) as SensingRuntime;
  await rt.keys.load(tenantId);
  const url = platform.broker ? `mqtt://127.0.0.1:${platform.broker.port}` : ctx.config.mqttUrl!;
  const rng = new Rng(Date.now() & 0xffffffff);
  const speed = opts.speed;
  const started = Date.now();
  const simNow = () => started + (Date.now() - started) * speed;
  const timers = new Set<NodeJS.Timeout>();
  const clients: MqttClient[] = [];
  let stopped = false;

  const every = (ms: number, fn: () => void | Promise<void>, firstMs = ms) => {
    const run = (delay: number) => {
      const t = setTimeout(() => {
        timers.delete(t);
        if (stopped) return;
        void Promise.resolve(fn()).catch(() => undefined);
        run(Math.max(200, ms / speed));
      }, delay);
      t.unref();
      timers.add(t);
    };
    run(Math.max(100, firstMs / speed));
  };
  const once = (ms: number, fn: () => void | Promise<void>) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!stopped) void Promise.resolve(fn()).catch(() => undefined);
    }, Math.max(100, ms / speed));
    t.unref();
    timers.add(t);
  };

  const connect = async (code: string, keyVersion: number, will?: { topic: string; payload: string }) => {
    const auth = platform.broker ? { username: code, password: rt.keys.secret({ tenantId, code, keyVersion }) } : {};
    const c = await mqtt.connectAsync(url, { protocolVersion: 4, clientId: `sim-${code}-${randomUUID().slice(0, 6)}`, reconnectPeriod: 2000, ...auth, ...(will ? { will: { ...will, qos: 1, retain: true } } : {}) });
    c.on('error', () => undefined);
    clients.push(c);
    return c;
  };

  // --- the Frigate server
  const [nvr] = await ctx.db.select().from(devices).where(and(eq(devices.tenantId, tenantId), eq(devices.code, DEMO_NVR_CODE)));
  if (!nvr?.topicPrefix) throw new Error('the demo Frigate server is not registered');
  const prefix = nvr.topicPrefix;
  const frigate = await connect(nvr.code, nvr.keyVersion, { topic: `${prefix}/available`, payload: 'offline' });
  await frigate.publishAsync(`${prefix}/available`, 'online', { qos: 1, retain: true });
  const zs = await ctx.db.select().from(zones).where(and(eq(zones.tenantId, tenantId), eq(zones.nvrId, nvr.id)));
  const countZones = zs.filter((z) => z.labels.includes('bicycle'));
  const shop = zs.find((z) => z.labels.includes('package'));
  const cameraName = new Map((await ctx.db.select().from(devices).where(and(eq(devices.tenantId, tenantId), eq(devices.parentId, nvr.id)))).map((d) => [d.id, d.frigateName ?? d.code]));
  const calendar = rt.deps;
  await calendar.ensureCalendars([tenantId]);
  const last = new Map<string, number>();
  const scaleOf: Record<string, number> = { fy_north_walk: 1, fy_south_walk: 0.8, fx_bike_lane: 0.7 };

  const publishCounts = async () => {
    const t = simNow();
    const local = new Date(t + 8 * 3600_000);
    const hour = local.getUTCHours() + local.getUTCMinutes() / 60;
    const workday = calendar.calendar(tenantId).isWorkday(local.toISOString().slice(0, 10));
    for (const z of countZones) {
      const base = parkedProfile(hour, workday) * (scaleOf[z.frigateName] ?? 0.8);
      const bikes = Math.max(0, Math.round(base * 0.8 + rng.int(-2, 2)));
      const motos = Math.max(0, Math.round(base * 0.2 + rng.int(-1, 1)));
      for (const [label, n] of [
        ['bicycle', bikes],
        ['motorcycle', motos],
      ] as const) {
        const key = `${z.frigateName}/${label}`;
        // Frigate sends a count only when it changes
        if (last.get(key) === n) continue;
        last.set(key, n);
        await frigate.publishAsync(`${prefix}/${key}`, String(n), { qos: 1 });
      }
    }
  };

  const frigateObject = (label: string, dwellMs: number) => {
    if (!shop) return;
    const id = `${(simNow() / 1000).toFixed(6)}-${randomUUID().slice(0, 6)}`;
    const camera = (shop.cameraId && cameraName.get(shop.cameraId)) || 'fengyang_shops';
    const start = Date.now() / 1000;
    const body = (type: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ type, before: null, after: { id, camera, label, sub_label: null, score: 0.82, top_score: 0.86, false_positive: false, start_time: start, end_time: null, frame_time: Date.now() / 1000, current_zones: [shop.frigateName], entered_zones: [shop.frigateName], stationary: type !== 'new', active: type === 'new', has_snapshot: true, has_clip: false, box: [410, 300, 520, 420], area: 13200, ...extra } });
    void frigate.publishAsync(`${prefix}/events`, body('new'), { qos: 1 });
    once(Math.min(dwellMs / 2, 60_000), () => frigate.publishAsync(`${prefix}/events`, body('update'), { qos: 1 }).then(() => undefined));
    once(dwellMs, () => frigate.publishAsync(`${prefix}/events`, body('end', { end_time: Date.now() / 1000, stationary: true }), { qos: 1 }).then(() => undefined));
  };

  // --- sensors, one connection each
  const sensorRows = await ctx.db.select().from(devices).where(and(eq(devices.tenantId, tenantId), eq(devices.enabled, true)));
  const sensors: SimDevice[] = [];
  for (const d of sensorRows) {
    if (!['charging', 'smoke', 'manhole', 'water_meter', 'door_sensor'].includes(d.kind)) continue;
    const client = await connect(d.code, d.keyVersion);
    sensors.push({ id: d.id, code: d.code, kind: d.kind, client, topic: (ch) => `${ctx.config.mqttTopicPrefix}/${tenantId}/${d.code}/${ch}` });
  }
  const send = (s: SimDevice, ch: 'alarm' | 'telemetry', body: Record<string, unknown>) => s.client.publishAsync(s.topic(ch), JSON.stringify({ ts: new Date().toISOString(), ...body }), { qos: 1 }).then(() => undefined);
  const alarm = (s: SimDevice, type: string, extra: Record<string, unknown> = {}) => send(s, 'alarm', { id: `${s.code}-${Date.now()}-${rng.int(0, 9999)}`, type, ...extra });
  // the demo's silent household (every care sensor of its unit): its care scene stays on
  const silent = new Set(sensorRows.filter((d) => (d.attributes as { demoSilent?: boolean } | null)?.demoSilent).map((d) => d.code));

  const heartbeat = (s: SimDevice) => {
    const hour = new Date(simNow() + 8 * 3600_000).getUTCHours();
    const awake = hour >= 6 && hour < 23;
    switch (s.kind) {
      case 'water_meter':
        return send(s, 'telemetry', { values: { flow_l: silent.has(s.code) || !awake || rng.chance(0.4) ? 0 : rng.int(1, 30) / 2 } });
      case 'door_sensor':
        return send(s, 'telemetry', { values: { openings: silent.has(s.code) || !awake || rng.chance(0.7) ? 0 : rng.int(1, 3) } });
      case 'charging':
        return send(s, 'telemetry', { values: { current_a: hour >= 22 || hour < 6 ? rng.int(20, 90) / 10 : rng.int(0, 30) / 10 } });
      case 'manhole':
        return send(s, 'telemetry', { values: { tilt_deg: rng.int(0, 20) / 10 }, battery: rng.int(60, 100) });
      default:
        return send(s, 'telemetry', { values: { ok: true }, battery: rng.int(70, 100) });
    }
  };

  // the opening minute: counts, a tilted manhole cover, goods at a shop door
  every(15_000, publishCounts, 2_000);
  for (const s of sensors) every(s.kind === 'water_meter' || s.kind === 'door_sensor' ? 600_000 : 120_000, () => heartbeat(s), 1_000 + rng.int(0, 4_000));
  const pick = (kind: string) => sensors.filter((s) => s.kind === kind);
  once(10_000, () => {
    const m = pick('manhole')[0];
    return m && alarm(m, 'tilt', { value: 28.5, unit: 'deg', message: '井盖倾斜角度超过阈值' });
  });
  once(20_000, () => frigateObject('package', 8 * 60_000));
  // and then now and then
  every(9 * 60_000, () => frigateObject(rng.chance(0.7) ? 'package' : 'garbage', rng.int(3, 15) * 60_000));
  every(45 * 60_000, () => frigateObject('sign_tilted', 30 * 60_000), 5 * 60_000);
  every(7 * 60_000, () => {
    const hour = new Date(simNow() + 8 * 3600_000).getUTCHours();
    const chargers = pick('charging');
    if ((hour >= 22 || hour < 6) && chargers.length && rng.chance(0.5)) return alarm(rng.pick(chargers), 'over_current', { value: rng.int(105, 180) / 10, unit: 'A' });
    const manholes = pick('manhole');
    if (manholes.length && rng.chance(0.3)) return alarm(rng.pick(manholes), rng.chance(0.5) ? 'tilt' : 'displaced', { value: rng.int(120, 400) / 10, unit: 'deg' });
  });
  every(40 * 60_000, () => {
    const smoke = pick('smoke');
    if (!smoke.length) return;
    const s = rng.pick(smoke);
    // a short alarm (cooking smoke) that clears a few minutes later
    return alarm(s, 'smoke', { value: rng.int(8, 20) / 100, unit: 'dB/m' }).then(() => once(4 * 60_000, () => alarm(s, 'smoke', { state: 'cleared' })));
  });

  opts.log?.(`simulator: ${countZones.length} camera zones, ${sensors.length} sensors${speed !== 1 ? `, ×${speed} speed` : ''}`);
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      // a clean disconnect: no last will, so the demo server does not show up as an
      // offline device while the platform itself is stopping
      await Promise.all(clients.map((c) => c.endAsync().catch(() => undefined)));
    },
  };
}
