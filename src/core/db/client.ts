// One database handle over either engine: PGlite (PostgreSQL in WASM, embedded) or a
// PostgreSQL server through node-postgres. Same Drizzle API, same SQL, same migrations.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { namingClient, StatementNames } from './namedStatements.js';

export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Queryable = Db | Tx;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Raw rows for hand-written SQL on hot paths. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  ping(): Promise<void>;
  /** Subscribe to NOTIFY on a channel; returns an unsubscribe function. `onResume` is
   * called after the listening connection was lost and is back: notifications sent in
   * between were missed, the caller catches up from the table. */
  listen(channel: string, onPayload: (payload: string) => void, onResume?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  pglite?: PGlite;
  pool?: pg.Pool;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite folder; undefined = in memory */
  dataDir?: string;
  /** PGlite start image (tar from dumpDataDir), used by the test harness */
  loadDataDir?: Blob;
  poolSize?: number;
  /** run repeated statements as named (prepared) statements on PostgreSQL (ADR 1004);
   * off for a pooler that cannot keep them (PgBouncer in transaction mode before 1.21) */
  namedStatements?: boolean;
}

// node-postgres returns BIGINT and NUMERIC as strings by default; our ids fit in 2^53
// and areas/money are read as strings on purpose (numeric columns use mode:'string').
pg.types.setTypeParser(20, (v) => Number(v));

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10, opts.namedStatements ?? true);
  return openPglite(opts.dataDir, opts.loadDataDir);
}

async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<Database> {
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const client = new PGlite({ dataDir, loadDataDir });
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    async query<T>(text: string, params?: unknown[]) {
      const r = await client.query<T>(text, params as unknown[] | undefined);
      return r.rows;
    },
    async ping() {
      await client.query('select 1');
    },
    async listen(channel, onPayload) {
      const unsub = await client.listen(channel, onPayload);
      return async () => unsub();
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

async function openPostgres(url: string, poolSize: number, named: boolean): Promise<Database> {
  const Client = named ? (namingClient(new StatementNames()) as unknown as new () => pg.ClientBase) : undefined;
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000, Client });
  // A client losing its server (restart, failover) must not crash the process: idle ones
  // report to the pool, and a checked-out one (in a transaction between two queries) has no
  // listener of its own — its next query fails instead, and pg-pool drops it on release.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = drizzlePg(pool) as unknown as Db;
  const listeners = new Map<string, Set<(p: string) => void>>();
  const resumers = new Set<() => void>();
  let listenClient: pg.Client | undefined;
  let closing = false;

  async function connectListener(): Promise<void> {
    const c = new pg.Client({ connectionString: url });
    c.on('error', () => {});
    c.on('end', () => {
      if (listenClient === c) listenClient = undefined;
      if (!closing && listeners.size > 0) reconnectListener();
    });
    c.on('notification', (n) => {
      for (const cb of listeners.get(n.channel) ?? []) cb(n.payload ?? '');
    });
    await c.connect();
    for (const ch of listeners.keys()) await c.query(`LISTEN "${ch}"`);
    listenClient = c;
  }

  // A restarted server may take a while to accept connections again: keep trying (every
  // half second up to a few seconds apart) until it does, so live events resume by themselves.
  let retry: NodeJS.Timeout | undefined;
  function reconnectListener(attempt = 0): void {
    if (closing || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      if (closing || listenClient) return;
      connectListener().then(
        () => {
          for (const r of resumers) r();
        },
        () => reconnectListener(attempt + 1),
      );
    }, Math.min(500 * 2 ** attempt, 5000));
    retry.unref();
  }

  return {
    kind: 'postgres',
    db,
    pool,
    async query<T>(text: string, params?: unknown[]) {
      const r = await pool.query(text, params);
      return r.rows as T[];
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async listen(channel, onPayload, onResume) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel ${channel}`);
      if (onResume) resumers.add(onResume);
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        if (listenClient) await listenClient.query(`LISTEN "${channel}"`);
      }
      set.add(onPayload);
      if (!listenClient) await connectListener();
      return async () => {
        set.delete(onPayload);
        if (onResume) resumers.delete(onResume);
      };
    },
    async close() {
      closing = true;
      clearTimeout(retry);
      await listenClient?.end().catch(() => {});
      await pool.end();
    },
  };
}
