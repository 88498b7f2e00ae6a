// Helpers for the sensing tests: register devices through the API, connect to the broker
// the platform uses (embedded, or Mosquitto when MQTT_URL is set) as a device would, and
// wait for what ingestion causes. Topic prefixes are unique per call because CI runs the
// test files in parallel against one Mosquitto.
import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { TestPlatform, Client } from '../../../test/harness.js';
import type { DomainEvent } from '../../core/bus/index.js';

export const unique = (p: string) => `${p}${randomBytes(4).toString('hex')}`;

export interface Credentials {
  mqttUsername: string;
  mqttPassword: string;
  httpDeviceKey: string;
  httpSecret: string;
  topics: string[];
}

export async function eventually<T>(fn: () => Promise<T | undefined | false | null>, ms = 20_000, what = 'condition'): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false && v !== null) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function brokerUrl(tp: TestPlatform): string {
  if (tp.platform.broker) return `mqtt://127.0.0.1:${tp.platform.broker.port}`;
  return process.env.MQTT_URL!;
}

/** A device's MQTT connection (credentials are used on the embedded broker only:
 * the shared Mosquitto of CI lets anyone in). */
export async function connectDevice(tp: TestPlatform, creds?: Credentials, opts: mqtt.IClientOptions = {}): Promise<MqttClient> {
  const auth = tp.platform.broker && creds ? { username: creds.mqttUsername, password: creds.mqttPassword } : {};
  return mqtt.connectAsync(brokerUrl(tp), { protocolVersion: 4, clientId: unique('dev-'), reconnectPeriod: 500, ...auth, ...opts });
}

export interface Kit {
  admin: Client;
  nvr: { id: number; prefix: string; creds: Credentials };
  camera: { id: number; code: string };
  device(kind: string, extra?: Record<string, unknown>): Promise<{ id: number; code: string; creds: Credentials }>;
  zone(frigateName: string, labels: string[]): Promise<{ id: number }>;
  scene(body: Record<string, unknown>): Promise<{ id: number; code: string }>;
  events(type: string): DomainEvent[];
}

/** A Frigate server with a unique topic prefix and one camera near 凤阳路/奉贤路. */
export async function kit(tp: TestPlatform, cameraName = 'fengyang_ne'): Promise<Kit> {
  const admin = await tp.as('admin');
  const prefix = unique('frig');
  const seen: DomainEvent[] = [];
  tp.platform.ctx.bus.on('sensing.*', (e) => seen.push(e));
  const post = async (url: string, body: unknown) => {
    const res = await admin.post(url, body);
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const nvr = await post('/api/v1/sensing/devices', { code: unique('NVR-'), name: 'Frigate 测试', kind: 'nvr', topicPrefix: prefix, rateLimit: 5000 });
  const camera = await post('/api/v1/sensing/devices', { code: unique('CAM-'), name: '凤阳路摄像头', kind: 'camera', parentId: nvr.device.id, frigateName: cameraName, lng: 121.4566, lat: 31.2331 });
  return {
    admin,
    nvr: { id: nvr.device.id, prefix, creds: nvr.credentials },
    camera: { id: camera.device.id, code: camera.device.code },
    async device(kind, extra = {}) {
      const r = await post('/api/v1/sensing/devices', { code: unique(`${kind.toUpperCase()}-`), name: `测试${kind}`, kind, lng: 121.4566, lat: 31.2331, ...extra });
      return { id: r.device.id, code: r.device.code, creds: r.credentials };
    },
    async zone(frigateName, labels) {
      return post('/api/v1/sensing/zones', { nvrId: nvr.device.id, cameraId: camera.device.id, code: unique('Z-'), name: `区域 ${frigateName}`, frigateName, labels, lng: 121.4566, lat: 31.2331 });
    },
    async scene(body) {
      return post('/api/v1/sensing/scenes', { code: unique('S-'), name: '测试场景', grade: 'normal', categoryCode: '09010', ...body });
    },
    events: (type) => seen.filter((e) => e.type === type),
  };
}

/** The native topic of a device. */
export const nativeTopic = (tp: TestPlatform, code: string, channel: 'alarm' | 'telemetry') => `${tp.platform.ctx.config.mqttTopicPrefix}/${tp.platform.ctx.config.tenant}/${code}/${channel}`;

/** Test platforms get their own native topic prefix (CI shares one Mosquitto). */
export const sensingConfig = () => ({ MQTT_TOPIC_PREFIX: unique('jd'), MQTT_SHARE_GROUP: unique('g') });
