// Test harness: a whole platform on a fresh copy of the demo (or blank) database, on
// PGlite by default and on PostgreSQL when DATABASE_URL is set; MQTT on request.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../src/config.js';
import { startPlatform, type Platform, type StartOptions } from '../src/app.js';
import { openDatabase, type Database } from '../src/core/db/index.js';
import { DEMO_PASSWORD } from '../demo/accounts.js';

export const onPostgres = !!process.env.DATABASE_URL;

export interface TestDb {
  database: Database;
  url?: string;
  drop(): Promise<void>;
}

/** A fresh database: a copy of the demo data set, or migrated and empty. */
export async function freshDatabase(kind: 'demo' | 'blank' = 'demo'): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `jiedao_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const template = inject(kind === 'demo' ? 'pgTemplateDemo' : 'pgTemplateBlank');
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 8 });
    return {
      database,
      url: u.toString(),
      async drop() {
        await database.close().catch(() => {});
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const file = inject(kind === 'demo' ? 'snapshotDemo' : 'snapshotBlank');
  const database = await openDatabase({ loadDataDir: new Blob([fs.readFileSync(file)]) });
  return { database, drop: () => database.close() };
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', PORT: '0', MQTT_PORT: '0', MQTT_HOST: '127.0.0.1', HOST: '127.0.0.1', DATA_DIR: '/nonexistent', SIMULATOR: 'false', ...(process.env.MQTT_URL ? { MQTT_URL: process.env.MQTT_URL } : {}), ...overrides });
}

export interface TestPlatform {
  platform: Platform;
  db: TestDb;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  /** a client logged in as a demo user (cookie session + CSRF header) */
  as(username: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

export interface Client {
  username: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function startTestPlatform(opts: { kind?: 'demo' | 'blank'; config?: Record<string, string>; mqtt?: boolean } & Omit<StartOptions, 'database'> = {}): Promise<TestPlatform> {
  const db = await freshDatabase(opts.kind ?? 'demo');
  const platform = await startPlatform(testConfig(opts.config), { sweeps: false, ...opts, database: db.database, noMqtt: !opts.mqtt, skipDemo: true });
  const request = (o: InjectOptions) => platform.app.inject(o);
  return {
    platform,
    db,
    request,
    async as(username, password = DEMO_PASSWORD) {
      const res = await request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
      const base = { cookie: Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': cookies.jd_csrf! };
      const call = (method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}) =>
        request({ method, url, headers: { ...base, ...headers }, ...(body === undefined ? {} : typeof body === 'string' || Buffer.isBuffer(body) ? { payload: body } : { payload: body as object }) });
      return {
        username,
        get: (url, h) => call('GET', url, undefined, h),
        post: (url, b, h) => call('POST', url, b, h),
        put: (url, b, h) => call('PUT', url, b, h),
        patch: (url, b, h) => call('PATCH', url, b, h),
        delete: (url, h) => call('DELETE', url, undefined, h),
      };
    },
    async close() {
      await platform.close();
      await db.drop();
    },
  };
}
