// Rate limits hold across nodes: two platforms on one PostgreSQL database (two pools, as
// two nodes behind a balancer have) share one count per caller (ADR 1012). Before, each
// node counted for itself and a caller alternating between them got twice the limit.
// Needs PostgreSQL (PGlite is one process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../src/app.js';
import { openDatabase } from '../../src/core/db/index.js';
import { freshDatabase, onPostgres, testConfig, type TestDb } from '../harness.js';

if (!onPostgres) process.stdout.write('multinode/rateLimits: skipped (needs DATABASE_URL: two nodes on one PostgreSQL)\n');

describe.skipIf(!onPostgres)('rate limits on two nodes sharing one PostgreSQL', () => {
  let db: TestDb;
  const nodes: Platform[] = [];

  beforeAll(async () => {
    db = await freshDatabase('demo');
    for (let i = 0; i < 2; i++) {
      const database = await openDatabase({ databaseUrl: db.url!, poolSize: 4 });
      nodes.push(await startPlatform(testConfig({ NODE_ID: `limit-node-${i}`, RATE_LIMIT_LOGIN: '4', RATE_LIMIT_PUBLIC: '6' }), { sweeps: false, database, noMqtt: true, skipDemo: true }));
    }
  });
  afterAll(async () => {
    for (const n of nodes) {
      await n.close();
      await n.ctx.database.close();
    }
    await db?.drop();
  });

  it('log-in attempts alternating between the nodes meet one limit of 4, not 4 on each', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await nodes[i % 2]!.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'dispatcher', password: 'wrong-password' }, remoteAddress: '10.9.0.1' });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    // the refusal says when to come back, on either node
    const res = await nodes[1]!.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'dispatcher', password: 'wrong-password' }, remoteAddress: '10.9.0.1' });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // another address is not held up
    const other = await nodes[0]!.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'dispatcher', password: 'jiedao2026' }, remoteAddress: '10.9.0.2' });
    expect(other.statusCode).toBe(200);
  });

  it('public pages: one count per address across both nodes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await nodes[i % 2]!.app.inject({ method: 'GET', url: '/open311/v2/services.json?jurisdiction_id=shimen2', remoteAddress: '10.9.0.3' })).statusCode);
    expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(statuses.slice(6)).toEqual([429, 429]);
  });
});
