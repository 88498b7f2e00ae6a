// Every periodic sweep, run at the same moment by two platforms on one PostgreSQL
// database (two connection pools, as two nodes have): each due item is handled once.
// The clock is moved 40 days on, so SLA limits, enterprise limits, visit deadlines,
// votes, device silences and the month's visit plan are all due at once; then every
// sweep runs concurrently on both nodes, three rounds, and no event, alert, plan or
// case is written twice. Needs PostgreSQL (PGlite is one process, one connection).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../src/app.js';
import { openDatabase } from '../../src/core/db/index.js';
import { freshDatabase, onPostgres, testConfig, type TestDb } from '../harness.js';

if (!onPostgres) process.stdout.write('multinode/sweeps: skipped (needs DATABASE_URL: two nodes on one PostgreSQL)\n');

describe.skipIf(!onPostgres)('sweeps on two nodes sharing one PostgreSQL', () => {
  let db: TestDb;
  const nodes: Platform[] = [];
  const later = new Date(Date.now() + 40 * 86_400_000);
  const clock = { now: () => later };

  beforeAll(async () => {
    db = await freshDatabase('demo');
    for (let i = 0; i < 2; i++) {
      const database = await openDatabase({ databaseUrl: db.url!, poolSize: 6 });
      nodes.push(await startPlatform(testConfig({ NODE_ID: `sweep-node-${i}` }), { sweeps: false, database, noMqtt: true, skipDemo: true, clock }));
    }
  });
  afterAll(async () => {
    for (const n of nodes) {
      await n.close();
      await n.ctx.database.close();
    }
    await db?.drop();
  });

  it('each due item is handled exactly once across both nodes', { timeout: 240_000 }, async () => {
    const q = db.database;
    const mark = (await q.query<{ mark: number }>('select coalesce(max(id), 0)::int as mark from events'))[0]!.mark;
    const names = nodes[0]!.ctx.sweeper.names();
    expect(names).toEqual(nodes[1]!.ctx.sweeper.names());
    // everything the brief lists, so that a sweep added later is not silently left out
    for (const n of ['cases.sla', 'cases.accept', 'community.close_due', 'people.plans', 'people.overdue', 'sensing.devices.offline', 'sensing.scenes.timers', 'sensing.scenes.inactivity', 'sensing.nonces.prune', 'notify.enqueue', 'notify.send']) expect(names).toContain(n);
    expect(names.some((n) => n.startsWith('enterprise.'))).toBe(true);

    const handled = new Map<string, number[]>();
    for (let round = 0; round < 3; round++) {
      // all sweeps of both nodes at once: the most overlap two nodes could produce
      const results = await Promise.all(nodes.flatMap((node, i) => names.map(async (n) => ({ n, i, count: await node.ctx.sweeper.runNow(n) }))));
      for (const r of results) {
        const h = handled.get(r.n) ?? [0, 0];
        h[r.i]! += r.count;
        handled.set(r.n, h);
      }
    }
    const total = (n: string) => (handled.get(n) ?? [0, 0]).reduce((a, b) => a + b, 0);
    // the clock move made work for the timers (otherwise this test would prove nothing)
    expect(total('cases.sla')).toBeGreaterThan(0);
    expect(total('people.overdue')).toBeGreaterThan(0);

    // no subject got the same announcement twice
    const dupes = await q.query<{ type: string; subject_id: string; n: number }>(
      `select type, subject_id, count(*)::int as n from events where id > $1 and type not like '%.updated' and type not like 'sensing.scene.%' and type not like 'case.%assigned' and type <> 'case.timeline'
       group by 1, 2 having count(*) > 1 order by 1, 2 limit 20`,
      [mark],
    );
    expect(dupes).toEqual([]);
    const byType = Object.fromEntries((await q.query<{ type: string; n: number }>(`select type, count(*)::int as n from events where id > $1 group by 1`, [mark])).map((r) => [r.type, r.n]));
    expect(byType['case.overdue']).toBe(total('cases.sla'));
    expect(byType['people.visit.overdue']).toBe(total('people.overdue'));

    // one alert per missed deadline, one plan row per building and month, one case per scene
    expect(await q.query(`select elderly_id, due_at from care_alerts group by 1, 2 having count(*) > 1`)).toEqual([]);
    expect(await q.query(`select tenant_id, month, building_id from ent_visit_plans group by 1, 2, 3 having count(*) > 1`)).toEqual([]);
    expect(await q.query(`select scene_key from cases where scene_key is not null and state not in ('closed', 'cancelled') group by 1 having count(*) > 1`)).toEqual([]);
    // both nodes saw the same silent households; the scene machine, under its row lock, fired once
    expect(await q.query(`select payload->>'sceneId', payload->>'subject' from events where id > $1 and type = 'sensing.scene.fired' group by 1, 2 having count(*) > 1`, [mark])).toEqual([]);
    const active = (await q.query<{ active: number }>(`select count(*)::int as active from elderly where status = 'active'`))[0]!.active;
    expect(total('people.plans')).toBe(active);
    // an episode per scene subject at a time
    expect(await q.query(`select scene_id, subject from sensing_episodes where status = 'active' group by 1, 2 having count(*) > 1`)).toEqual([]);
    // every case timeline mark made once per step deadline
    expect(await q.query(`select case_id, action, detail->>'dueAt' from case_timeline where action in ('sla_warning', 'overdue') group by 1, 2, 3 having count(*) > 1`)).toEqual([]);
    // a case went to the next person (or the shift leader) at most once per deadline
    expect(await q.query(`select case_id, at from case_timeline where actor_id = 'dispatch' group by 1, 2 having count(*) > 1`)).toEqual([]);
    process.stdout.write(`multinode/sweeps: ${[...handled].filter(([, h]) => h[0]! + h[1]! > 0).map(([n, h]) => `${n} ${h[0]}+${h[1]}`).join(', ')}\n`);
  });
});
