// The elderly register at demo scale (about 9,500 entries): (1) pages of 50 entries for
// a committee worker with every entry audited as read, against the same query without
// the audit rows; (2) replanning every entry after a rule change (database writes),
// against the pure planning in memory. Both measured in the same run.
import { eq } from 'drizzle-orm';
import { openDatabase, migrateDatabase } from '../src/core/db/index.js';
import { loadUserActor, users } from '../src/core/auth/index.js';
import { officialCalendar, WorkingCalendar, localDate } from '../src/core/calendar/index.js';
import { loadDemo } from '../demo/load.js';
import { listRegister, queryRegister } from '../src/modules/people/queries/registerList.js';
import { loadRules, planInputs, writePlans } from '../src/modules/people/commands/replan.js';
import { planFor } from '../src/modules/people/domain/visitPlan.js';
import { round } from './lib.js';

async function perSecond(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  return n / ((performance.now() - t) / 1000);
}

export default async function peopleRegister() {
  const database = await openDatabase({});
  await migrateDatabase(database);
  const t0 = performance.now();
  await loadDemo(database);
  const demoLoadMs = Math.round(performance.now() - t0);
  const db = database.db;
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'committee'));
  const actor = (await loadUserActor(db, u!.id))!;
  const now = new Date();
  const pages = (await queryRegister(db, actor, { page: 1, pageSize: 50 }, now)).total / 50;
  const filter = (i: number) => ({ page: (i % Math.floor(pages)) + 1, pageSize: 50 });

  await perSecond(40, (i) => listRegister(db, actor, filter(i), now)); // warm-up
  // alternate rounds so that neither side profits from running later
  let plain = 0;
  let audited = 0;
  for (let r = 0; r < 6; r++) {
    plain += await perSecond(40, (i) => queryRegister(db, actor, filter(i + r * 40), now));
    audited += await perSecond(40, (i) => listRegister(db, actor, filter(i + r * 40), now));
  }
  plain /= 6;
  audited /= 6;

  const tenantId = actor.tenantId;
  const cal = new WorkingCalendar(officialCalendar());
  const today = localDate(now);
  const rules = await loadRules(db, tenantId);
  const inputs = await planInputs(db, tenantId);
  let t = performance.now();
  for (const s of inputs) planFor(rules, s, today, cal);
  const planMs = performance.now() - t;
  t = performance.now();
  await db.transaction(async (tx) => writePlans(tx, await planInputs(tx, tenantId), rules, today, cal));
  const replanMs = performance.now() - t;
  await database.close();

  return {
    entries: inputs.length,
    demo_load_ms: demoLoadMs,
    audited_pages_per_s: round(audited, 1),
    unaudited_pages_per_s: round(plain, 1),
    ratio_audited_to_unaudited: round(audited / plain),
    replan_all_ms: Math.round(replanMs),
    plan_in_memory_ms: Math.round(planMs),
    ratio_replan_to_in_memory: round(replanMs / planMs, 1),
  };
}
