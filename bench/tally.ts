// Time to tally an owners' consultation of 100,000 units on PostgreSQL (target ≤ 200 ms):
// the same query the live participation view and the close use (one scan of the
// ballots, grouped by choice, heads as distinct holders), against a baseline of a plain
// count(*) over the same ballots, measured in the same run. Uses DATABASE_URL when set,
// else creates (and drops) a temporary database on postgres://postgres@127.0.0.1:5432.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, migrateDatabase, type Database } from '../src/core/db/index.js';
import { consultations, decide, finaliseResult, ruleFor, tallyCounts } from '../src/modules/community/index.js';
import { eq } from 'drizzle-orm';
import { round } from './lib.js';

const UNITS = 100_000;
const RUNS = 15;

async function temporaryDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, drop: async () => {} };
  const admin = 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `jiedao_bench_tally_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  return {
    url: admin.replace(/\/postgres$/, `/${name}`),
    async drop() {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(fn: () => Promise<unknown>, runs = RUNS): Promise<number[]> {
  await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

async function seed(db: Database, tenantId: string): Promise<number> {
  const [c] = await db.db
    .insert(consultations)
    .values({ tenantId, publicCode: randomBytes(9).toString('base64url'), title: 'bench', matter: 'rebuild', scopeKind: 'area', status: 'open', openedAt: new Date(), closesAt: new Date(Date.now() + 86_400_000) })
    .returning({ id: consultations.id });
  const id = c!.id;
  // 100,000 units of 40–160 m²; every 20th holder owns three units (one head)
  await db.query(
    `insert into consultation_electors (tenant_id, consultation_id, unit_id, building_id, unit_code, floor, area, head_key, owner_ids)
     select $1, $2, g, 1 + g / 200, g::text, 1 + (g % 30), 4000 + (g * 7919) % 12000,
            case when (g / 3) % 20 = 0 then (g / 3) * 3 else g end, array[g::bigint]
     from generate_series(1, $3::int) g`,
    [tenantId, id, UNITS],
  );
  // 80% voted: 75% of them agree, 20% disagree, 5% abstain; one choice per head
  await db.query(
    `insert into ballots (tenant_id, consultation_id, unit_id, head_key, area, choice, channel, cast_by, cast_at)
     select tenant_id, consultation_id, unit_id, head_key, area,
            case when head_key % 20 < 15 then 'agree' when head_key % 20 < 19 then 'disagree' else 'abstain' end,
            'online', 1, now()
     from consultation_electors where consultation_id = $1 and head_key % 10 < 8`,
    [id],
  );
  const [t] = await db.query<{ units: number; heads: number; area: string }>(`select count(*)::int units, count(distinct head_key)::int heads, sum(area)::text area from consultation_electors where consultation_id = $1`, [id]);
  await db.db.update(consultations).set({ electorateUnits: t!.units, electorateHeads: t!.heads, electorateArea: BigInt(t!.area) }).where(eq(consultations.id, id));
  await db.query('analyze ballots');
  await db.query('analyze consultation_electors');
  return id;
}

export default async function tally() {
  const tmp = await temporaryDatabase();
  const db = await openDatabase({ databaseUrl: tmp.url, poolSize: 2 });
  try {
    await migrateDatabase(db);
    const tenantId = `bench-${randomBytes(3).toString('hex')}`;
    const id = await seed(db, tenantId);
    const [c] = await db.db.select().from(consultations).where(eq(consultations.id, id));
    const electorate = { units: c!.electorateUnits!, heads: c!.electorateHeads!, areaCents: c!.electorateArea! };

    let last;
    const tallyMs = await time(async () => {
      last = decide(await tallyCounts(db.db, tenantId, id, electorate), ruleFor('rebuild'));
    });
    const baselineMs = await time(() => db.query('select count(*) from ballots where tenant_id = $1 and consultation_id = $2', [tenantId, id]));
    // the whole close once: tally, decision, digest of every ballot, result stored
    const t = performance.now();
    const result = await db.db.transaction((tx) => finaliseResult(tx, c!, new Date()));
    const closeMs = performance.now() - t;
    return {
      engine: 'postgresql',
      units: UNITS,
      ballots: result.counts.participating.units,
      heads: electorate.heads,
      passed: last!.passed,
      tally_ms_median: round(median(tallyMs), 1),
      tally_ms_max: round(Math.max(...tallyMs), 1),
      baseline_count_ms_median: round(median(baselineMs), 1),
      ratio_to_baseline: round(median(tallyMs) / median(baselineMs), 2),
      close_with_digest_ms: round(closeMs, 1),
      target_tally_ms: 200,
    };
  } finally {
    await db.close();
    await tmp.drop();
  }
}
