// An agent takes a request nobody has yet (one the enterprise submitted online): from
// now on they are its first contact and owner.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { entHandovers, entRequests } from '../schema.js';
import { ensureAllowed, lockRequest, logRequest, requestFacts, requestScope, whoOf } from './shared.js';

export async function claimRequest(ctx: AppContext, actor: UserActor, id: number): Promise<void> {
  const tenantId = actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const r = await lockRequest(tx, tenantId, id);
    ensureAllowed('claim', await requestFacts(tx, r), whoOf(actor, r), r.ownerId != null ? 'ent.request.already_owned' : undefined);
    const now = ctx.clock.now();
    await tx.update(entRequests).set({ ownerId: actor.id, receivedBy: actor.id, receivedAt: now, status: r.status === 'submitted' ? 'accepted' : r.status }).where(eq(entRequests.id, id));
    await tx.insert(entHandovers).values({ tenantId, requestId: id, kind: 'claim', fromUserId: null, toUserId: actor.id, initiatedBy: actor.id, status: 'accepted', createdAt: now, respondedAt: now });
    await logRequest(tx, r, now, actor, 'claimed', { owner: actor.displayName });
    await audit(tx, { tenantId, actor, action: 'enterprise.request.claim', subjectType: 'ent_request', subjectId: id });
    await emit(tx, [{ tenantId, type: 'enterprise.request.claimed', subjectType: 'ent_request', subjectId: String(id), scope: requestScope({ enterpriseId: r.enterpriseId, ownerId: actor.id }), payload: { ownerId: actor.id } }]);
  });
}
