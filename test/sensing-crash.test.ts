// The delivery guarantee, end to end with the real process: a device publishes 10,000
// alarms at QoS 1, the app is killed with SIGKILL midway, started again, and every alarm
// is in the database exactly once. On the embedded broker (PUBACK only after commit; the
// device resends what was not acknowledged) and, when MQTT_URL is set, on Mosquitto
// (persistent sessions named after NODE_ID keep what was not acknowledged).
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { freshDatabase, onPostgres, type TestDb } from './harness.js';
import { openDatabase } from '../src/core/db/index.js';
import { freePort, login, run, RUNNING, until } from './process.js';

const N = 10_000;
const external = process.env.MQTT_URL;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiedao-crash-'));
const dbs: TestDb[] = [];
afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  for (const d of dbs) await d.drop();
});

describe('crash test', () => {
  it(`${N} alarms at QoS 1, SIGKILL midway, restart: every alarm stored exactly once (${external ? 'Mosquitto' : 'embedded broker'}, ${onPostgres ? 'PostgreSQL' : 'PGlite'})`, { timeout: 600_000 }, async () => {
    let dbEnv: Record<string, string>;
    let dbUrl: string | undefined;
    if (onPostgres) {
      const d = await freshDatabase('blank');
      await d.database.close();
      dbs.push(d);
      dbEnv = { DATABASE_URL: d.url! };
      dbUrl = d.url!;
    } else dbEnv = { DATA_DIR: dataDir };
    const mqttPort = await freePort();
    const env = { ...dbEnv, PORT: '0', MQTT_PORT: String(mqttPort), MQTT_HOST: '127.0.0.1', NODE_ID: `crash-${randomBytes(4).toString('hex')}`, MQTT_TOPIC_PREFIX: `crash${randomBytes(3).toString('hex')}`, MQTT_SHARE_GROUP: `crash${randomBytes(3).toString('hex')}`, MQTT_SESSION_EXPIRY_S: '600' };
    // the first run holds each acknowledgement a moment after its commit, so the kill finds
    // committed but unacknowledged alarms: they come again and must be recognised
    const faulty = { ...env, JIEDAO_FAULT_ACK_DELAY_MS: '300' };

    let app = run(faulty);
    const base = (await until('first start', () => RUNNING.exec(app.out)?.[1]))!;
    let headers = await login(base);
    const reg = await fetch(`${base}/api/v1/sensing/devices`, { method: 'POST', headers, body: JSON.stringify({ code: 'CRASH-1', name: '崩溃测试设备', kind: 'generic', lng: 121.4566, lat: 31.2331, rateLimit: 100_000 }) });
    expect(reg.status).toBe(201);
    const { device, credentials } = (await reg.json()) as { device: { id: number }; credentials: { mqttUsername: string; mqttPassword: string; topics: string[] } };

    const brokerUrl = external ?? `mqtt://127.0.0.1:${mqttPort}`;
    const topic = credentials.topics[0]!;
    // The device keeps every alarm until its PUBACK arrives and sends again whatever is
    // unacknowledged after a reconnect, all at once (mqtt.js' own store would replay them
    // one round trip at a time).
    const unacked = new Map<number, string>();
    let sent = 0;
    let publisher: MqttClient | undefined;
    let finished = false;
    const sendOne = (i: number) => {
      const c = publisher;
      if (!c?.connected) return;
      c.publish(topic, unacked.get(i)!, { qos: 1 }, (err) => {
        if (!err) unacked.delete(i);
      });
    };
    const connect = async (): Promise<void> => {
      for (;;) {
        try {
          const c = await mqtt.connectAsync(brokerUrl, { protocolVersion: 4, clientId: `crash-pub-${randomBytes(4).toString('hex')}`, reconnectPeriod: 0, connectTimeout: 2000, ...(external ? {} : { username: credentials.mqttUsername, password: credentials.mqttPassword }) });
          c.on('error', () => undefined);
          c.once('close', () => {
            if (publisher === c) publisher = undefined;
            if (!finished) setTimeout(() => void connect(), 300);
          });
          publisher = c;
          for (const i of [...unacked.keys()]) sendOne(i);
          return;
        } catch {
          if (finished) return;
          await new Promise((r) => setTimeout(r, 300));
        }
      }
    };
    await connect();
    const stats = async (b: string, h: Record<string, string>) => {
      const r = await fetch(`${b}/api/v1/sensing/devices/${device.id}/stats`, { headers: h }).catch(() => null);
      return r?.ok ? ((await r.json()) as { alarms: number; deadLetters: number }) : null;
    };

    // publish at a steady pace (a device fleet, not a single burst), all 10,000 whatever happens
    const publishing = (async () => {
      for (let i = 0; i < N; i++) {
        unacked.set(i, JSON.stringify({ id: `c${i}`, type: 'crash_test', ts: new Date().toISOString(), value: i }));
        sendOne(i);
        sent++;
        if (i % 100 === 99) await new Promise((r) => setTimeout(r, 40));
      }
    })();

    // midway: half published and the app visibly committing. On the embedded broker the
    // PUBACKs come from the app: kill it when it has committed alarms the device has not
    // yet heard about, so that their resend must be recognised after the restart.
    await until('ingestion under way', async () => {
      if (sent < N / 2) return false;
      const committed = (await stats(base, headers))?.alarms ?? 0;
      return committed >= 500 && (external || committed > sent - unacked.size + 50);
    });
    app.child.kill('SIGKILL');
    expect(await app.exited, app.err.slice(-2000)).toBe(-1);
    const before = sent;

    app = run(env);
    const base2 = (await until('restart', () => RUNNING.exec(app.out)?.[1]))!;
    headers = await login(base2);
    await publishing;
    const final = await until('all alarms stored', async () => {
      const s = await stats(base2, headers);
      return s && s.alarms >= N && s;
    }, 300_000);
    await until('every PUBACK received', () => unacked.size === 0, 120_000);
    await new Promise((r) => setTimeout(r, 1000));
    const metrics = await (await fetch(`${base2}/metrics`)).text();
    const redelivered = Number(/sensing_messages_total\{source="mqtt",outcome="duplicate"\} (\d+)/.exec(metrics)?.[1] ?? 0);
    finished = true;
    await publisher?.endAsync();
    app.child.kill('SIGTERM');
    expect(await app.exited, `graceful stop: ${app.err.slice(-2000)}`).toBe(0);

    // read the database itself
    const db = await openDatabase(dbUrl ? { databaseUrl: dbUrl } : { dataDir: path.join(dataDir, 'pglite') });
    const [row] = await db.query<{ n: number; keys: number; lo: number; hi: number }>(
      `select count(*)::int as n, count(distinct msg_key)::int as keys, min((data->>'value')::int) as lo, max((data->>'value')::int) as hi from sensing_alarms where device_id = $1`,
      [device.id],
    );
    const dead = await db.query<{ n: number }>(`select count(*)::int as n from sensing_dead_letters where device_code = 'CRASH-1'`);
    await db.close();
    process.stdout.write(`crash test: killed after ${before} published; ${redelivered} redeliveries recognised as duplicates after the restart\n`);
    const diag = `killed after ${before}; redelivered ${redelivered}; app stderr: ${app.err.slice(-2000)}`;
    expect(final.alarms, diag).toBe(N);
    expect(row, diag).toEqual({ n: N, keys: N, lo: 0, hi: N - 1 });
    expect(dead[0]!.n, diag).toBe(0);
    // the kill found committed but unacknowledged alarms: they came again and were recognised
    expect(redelivered, diag).toBeGreaterThan(0);
  });
});
