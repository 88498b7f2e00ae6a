// A request is withdrawn by its enterprise or cancelled by the responsible agent (the
// enterprise no longer needs it, a duplicate), always with a reason.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { entHandovers, entRequests } from '../schema.js';
import { ensureAllowed, lockRequest, logRequest, requestFacts, requestScope, whoOf } from './shared.js';

export async function cancelRequest(ctx: AppContext, actor: UserActor, id: number, input: { reason: string }): Promise<void> {
  const tenantId = actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const r = await lockRequest(tx, tenantId, id);
    authorize(actor, 'enterprise.requests.cancel', r);
    ensureAllowed('cancel', await requestFacts(tx, r), whoOf(actor, r));
    const now = ctx.clock.now();
    await tx.update(entRequests).set({ status: 'cancelled', cancelledAt: now, cancelReason: input.reason }).where(eq(entRequests.id, id));
    // an open offer to hand it over has nothing left to hand over
    await tx.update(entHandovers).set({ status: 'cancelled', respondedAt: now, responseNote: input.reason }).where(and(eq(entHandovers.requestId, id), eq(entHandovers.status, 'pending')));
    await logRequest(tx, r, now, actor, 'cancelled', { reason: input.reason });
    await audit(tx, { tenantId, actor, action: 'enterprise.request.cancel', subjectType: 'ent_request', subjectId: id, detail: { reason: input.reason } });
    await emit(tx, [{ tenantId, type: 'enterprise.request.cancelled', subjectType: 'ent_request', subjectId: String(id), scope: requestScope(r), payload: { reason: input.reason } }]);
  });
}
