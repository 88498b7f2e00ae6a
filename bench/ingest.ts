// Ingest throughput and latency against PostgreSQL and Mosquitto (DATABASE_URL / MQTT_URL,
// default the local ones), in one run:
//  • broker_msgs_per_s: the broker's own QoS 1 pass-through: a publisher process → the
//    broker → a plain subscriber that acknowledges at once;
//  • msgs_per_s: the same publisher → the broker → the platform (shared-subscription
//    sessions, group commit, PUBACK after commit) until the last alarm is committed;
//  • p99_alarm_to_stream_ms: at 2,000 msgs/s, from publishing an alarm to its row
//    arriving at an operator's live stream (GET /api/v1/stream, SSE over HTTP, as the
//    operations screen receives it); p99_alarm_to_bus_ms: to the committed event on the
//    node's event bus, one step before;
//  • lost / duplicated: alarms missing from, or delivered twice by, the committed stream,
//    checked against the database.
// BENCH_INGEST_N (default 200,000) messages; BENCH_SECONDS (10) of the 2,000/s phase;
// BENCH_DEBUG=1 prints progress and the batch-size and commit-time histograms.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { startPlatform } from '../src/app.js';
import { openDatabase, migrateDatabase } from '../src/core/db/index.js';
import { loadDemo } from '../demo/load.js';
import { devices } from '../src/modules/sensing/index.js';
import { round } from './lib.js';
import { SseClient } from '../web/src/stores/sse.js';

const DEVICES = 200;
const N = Number(process.env.BENCH_INGEST_N ?? 200_000);
const RATE = 2_000;
const RATE_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 4;

interface Child {
  lines: string[];
  done: Promise<void>;
}

function child(script: string, args: string[]): Child {
  const p = spawn(process.execPath, ['--import', 'tsx', path.resolve('bench/helpers', script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const c: Child = { lines: [], done: new Promise((res, rej) => p.on('exit', (code) => (code === 0 ? res() : rej(new Error(`${script} exited ${code}`))))) };
  let buf = '';
  p.stdout!.on('data', (d) => {
    buf += String(d);
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      c.lines.push(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
  return c;
}

const until = async (cond: () => boolean, ms: number, what: string) => {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

/** Waits until `count()` reaches `n`, or has not moved for `stallMs` (then whatever is
 * missing is reported as lost rather than waited for forever). */
const settle = async (count: () => number, n: number, stallMs = 60_000) => {
  let last = -1;
  let since = Date.now();
  while (count() < n) {
    const c = count();
    if (c !== last) {
      last = c;
      since = Date.now();
    } else if (Date.now() - since > stallMs) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
};

export default async function ingest() {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const mqttUrl = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';
  const dbName = `jiedao_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  const tag = randomBytes(3).toString('hex');
  const prefix = `bench${tag}`;
  try {
    const setup = await openDatabase({ databaseUrl: u.toString(), poolSize: 2 });
    await migrateDatabase(setup);
    await loadDemo(setup);
    const tenant = 'shimen2';
    await setup.db.insert(devices).values(Array.from({ length: DEVICES }, (_, i) => ({ tenantId: tenant, code: `BENCH-${i}`, name: `bench ${i}`, kind: 'generic', lng: 121.4566, lat: 31.2331, rateLimit: 100_000, offlineAfterS: null })));
    await setup.close();

    // 1. the broker alone
    const sub = child('mqttSubscriber.ts', [mqttUrl, `${prefix}base/#`, String(N)]);
    await until(() => sub.lines.includes('ready'), 30_000, 'subscriber');
    const basePub = child('mqttPublisher.ts', [mqttUrl, `${prefix}base`, tenant, String(DEVICES), String(N), '0', String(CONNECTIONS), 'x']);
    await Promise.all([sub.done, basePub.done]);
    const subOut = JSON.parse(sub.lines.at(-1)!) as { got: number; last: number };
    const pubOut = JSON.parse(basePub.lines.at(-1)!) as { t0: number };
    const brokerRate = subOut.got / ((subOut.last - pubOut.t0) / 1000);

    // 2. the platform
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', SIMULATOR: 'false', DATABASE_URL: u.toString(), MQTT_URL: mqttUrl, MQTT_TOPIC_PREFIX: prefix, MQTT_SHARE_GROUP: `bench${tag}`, NODE_ID: `bench-${tag}` });
    const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 6 });
    const platform = await startPlatform(config, { database });
    const base = await platform.app.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'dispatcher', password: 'jiedao2026' }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
    let sseLatencies: number[] = [];
    // the operations screen's own stream client (web/src/stores/sse.ts)
    const stream = new SseClient({
      url: `${base}/api/v1/stream`,
      headers: () => ({ cookie }),
      onEvent: (e) => {
        if (e.type !== 'sensing.alarms') return;
        const at = Date.now();
        for (const row of (e.payload as { rows: [number, number, string, string, string, string, number][] }).rows) sseLatencies.push(at - row[6]);
      },
    });
    stream.start();
    let latencies: number[] = [];
    let lastAt = 0;
    const seen = new Map<number, number>();
    platform.ctx.bus.on('sensing.alarms', (e) => {
      const now = Date.now();
      // rows of [id, deviceId, device, kind, type, state, at]
      for (const row of (e.payload as { rows: [number, number, string, string, string, string, number][] }).rows) {
        seen.set(row[0], (seen.get(row[0]) ?? 0) + 1);
        latencies.push(now - row[6]);
      }
      lastAt = now;
    });
    const pub = child('mqttPublisher.ts', [mqttUrl, prefix, tenant, String(DEVICES), String(N), '0', String(CONNECTIONS), 't']);
    await pub.done;
    const t0 = (JSON.parse(pub.lines.at(-1)!) as { t0: number }).t0;
    const progress = setInterval(() => process.env.BENCH_DEBUG && process.stderr.write(`ingest: ${seen.size}/${N}\n`), 1000);
    await settle(() => seen.size, N).finally(() => clearInterval(progress));
    const ingestRate = N / ((lastAt - t0) / 1000);
    if (process.env.BENCH_DEBUG) {
      const m = await platform.ctx.metrics.getSingleMetricAsString('sensing_batch_size');
      const c = await platform.ctx.metrics.getSingleMetricAsString('sensing_commit_seconds');
      process.stderr.write(`${m}\n${c}\n`);
    }

    // 3. latency at a steady 2,000 msgs/s
    await new Promise((r) => setTimeout(r, 1000));
    latencies = [];
    sseLatencies = [];
    const L = RATE * RATE_SECONDS;
    const slow = child('mqttPublisher.ts', [mqttUrl, prefix, tenant, String(DEVICES), String(L), String(RATE), String(CONNECTIONS), 'r']);
    await slow.done;
    await settle(() => latencies.length, L);
    await settle(() => sseLatencies.length, L, 10_000);
    stream.stop();
    const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

    await new Promise((r) => setTimeout(r, 500));
    const [row] = await database.query<{ n: number; keys: number }>(`select count(*)::int as n, count(distinct msg_key)::int as keys from sensing_alarms where tenant_id = $1 and msg_key like 'id:%'`, [tenant]);
    const expected = N + L;
    const dupDelivered = [...seen.values()].filter((v) => v > 1).length;
    await platform.close();
    await database.close();
    return {
      msgs_per_s: Math.round(ingestRate),
      broker_msgs_per_s: Math.round(brokerRate),
      ratio: round(ingestRate / brokerRate),
      p99_alarm_to_stream_ms: pct(sseLatencies, 0.99),
      p50_alarm_to_stream_ms: pct(sseLatencies, 0.5),
      // rows that reached the live stream in the 2,000 msgs/s phase, of those published
      stream_rows: sseLatencies.length,
      stream_rows_expected: L,
      p99_alarm_to_bus_ms: pct(latencies, 0.99),
      p50_alarm_to_bus_ms: pct(latencies, 0.5),
      lost: expected - Math.min(row!.keys, expected),
      duplicated: row!.n - row!.keys + dupDelivered,
      messages: N,
      // messages the broker itself dropped for the plain subscriber when it fell behind
      broker_dropped: N - subOut.got,
      rate_phase_msgs_per_s: RATE,
      stream: 'GET /api/v1/stream as a dispatcher (SSE); bus: ctx.bus on the node',
      target_msgs_per_s: 20_000,
      target_ratio: 0.5,
      target_p99_ms: 250,
    };
  } finally {
    await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
    await admin.end();
  }
}
