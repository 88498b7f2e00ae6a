// A household acknowledging the published version of a convention.
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem, Problem } from '../../../core/http/problem.js';
import { unitOwners } from '../../places/index.js';
import { conventionAcks, conventionVersions } from '../schema.js';
import { ownerIdsOf } from '../queries/owner.js';
import { userIdOf } from './common.js';
import { authorizeAll, conventionSubjects, householdIds, loadConvention, scopeOfConvention } from './conventionScope.js';

/** A household acknowledges the published version: online by its owner, or on paper
 * recorded by a committee member. Acknowledging again is harmless. */
export async function acknowledge(ctx: AppContext, actor: Actor, id: number, unitId: number, channel: 'online' | 'paper'): Promise<{ version: number; already: boolean }> {
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const c = await loadConvention(tx, tenantId, id);
    const [published] = await tx.select().from(conventionVersions).where(and(eq(conventionVersions.conventionId, id), eq(conventionVersions.status, 'published')));
    if (!published) throw new Problem(409, 'convention.no_published');
    const households = await householdIds(tx, c);
    if (!households.includes(unitId)) throw fieldProblem('unitId', 'convention.not_household', { unit: unitId }, 'body', 422);
    let ownerId: number | null = null;
    if (channel === 'paper') authorizeAll(actor, 'community.manage', await conventionSubjects(tx, c));
    else {
      const mine = await ownerIdsOf(tx, actor);
      const holders = mine.length ? await tx.select({ ownerId: unitOwners.ownerId }).from(unitOwners).where(and(eq(unitOwners.unitId, unitId), inArray(unitOwners.ownerId, mine))) : [];
      if (holders.length === 0) throw new Problem(403, 'convention.not_owner');
      ownerId = holders[0]!.ownerId;
    }
    const inserted = await tx
      .insert(conventionAcks)
      .values({ tenantId, versionId: published.id, unitId, channel, ownerId, recordedBy: userIdOf(actor)!, at: ctx.clock.now() })
      .onConflictDoNothing()
      .returning({ unitId: conventionAcks.unitId });
    if (inserted.length) {
      await audit(tx, { tenantId, actor, action: 'community.convention.acknowledge', subjectType: 'convention', subjectId: id, detail: { version: published.version, unitId, channel, ownerId } });
      await emit(tx, [{ tenantId, type: 'community.convention.acknowledged', subjectType: 'convention', subjectId: String(id), scope: scopeOfConvention(c), payload: { id, version: published.version } }]);
    }
    return { version: published.version, already: inserted.length === 0 };
  });
}
