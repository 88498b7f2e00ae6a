// Shared pieces of the benchmarks: a platform on a fresh embedded database, autocannon.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { loadConfig } from '../src/config.js';
import { startPlatform, type Platform } from '../src/app.js';
import { openDatabase } from '../src/core/db/index.js';

export async function benchPlatform(env: Record<string, string> = {}): Promise<{ platform: Platform; url: string; close(): Promise<void> }> {
  // DATABASE_NAMED_STATEMENTS=false from the shell measures the same bench without them (ADR 1004)
  const named = process.env.DATABASE_NAMED_STATEMENTS ? { DATABASE_NAMED_STATEMENTS: process.env.DATABASE_NAMED_STATEMENTS } : {};
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', MQTT_PORT: '0', MQTT_HOST: '127.0.0.1', HOST: '127.0.0.1', SIMULATOR: 'false', ...named, ...env });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, namedStatements: config.databaseNamedStatements });
  const platform = await startPlatform(config, { database, noMqtt: !env.MQTT });
  const url = await platform.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    platform,
    url,
    async close() {
      await platform.close();
      await database.close();
    },
  };
}

export async function login(url: string, username: string, password = 'jiedao2026'): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login failed ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Load from a separate process (autocannon's CLI), so the generator does not share the
 * server's event loop. */
export async function rps(url: string, headers: Record<string, string> = {}, seconds = 5, connections = 16): Promise<{ rps: number; p99_ms: number; errors: number }> {
  const bin = path.resolve('node_modules/autocannon/autocannon.js');
  const args = [bin, '--json', '-d', String(seconds), '-c', String(connections), ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]), url];
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
  const r = JSON.parse(stdout) as { requests: { average: number }; latency: { p99: number }; errors: number; non2xx: number };
  return { rps: Math.round(r.requests.average), p99_ms: r.latency.p99, errors: r.errors + r.non2xx };
}

export const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

/** A full garbage collection before a measured phase: the bench process also holds the
 * platform and the data generators, and a phase should not pay for the garbage of the one
 * before it (generating a million cases leaves ~170 MB for the next major collection). */
export function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}
