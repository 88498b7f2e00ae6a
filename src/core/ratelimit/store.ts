// A store for @fastify/rate-limit in the database, so a limit holds across every node
// behind the balancer (the plugin's own store counts per process: with N nodes a caller
// got N times the limit). One statement per counted request; the database's clock
// decides the window, so nodes with drifting clocks agree.
import type { Database } from '../db/index.js';

interface Hit {
  current: number;
  ttl: number;
}
type Callback = (err: Error | null, res?: Hit) => void;

const HIT = `insert into rate_limit_hits as h (key, hits, expires_at) values ($1, 1, now() + $2::int * interval '1 millisecond')
  on conflict (key) do update set
    hits = case when h.expires_at <= now() then 1 else h.hits + 1 end,
    expires_at = case when h.expires_at <= now() then excluded.expires_at else h.expires_at end
  returning hits, ceil(extract(epoch from expires_at - now()) * 1000)::int as ttl`;

const READ = `select case when expires_at <= now() then 0 else hits end as hits,
  greatest(0, ceil(extract(epoch from expires_at - now()) * 1000))::int as ttl from rate_limit_hits where key = $1`;

/** Count one request of `key` in a window of `windowMs`; the count so far and the time left. */
export async function hit(database: Database, key: string, windowMs: number): Promise<Hit> {
  const [r] = await database.query<{ hits: number; ttl: number }>(HIT, [key, Math.max(1, Math.round(windowMs))]);
  return { current: Number(r!.hits), ttl: Math.max(0, Number(r!.ttl)) };
}

export async function peek(database: Database, key: string, windowMs: number): Promise<Hit> {
  const [r] = await database.query<{ hits: number; ttl: number }>(READ, [key]);
  return r ? { current: Number(r.hits), ttl: Number(r.ttl) } : { current: 0, ttl: windowMs };
}

/** Drop the counters of windows that have ended; returns how many. */
export async function purge(database: Database): Promise<number> {
  const rows = await database.query<{ key: string }>(`delete from rate_limit_hits where expires_at < now() returning key`);
  return rows.length;
}

/** The store class the plugin instantiates (`store` option); a route's limits get their
 * own key space, as with the plugin's Redis store. A caller the database has already
 * found over the limit is refused from memory until its window ends, so a flood of
 * refused requests does not become a flood of database writes. */
export function databaseStore(database: Database) {
  const blocked = new Map<string, { current: number; until: number }>();
  return class DatabaseStore {
    private readonly prefix: string;
    constructor(prefix?: unknown) {
      this.prefix = typeof prefix === 'string' ? prefix : '';
    }
    incr(key: string, cb: Callback, timeWindow: number, max: number): void {
      const k = this.prefix + key;
      const now = Date.now();
      const b = blocked.get(k);
      if (b && b.until > now) {
        b.current++;
        cb(null, { current: b.current, ttl: b.until - now });
        return;
      }
      if (b) blocked.delete(k);
      hit(database, k, timeWindow).then((r) => {
        if (r.current > max) {
          // bounded: a spread-out flood forgets the oldest refusals, which only costs a query
          if (blocked.size >= 10_000) blocked.delete(blocked.keys().next().value!);
          blocked.set(k, { current: r.current, until: now + r.ttl });
        }
        cb(null, r);
      }, (e: Error) => cb(e));
    }
    read(key: string, cb: Callback, timeWindow: number): void {
      peek(database, this.prefix + key, timeWindow).then((r) => cb(null, r), (e: Error) => cb(e));
    }
    // the plugin passes the route's merged limit options, the route itself under routeInfo
    child(routeOptions: unknown): DatabaseStore {
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo ?? {};
      return new DatabaseStore(`${String(route.method ?? '')}${String(route.url ?? '')}|`);
    }
  };
}
