// Closing a vote at (or after) its deadline: the result is counted from the ballots,
// frozen with a digest of what it was counted from, and published (totals only). A plan
// put to this vote is adopted or rejected with it. The sweep closes due votes by itself;
// the row lock and the status check make each close happen exactly once across nodes.
import { createHash } from 'node:crypto';
import { and, asc, eq, lte } from 'drizzle-orm';
import { authorize, systemActor, type Actor } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import type { Queryable } from '../../../core/db/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem } from '../../../core/http/problem.js';
import { ballots, consultationElectors, consultations, costPlans } from '../schema.js';
import { countsJson, decide, type Counts, type Decision } from '../domain/tally.js';
import { ruleFor, type Matter } from '../domain/matters.js';
import { electorateOf, tallyCounts } from '../queries/tally.js';
import { loadConsultation, type ConsultationRow } from './loadConsultation.js';
import { stateConflict } from './common.js';
import { scopeOf } from './createConsultation.js';

export interface StoredResult {
  counts: ReturnType<typeof countsJson>;
  decision: Decision;
  closedAt: string;
  ballotsDigest: string;
}

export const resultJson = (counts: Counts, decision: Decision, closedAt: Date, digest: string): StoredResult => ({ counts: countsJson(counts), decision, closedAt: closedAt.toISOString(), ballotsDigest: digest });

/** SHA-256 over the frozen electorate and the ballots, one canonical line per unit:
 * `unit:area:head:choice` (choice "-" when the unit did not vote). */
export async function ballotsDigest(q: Queryable, consultationId: number): Promise<{ digest: string; electors: { unitId: number; areaCents: bigint; headKey: number }[]; ballots: { unitId: number; choice: string }[] }> {
  const es = await q
    .select({ unitId: consultationElectors.unitId, area: consultationElectors.area, headKey: consultationElectors.headKey })
    .from(consultationElectors)
    .where(eq(consultationElectors.consultationId, consultationId))
    .orderBy(asc(consultationElectors.unitId));
  const bs = await q.select({ unitId: ballots.unitId, choice: ballots.choice }).from(ballots).where(eq(ballots.consultationId, consultationId)).orderBy(asc(ballots.unitId));
  const choiceOf = new Map(bs.map((b) => [b.unitId, b.choice]));
  const h = createHash('sha256');
  for (const e of es) h.update(`${e.unitId}:${e.area}:${e.headKey}:${choiceOf.get(e.unitId) ?? '-'}\n`);
  return { digest: h.digest('hex'), electors: es.map((e) => ({ unitId: e.unitId, areaCents: e.area, headKey: e.headKey })), ballots: bs };
}

/** Counts, decides and stores the result of an open consultation (inside the caller's
 * transaction, with the consultation row locked). */
export async function finaliseResult(tx: Queryable, c: ConsultationRow, now: Date): Promise<StoredResult> {
  const counts = await tallyCounts(tx, c.tenantId, c.id, electorateOf(c));
  const decision = decide(counts, ruleFor(c.matter as Matter));
  const { digest } = await ballotsDigest(tx, c.id);
  const result = resultJson(counts, decision, now, digest);
  await tx.update(consultations).set({ status: 'closed', closedAt: now, result, ballotsDigest: digest }).where(eq(consultations.id, c.id));
  return result;
}

export async function closeConsultation(ctx: AppContext, actor: Actor, id: number, opts: { sweep?: boolean } = {}): Promise<StoredResult | null> {
  const tenantId = actor.tenantId;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { c, subject } = await loadConsultation(tx, tenantId, id, 'update');
    if (!opts.sweep) authorize(actor, 'community.manage', subject);
    if (c.status !== 'open') {
      if (opts.sweep) return null;
      throw stateConflict('consultation.state', c.status, 'close');
    }
    if (c.closesAt && now < c.closesAt) throw new Problem(409, 'consultation.not_due', { closesAt: c.closesAt.toISOString() }, undefined, { status: 'open', allowed: [] });
    const result = await finaliseResult(tx, c, now);
    const decision = result.decision;
    if (c.planId) await tx.update(costPlans).set({ status: decision.passed ? 'adopted' : 'rejected', updatedAt: now }).where(and(eq(costPlans.id, c.planId), eq(costPlans.status, 'voting')));
    await audit(tx, { tenantId, actor, action: 'community.consultation.close', subjectType: 'consultation', subjectId: id, detail: { passed: decision.passed, digest: result.ballotsDigest, participating: result.counts.participating, agree: result.counts.agree } });
    await emit(tx, [{ tenantId, type: 'community.consultation.closed', subjectType: 'consultation', subjectId: String(id), scope: { ...scopeOf(subject), public: true }, payload: { id, passed: decision.passed } }]);
    return result;
  });
}

/** The sweep: close every open vote whose deadline has passed. */
export async function closeDueConsultations(ctx: AppContext): Promise<number> {
  const due = await ctx.db
    .select({ id: consultations.id, tenantId: consultations.tenantId })
    .from(consultations)
    .where(and(eq(consultations.status, 'open'), lte(consultations.closesAt, ctx.clock.now())))
    .limit(50);
  let n = 0;
  for (const d of due) if (await closeConsultation(ctx, systemActor(d.tenantId, 'community.close_due'), d.id, { sweep: true })) n++;
  return n;
}
