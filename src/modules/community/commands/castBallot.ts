// One ballot per unit: agree, disagree or abstain, changeable until the close and refused
// after it. Online ballots come from a registered owner of the unit (as frozen when the
// vote opened); paper ballots are recorded by a committee member with the paper's
// reference. Under the per-holder head rule one ballot speaks for all the holder's units
// in the consultation (one person, one choice), so they are written together.
// Every ballot written is audited, with the choice it replaced.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { authorize, type Actor } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import { auditMany } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem, Problem } from '../../../core/http/problem.js';
import { ownerIdsOf } from '../queries/owner.js';
import { ballots, consultationElectors } from '../schema.js';
import type { Choice } from '../domain/tally.js';
import { loadConsultation } from './loadConsultation.js';
import { stateConflict, userIdOf } from './common.js';
import { scopeOf } from './createConsultation.js';

export interface BallotInput {
  unitId: number;
  choice: Choice;
  channel: 'online' | 'paper';
  paperRef?: string;
}

export interface BallotWritten {
  units: { unitId: number; unitCode: string; previous: Choice | null }[];
  choice: Choice;
  castAt: string;
}

export async function castBallot(ctx: AppContext, actor: Actor, consultationId: number, input: BallotInput): Promise<BallotWritten> {
  const tenantId = actor.tenantId;
  if (input.channel === 'paper' && !input.paperRef?.trim()) throw fieldProblem('paperRef', 'ballot.paper_ref_required');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // share lock: ballots run side by side; the close takes the row exclusively
    const { c, subject } = await loadConsultation(tx, tenantId, consultationId, 'share');
    if (input.channel === 'paper') authorize(actor, 'community.manage', subject);
    else authorize(actor, 'community.vote');
    if (c.status === 'closed' || (c.status === 'open' && c.closesAt && now >= c.closesAt)) {
      throw new Problem(409, 'consultation.closed', { closesAt: c.closesAt?.toISOString() ?? '' }, undefined, { status: 'closed', allowed: [] });
    }
    if (c.status !== 'open') throw stateConflict('consultation.state', c.status, 'vote');

    const [elector] = await tx
      .select()
      .from(consultationElectors)
      .where(and(eq(consultationElectors.consultationId, consultationId), eq(consultationElectors.unitId, input.unitId)));
    if (!elector) throw fieldProblem('unitId', 'ballot.unit_outside', { unit: input.unitId }, 'body', 422);

    let ownerId: number | null = null;
    if (input.channel === 'online') {
      const mine = await ownerIdsOf(tx, actor);
      ownerId = mine.find((o) => elector.ownerIds.includes(o)) ?? null;
      if (ownerId === null) throw new Problem(403, 'ballot.not_owner', {}, undefined, { unitId: input.unitId });
    }

    const covered =
      c.headRule === 'per_holder'
        ? await tx
            .select()
            .from(consultationElectors)
            .where(and(eq(consultationElectors.consultationId, consultationId), eq(consultationElectors.headKey, elector.headKey)))
            .orderBy(asc(consultationElectors.unitId))
        : [elector];
    const ids = covered.map((e) => e.unitId);
    const before = await tx
      .select({ unitId: ballots.unitId, choice: ballots.choice })
      .from(ballots)
      .where(and(eq(ballots.consultationId, consultationId), inArray(ballots.unitId, ids)))
      .for('update');
    const prev = new Map(before.map((b) => [b.unitId, b.choice as Choice]));
    const castBy = userIdOf(actor)!;
    await tx
      .insert(ballots)
      .values(covered.map((e) => ({ tenantId, consultationId, unitId: e.unitId, headKey: e.headKey, area: e.area, choice: input.choice, channel: input.channel, paperRef: input.paperRef?.trim() || null, ownerId, castBy, castAt: now })))
      .onConflictDoUpdate({
        target: [ballots.consultationId, ballots.unitId],
        set: { choice: input.choice, channel: input.channel, paperRef: input.paperRef?.trim() || null, ownerId, castBy, castAt: now, revision: sql`${ballots.revision} + 1` },
      });
    await auditMany(
      tx,
      covered.map((e) => ({
        tenantId,
        actor,
        action: prev.has(e.unitId) ? 'community.ballot.change' : 'community.ballot.cast',
        subjectType: 'consultation',
        subjectId: consultationId,
        detail: { unitId: e.unitId, unitCode: e.unitCode, choice: input.choice, previous: prev.get(e.unitId) ?? null, channel: input.channel, paperRef: input.paperRef ?? null, ownerId },
      })),
    );
    // the event says that participation moved, never how anyone voted
    await emit(tx, [{ tenantId, type: 'community.ballot.cast', subjectType: 'consultation', subjectId: String(consultationId), scope: scopeOf(subject), payload: { consultationId, units: covered.length } }]);
    return { units: covered.map((e) => ({ unitId: e.unitId, unitCode: e.unitCode, previous: prev.get(e.unitId) ?? null })), choice: input.choice, castAt: now.toISOString() };
  });
}
