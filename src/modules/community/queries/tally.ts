// Counting a consultation in the database: one scan of its ballots, grouped by choice
// with a grand total (grouping sets), heads counted as distinct head keys. This is what
// the live participation view and the close use, and what `npm run bench -- tally`
// measures on 100,000 units.
import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { Problem } from '../../../core/http/problem.js';
import { ballots } from '../schema.js';
import { CHOICES, zero, type Amount, type Choice, type Counts } from '../domain/tally.js';

export async function tallyCounts(q: Queryable, tenantId: string, consultationId: number, electorate: Amount): Promise<Counts> {
  const rows = await q
    .select({
      choice: ballots.choice,
      units: sql<number>`count(*)::int`,
      heads: sql<number>`count(distinct ${ballots.headKey})::int`,
      area: sql<string>`coalesce(sum(${ballots.area}), 0)::text`,
    })
    .from(ballots)
    .where(and(eq(ballots.tenantId, tenantId), eq(ballots.consultationId, consultationId)))
    .groupBy(sql`grouping sets ((${ballots.choice}), ())`);
  const out: Counts = { electorate, agree: zero(), disagree: zero(), abstain: zero(), participating: zero() };
  for (const r of rows) {
    const a: Amount = { units: Number(r.units), heads: Number(r.heads), areaCents: BigInt(r.area) };
    if (r.choice === null) out.participating = a;
    else if ((CHOICES as readonly string[]).includes(r.choice)) out[r.choice as Choice] = a;
  }
  // one holder, one choice: otherwise a head would count under two choices
  if (out.agree.heads + out.disagree.heads + out.abstain.heads !== out.participating.heads) throw new Problem(409, 'consultation.split_head', { unit: '?' });
  return out;
}

export const electorateOf = (c: { electorateUnits: number | null; electorateHeads: number | null; electorateArea: bigint | null }): Amount => ({
  units: c.electorateUnits ?? 0,
  heads: c.electorateHeads ?? 0,
  areaCents: c.electorateArea ?? 0n,
});
