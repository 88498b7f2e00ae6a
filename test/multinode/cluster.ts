// Several real app processes (`node --import tsx src/main.ts`) on one PostgreSQL database
// and one MQTT broker, as an operator runs them behind a load balancer: same database,
// same topic prefix and share group, each its own NODE_ID and port. Used by the two-node
// tests, the fault scripts and the soak benchmark.
import { randomBytes } from 'node:crypto';
import { run, type Run } from '../process.js';

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
      return /is running — (http:\/\/localhost:\d+)/.exec(node.run.out)?.[1];
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
          if (n.run.child.exitCode !== null || n.run.child.signalCode) return;
          n.run.child.kill('SIGTERM');
          const t = setTimeout(() => n.run.child.kill('SIGKILL'), 20_000);
          await n.run.exited;
          clearTimeout(t);
        }),
      );
    },
  };
}

export async function login(base: string, username = 'admin', password = 'jiedao2026'): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login ${username} ${res.status}`);
  const cookies = Object.fromEntries(res.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]));
  return { cookie: Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': cookies.jd_csrf!, 'content-type': 'application/json' };
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

/** A point inside the demo subdistrict (凤阳路). */
export const INSIDE = { lng: 121.4566, lat: 31.2331 };
