// Soak: two app nodes (real processes) on PostgreSQL and Mosquitto hold 2,000 device
// messages/s and 200 HTTP requests/s for SOAK_SECONDS (default 600). One JSON line:
//  • throughput achieved (MQTT messages stored per second, HTTP requests per second);
//  • p99 latencies: HTTP (a realistic mix, spread over both nodes with one session — no
//    sticky routing) and ingest-to-stored (device timestamp → the row's commit transaction);
//  • errors (HTTP non-2xx or failed, messages lost or stored twice);
//  • RSS of each node, sampled every 5 s after a warm-up: the means of the first, middle
//    and last windows of the run (single readings report V8's collection cycle, not
//    growth), its growth in % over the run and over its second half (a leak keeps
//    climbing, heap sizing levels off), and the V8 heap in use in the same windows;
//  • baseline: Mosquitto's own QoS 1 pass-through measured in the same run (ratio = the
//    platform's sustained ingest / the broker alone).
// A temporary database is created and dropped. DATABASE_URL (an admin URL, default the
// local server) and MQTT_URL (default the local Mosquitto).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, migrateDatabase } from '../src/core/db/index.js';
import { loadDemo } from '../demo/load.js';
import { devices } from '../src/modules/sensing/index.js';
import { startCluster, login, metricsText, type ClusterNode } from '../test/process.js';
import { round } from './lib.js';
import { request } from './helpers/httpClient.js';
import { memoryWindows, type MemSample } from './helpers/memoryWindows.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const MSG_RATE = 2_000;
const HTTP_RATE = 200;
const DEVICES = 200;
/** Load runs this long before the first memory reading and the measured window: a node's
 * V8 heap keeps growing under a new load for a minute or so (old space is collected
 * lazily; a forced GC brings it back to ~95 MB), so a short warm-up reports heap sizing
 * as growth. SOAK_WARMUP_S overrides. */
const WARMUP_S = Number(process.env.SOAK_WARMUP_S ?? Math.min(60, Math.max(30, Math.round(SECONDS / 10))));
/** an open-loop generator that is not served in time must not pile up thousands of
 * connections: requests beyond this many in flight are not sent and are counted as shed */
const MAX_INFLIGHT = 64;
const HTTP_TIMEOUT_MS = 10_000;
const INSIDE = { lng: 121.4566, lat: 31.2331 };

function child(script: string, args: string[]): { lines: string[]; done: Promise<void> } {
  const p = spawn(process.execPath, ['--import', 'tsx', path.resolve('bench/helpers', script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const c = { lines: [] as string[], done: new Promise<void>((res, rej) => p.on('exit', (code) => (code === 0 ? res() : rej(new Error(`${script} exited ${code}`))))) };
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

const debug = (m: string) => void (process.env.BENCH_DEBUG && process.stderr.write(`soak: ${m}\n`));
const pct = (xs: number[], p: number) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))]!;
};

interface Mem {
  rss: number;
  heap: number;
}

async function memory(node: ClusterNode): Promise<Mem> {
  const text = await metricsText(node);
  return { rss: Number(/^process_resident_memory_bytes (\d+)/m.exec(text)?.[1] ?? 0), heap: Number(/^nodejs_heap_size_used_bytes (\d+)/m.exec(text)?.[1] ?? 0) };
}
const mb = (x: number) => round(x / 1048576);

export default async function soak() {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const mqttUrl = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';
  process.env.MQTT_URL = mqttUrl;
  const dbName = `jiedao_soak_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  const tenant = 'shimen2';
  const cluster = await startCluster(u.toString(), { LOG_LEVEL: 'error' });
  try {
    const setup = await openDatabase({ databaseUrl: u.toString(), poolSize: 2 });
    await migrateDatabase(setup);
    await loadDemo(setup);
    await setup.db.insert(devices).values(Array.from({ length: DEVICES }, (_, i) => ({ tenantId: tenant, code: `BENCH-${i}`, name: `soak ${i}`, kind: 'generic', lng: INSIDE.lng, lat: INSIDE.lat, rateLimit: 100_000, offlineAfterS: null })));

    debug('database ready');
    // baseline: the broker alone, a publisher process → Mosquitto → a plain subscriber
    const B = 50_000;
    const basePrefix = `soakbase${randomBytes(3).toString('hex')}`;
    const sub = child('mqttSubscriber.ts', [mqttUrl, `${basePrefix}/#`, String(B)]);
    while (!sub.lines.includes('ready')) await new Promise((r) => setTimeout(r, 10));
    const basePub = child('mqttPublisher.ts', [mqttUrl, basePrefix, tenant, String(DEVICES), String(B), '0', '4', 'x']);
    await Promise.all([sub.done, basePub.done]);
    const subOut = JSON.parse(sub.lines.at(-1)!) as { got: number; last: number };
    const brokerRate = subOut.got / ((subOut.last - (JSON.parse(basePub.lines.at(-1)!) as { t0: number }).t0) / 1000);

    debug(`baseline ${Math.round(brokerRate)} msgs/s`);
    const [a, b] = await Promise.all([cluster.start('soak-a'), cluster.start('soak-b')]);
    const nodes = [a, b];
    for (const x of nodes) x.run.child.on('exit', (code, sig) => process.stderr.write(`soak: node ${x.name} exited (${code ?? sig}): ${x.run.err.slice(-2000)}\n`));
    // one log-in serves both nodes: sessions live in the database
    const acceptor = await login(a.base, 'acceptor');
    const leader = await login(a.base, 'leader');
    const caseIds = (await (await fetch(`${a.base}/api/v1/cases?limit=50`, { headers: leader })).json()) as { items: { id: number }[] };
    const ids = caseIds.items.map((c) => c.id);

    debug('nodes up');
    // the load: 2,000 msgs/s from a publisher process, 200 req/s from here (open loop)
    const total = MSG_RATE * (SECONDS + WARMUP_S);
    const pub = child('mqttPublisher.ts', [mqttUrl, cluster.prefix, tenant, String(DEVICES), String(total), String(MSG_RATE), '4', 's']);
    const lat: number[] = [];
    const byKind: Record<string, number[]> = {};
    let httpErrors = 0;
    let httpShed = 0;
    let httpDone = 0;
    let measuring = false;
    let n = 0;
    const inflight = new Set<Promise<void>>();
    const one = async (i: number) => {
      const node = nodes[i % 2]!;
      const r = i % 10;
      const kind = r < 4 ? 'list' : r < 7 ? 'detail' : r < 8 ? 'create' : 'kpis';
      const t = performance.now();
      try {
        const timeoutMs = HTTP_TIMEOUT_MS;
        const status =
          kind === 'list'
            ? await request(`${node.base}/api/v1/cases?limit=20`, { headers: leader, timeoutMs })
            : kind === 'detail'
              ? await request(`${node.base}/api/v1/cases/${ids[i % ids.length]}`, { headers: leader, timeoutMs })
              : kind === 'create'
                ? await request(`${node.base}/api/v1/cases`, { method: 'POST', headers: acceptor, timeoutMs, body: JSON.stringify({ source: 'hotline', categoryCode: '09030', description: `压力测试 ${i}`, location: { lng: INSIDE.lng + ((i % 50) - 25) * 0.00002, lat: INSIDE.lat + ((i % 30) - 15) * 0.00002 } }) })
                : await request(`${node.base}/api/v1/cases/kpis`, { headers: leader, timeoutMs });
        if (!measuring) return;
        if (status >= 300) httpErrors++;
        const ms = performance.now() - t;
        lat.push(ms);
        (byKind[kind] ??= []).push(ms);
        httpDone++;
      } catch {
        if (measuring) httpErrors++;
      }
    };
    const started = Date.now();
    const timer = setInterval(() => {
      // 10 ms steps, catching up if the timer was late
      const due = Math.floor(((Date.now() - started) / 1000) * HTTP_RATE);
      while (n < due) {
        if (inflight.size >= MAX_INFLIGHT) {
          if (measuring) httpShed += due - n;
          n = due;
          break;
        }
        const p = one(n++).finally(() => inflight.delete(p));
        inflight.add(p);
      }
    }, 10);

    await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
    const [{ mark }] = (await setup.query<{ mark: string }>(`select now()::text as mark`)) as [{ mark: string }];
    measuring = true;
    debug('measuring');
    const t0 = Date.now();
    // memory every 5 s, read as window means (bench/helpers/memoryWindows.ts)
    const samples: MemSample[][] = nodes.map(() => []);
    const sample = () =>
      Promise.all(nodes.map((x) => memory(x))).then((m) => {
        const t = (Date.now() - t0) / 1000;
        m.forEach((x, i) => samples[i]!.push({ t, ...x }));
        debug(`t=${Math.round(t)}s rss ${m.map((x) => mb(x.rss)).join('/')} MB, heap used ${m.map((x) => mb(x.heap)).join('/')} MB`);
      }, () => undefined);
    void sample();
    const sampler = setInterval(() => void sample(), 5_000);
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    clearInterval(sampler);
    measuring = false;
    const elapsed = (Date.now() - t0) / 1000;
    clearInterval(timer);
    await sample();
    await Promise.all(inflight);
    const mem = samples.map((xs) => memoryWindows(xs, elapsed));
    await pub.done;
    // let the last messages land, then read the database
    let stored = 0;
    for (let i = 0; i < 600; i++) {
      stored = (await setup.query<{ n: number }>(`select count(*)::int as n from sensing_alarms where tenant_id = $1 and msg_key like 'id:s%'`, [tenant]))[0]!.n;
      if (stored >= total) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const [row] = await setup.query<{ n: number; keys: number; in_window: number; p99: number; p50: number }>(
      `select count(*)::int as n, count(distinct msg_key)::int as keys,
        count(*) filter (where received_at >= $2::timestamptz and received_at < $2::timestamptz + make_interval(secs => $3))::int as in_window,
        percentile_cont(0.99) within group (order by extract(epoch from received_at - at) * 1000) filter (where received_at >= $2::timestamptz) as p99,
        percentile_cont(0.5) within group (order by extract(epoch from received_at - at) * 1000) filter (where received_at >= $2::timestamptz) as p50
       from sensing_alarms where tenant_id = $1 and msg_key like 'id:s%'`,
      [tenant, mark, elapsed],
    );
    const stats = await Promise.all(nodes.map(async (x) => (await metricsText(x)).match(/^sensing_messages_total\{source="mqtt",outcome="stored"\} (\d+)/m)?.[1]));
    await setup.close();
    const msgsPerS = row!.in_window / elapsed;
    return {
      seconds: SECONDS,
      nodes: 2,
      msgs_per_s: Math.round(msgsPerS),
      target_msgs_per_s: MSG_RATE,
      http_req_per_s: Math.round(httpDone / elapsed),
      target_http_req_per_s: HTTP_RATE,
      p99_http_ms: round(pct(lat, 0.99) ?? 0),
      p50_http_ms: round(pct(lat, 0.5) ?? 0),
      p99_http_ms_by_kind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, round(pct(v, 0.99) ?? 0)])),
      p99_ingest_to_stored_ms: round(Number(row!.p99)),
      p50_ingest_to_stored_ms: round(Number(row!.p50)),
      http_errors: httpErrors,
      // requests not sent because MAX_INFLIGHT were still waiting (the nodes fell behind)
      http_shed: httpShed,
      msgs_lost: total - row!.keys,
      msgs_duplicated: row!.n - row!.keys,
      msgs_stored_per_node: stats.map(Number),
      warmup_s: WARMUP_S,
      // window means: first, middle and last fifth of the run (at least 30 s each)
      rss_windows_mb: mem.map((m) => [mb(m.first.rss), mb(m.mid.rss), mb(m.last.rss)]),
      rss_min_max_mb: mem.map((m) => [mb(m.min), mb(m.max)]),
      rss_growth_pct: mem.map((m) => round(m.growthPct)),
      rss_growth_second_half_pct: mem.map((m) => round(m.secondHalfGrowthPct)),
      heap_used_windows_mb: mem.map((m) => [mb(m.first.heap), mb(m.mid.heap), mb(m.last.heap)]),
      broker_msgs_per_s: Math.round(brokerRate),
      ratio: round(msgsPerS / brokerRate),
      targets: { errors: 0, rss_growth_pct: 10 },
      load_average: (await import('node:os')).loadavg().map((x) => round(x)),
    };
  } finally {
    await cluster.stop();
    await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
    await admin.end();
  }
}
