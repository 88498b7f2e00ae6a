// Real app processes, as a newcomer (or an operator) starts them: `node --import tsx
// src/main.ts` with real ports and files. One process (start-up and crash tests), or
// several on one PostgreSQL database and one MQTT broker as behind a load balancer: same
// database, topic prefix and share group, each its own NODE_ID and port (the two-node
// tests, the fault scripts and the soak benchmark). Nothing here imports vitest, so the
// benchmarks can use it too.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import type { TestDb } from './harness.js';

export interface Run {
  child: ChildProcess;
  out: string;
  err: string;
  /** the exit code, or -1 when a signal ended it */
  exited: Promise<number | null>;
}

/** Its own MQTT topics and sessions on a shared broker, kept only briefly. */
const mqttIsolation = () => ({ MQTT_TOPIC_PREFIX: `t${randomBytes(4).toString('hex')}`, MQTT_SHARE_GROUP: `t${randomBytes(4).toString('hex')}`, NODE_ID: `t-${randomBytes(4).toString('hex')}`, MQTT_SESSION_EXPIRY_S: '120' });

/** Extra Node flags for the app processes, e.g. JIEDAO_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
 * to profile the nodes of the soak (Node refuses --cpu-prof in NODE_OPTIONS). */
const nodeArgs = () => (process.env.JIEDAO_NODE_ARGS ?? '').split(' ').filter(Boolean);

export function run(env: Record<string, string | undefined>): Run {
  const child = spawn(process.execPath, [...nodeArgs(), '--import', 'tsx', 'src/main.ts'], {
    cwd: path.resolve('.'),
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', SIMULATOR: 'false', DATABASE_URL: undefined, MQTT_URL: process.env.MQTT_URL, ...mqttIsolation(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const r: Run = { child, out: '', err: '', exited: new Promise((res) => child.on('exit', (code, signal) => res(code ?? (signal ? -1 : null)))) };
  child.stdout!.on('data', (d) => (r.out += String(d)));
  child.stderr!.on('data', (d) => (r.err += String(d)));
  return r;
}

/** The address a started process prints ("… is running — http://localhost:port"). */
export const RUNNING = /is running — (http:\/\/localhost:\d+)/;

export async function waitFor(r: Run, re: RegExp, ms = 90_000): Promise<RegExpMatchArray> {
  const start = Date.now();
  for (;;) {
    const m = re.exec(r.out);
    if (m) return m;
    if (r.child.exitCode !== null) throw new Error(`process exited ${r.child.exitCode}: ${r.err}`);
    if (Date.now() - start > ms) throw new Error(`timeout waiting for ${re}: ${r.out} ${r.err}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** Polls until `fn` gives a truthy value (errors count as not yet), or fails naming `what`. */
export async function until<T>(what: string, fn: () => Promise<T | undefined | null | false> | T | undefined | null | false, ms = 120_000, every = 100): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() - start > ms) throw new Error(`timed out: ${what}${last ? ` (${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Headers of a logged-in admin (cookie session + CSRF) for fetch against a process. */
export async function login(base: string, username = 'admin', password = 'jiedao2026'): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login ${username} ${res.status}`);
  const cookies = Object.fromEntries(res.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]));
  return { cookie: Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': cookies.jd_csrf!, 'content-type': 'application/json' };
}

/** A point inside the demo subdistrict (凤阳路). */
export const INSIDE = { lng: 121.4566, lat: 31.2331 };

export const clusterAvailable = !!process.env.DATABASE_URL && !!process.env.MQTT_URL;

export interface ClusterNode {
  name: string;
  env: Record<string, string>;
  run: Run;
  base: string;
}

export interface Cluster {
  nodes: ClusterNode[];
  prefix: string;
  start(name: string): Promise<ClusterNode>;
  /** starts a stopped (or killed) node again under the same NODE_ID: its broker session resumes */
  restart(node: ClusterNode): Promise<ClusterNode>;
  stop(): Promise<void>;
  /** the end of every node's stderr, for failure messages */
  diag(): string;
}

export async function startCluster(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<Cluster> {
  const tag = randomBytes(3).toString('hex');
  const shared = {
    DATABASE_URL: databaseUrl,
    MQTT_URL: process.env.MQTT_URL!,
    PORT: '0',
    MQTT_TOPIC_PREFIX: `mn${tag}`,
    MQTT_SHARE_GROUP: `mn${tag}`,
    MQTT_SESSION_EXPIRY_S: '600',
    MQTT_INGEST_CONNECTIONS: '4',
    // /metrics as Prometheus reads it behind a load balancer: with a bearer token
    METRICS_TOKEN: `mn-metrics-${randomBytes(12).toString('hex')}`,
    ...extraEnv,
  };
  const nodes: ClusterNode[] = [];
  const launch = async (node: ClusterNode) => {
    node.run = run(node.env);
    node.base = (await until(`${node.name} started`, () => {
      if (node.run.child.exitCode !== null) throw new Error(`${node.name} exited: ${node.run.err.slice(-1500)}`);
      return RUNNING.exec(node.run.out)?.[1];
    }))!;
    return node;
  };
  return {
    nodes,
    prefix: shared.MQTT_TOPIC_PREFIX,
    async start(name) {
      const node = { name, env: { ...shared, NODE_ID: `${name}-${tag}` }, run: undefined as unknown as Run, base: '' };
      nodes.push(node);
      return launch(node);
    },
    restart: launch,
    diag: () => nodes.map((n) => `--- ${n.name} (exit ${n.run.child.exitCode ?? n.run.child.signalCode ?? 'running'}):\n${n.run.err.slice(-3000)}`).join('\n'),
    async stop() {
      await Promise.all(
        nodes.map(async (n) => {
          if (!n.run || n.run.child.exitCode !== null || n.run.child.signalCode) return;
          n.run.child.kill('SIGTERM');
          const t = setTimeout(() => n.run.child.kill('SIGKILL'), 20_000);
          await n.run.exited;
          clearTimeout(t);
        }),
      );
    },
  };
}

export interface ClusterOnDemo {
  db: TestDb;
  cluster: Cluster;
  /** stops every node, then drops the database */
  stop(): Promise<void>;
}

/** A fresh demo database with the named nodes started on it (the first loads nothing: the
 * database comes loaded). If a node fails to start, what was started is stopped again. */
export async function clusterOnFreshDemo(names: string[], extraEnv: Record<string, string> = {}): Promise<ClusterOnDemo> {
  // imported here: the harness needs vitest, which the benchmarks do not run under
  const { freshDatabase } = await import('./harness.js');
  const db = await freshDatabase('demo');
  let cluster: Cluster | undefined;
  const stop = async () => {
    await cluster?.stop();
    await db.drop();
  };
  try {
    cluster = await startCluster(db.url!, extraEnv);
    await Promise.all(names.map((n) => cluster!.start(n)));
  } catch (e) {
    await stop();
    throw e;
  }
  return { db, cluster, stop };
}

/** A node's /metrics text, read with the cluster's METRICS_TOKEN. */
export async function metricsText(node: ClusterNode): Promise<string> {
  const res = await fetch(`${node.base}/metrics`, { headers: { authorization: `Bearer ${node.env.METRICS_TOKEN}` }, signal: AbortSignal.timeout(60_000) });
  if (!res.ok) throw new Error(`${node.name}: /metrics answered ${res.status}`);
  return res.text();
}

/** One counter of a node's /metrics (0 when absent). */
export async function metric(node: ClusterNode, name: string, labels: string): Promise<number> {
  const text = await metricsText(node);
  const esc = labels.replace(/[{}]/g, (c) => `\\${c}`);
  return Number(new RegExp(`^${name}${esc} (\\d+(?:\\.\\d+)?)`, 'm').exec(text)?.[1] ?? 0);
}
