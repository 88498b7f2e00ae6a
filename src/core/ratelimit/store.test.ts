import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDb } from '../../../test/harness.js';
import { databaseStore, hit, peek, purge } from './index.js';

// The counters behind every rate limit: one row per route and caller, counted by the
// database so every node sees the same count (the two-node test is
// test/multinode/rateLimits.test.ts).
let db: TestDb;
beforeAll(async () => {
  db = await freshDatabase('blank');
});
afterAll(async () => db?.drop());

describe('rate-limit counters in the database', () => {
  it('counts hits in a window and tells the time left', async () => {
    const key = 'test|10.0.0.1';
    expect(await peek(db.database, key, 60_000)).toEqual({ current: 0, ttl: 60_000 });
    expect((await hit(db.database, key, 60_000)).current).toBe(1);
    const second = await hit(db.database, key, 60_000);
    expect(second.current).toBe(2);
    expect(second.ttl).toBeGreaterThan(50_000);
    expect(second.ttl).toBeLessThanOrEqual(60_000);
    expect((await peek(db.database, key, 60_000)).current).toBe(2);
    // another caller has a count of its own
    expect((await hit(db.database, 'test|10.0.0.2', 60_000)).current).toBe(1);
  });

  it('starts again once the window has ended, and the purge drops ended windows only', async () => {
    const key = 'test|10.0.0.3';
    for (let i = 0; i < 5; i++) await hit(db.database, key, 60_000);
    await hit(db.database, 'test|still-running', 60_000);
    // the window ends (moved into the past rather than waited for)
    await db.database.query(`update rate_limit_hits set expires_at = now() - interval '1 second' where key = $1`, [key]);
    expect((await peek(db.database, key, 60_000)).current).toBe(0);
    expect(await purge(db.database)).toBe(1);
    expect((await peek(db.database, 'test|still-running', 60_000)).current).toBe(1);
    expect((await hit(db.database, key, 60_000)).current).toBe(1);
  });

  it('gives each route its own counts through the store the plugin uses', async () => {
    const Store = databaseStore(db.database);
    const root = new Store({});
    const login = root.child({ routeInfo: { method: 'POST', url: '/api/v1/auth/login' } });
    const pages = root.child({ routeInfo: { method: 'GET', url: '/public' } });
    const incr = (s: InstanceType<typeof Store>, k: string) => new Promise<{ current: number }>((res, rej) => s.incr(k, (e, r) => (e ? rej(e) : res(r!)), 60_000, 100));
    expect((await incr(login, '10.0.0.9')).current).toBe(1);
    expect((await incr(login, '10.0.0.9')).current).toBe(2);
    expect((await incr(pages, '10.0.0.9')).current).toBe(1);
  });

  it('refuses a caller already over the limit from memory, without writing to the database again', async () => {
    const Store = databaseStore(db.database);
    const route = new Store({}).child({ routeInfo: { method: 'GET', url: '/flood' } });
    const incr = (k: string) => new Promise<{ current: number; ttl: number }>((res, rej) => route.incr(k, (e, r) => (e ? rej(e) : res(r!)), 60_000, 3));
    for (let i = 1; i <= 4; i++) expect((await incr('10.0.0.66')).current).toBe(i);
    const rows = () => db.database.query<{ hits: number }>(`select hits from rate_limit_hits where key = $1`, ['GET/flood|10.0.0.66']);
    expect(await rows()).toEqual([{ hits: 4 }]);
    // the fifth to hundredth are refused (over 3) and the row is not touched
    for (let i = 5; i <= 100; i++) expect((await incr('10.0.0.66')).current).toBe(i);
    expect(await rows()).toEqual([{ hits: 4 }]);
    // another caller is still counted in the database
    expect((await incr('10.0.0.67')).current).toBe(1);
  });
});
