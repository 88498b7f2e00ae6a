// The owner (or the chief) offers a request to another agent. Nothing changes hands yet:
// the giver stays responsible until the taker accepts (first-contact responsibility).
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem } from '../../../core/http/problem.js';
import { entHandovers } from '../schema.js';
import { ensureAllowed, lockRequest, logRequest, requestFacts, requestScope, whoOf } from './shared.js';
import { requireAgent } from './agents.js';

export async function handOverRequest(ctx: AppContext, actor: UserActor, id: number, input: { toUserId: number; note: string }): Promise<{ handoverId: number }> {
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const r = await lockRequest(tx, tenantId, id);
    ensureAllowed('handover', await requestFacts(tx, r), whoOf(actor, r));
    if (input.toUserId === r.ownerId) throw fieldProblem('toUserId', 'ent.handover.same_owner', {}, 'body', 422);
    const to = await requireAgent(tx, tenantId, input.toUserId, 'toUserId');
    const now = ctx.clock.now();
    const [h] = await tx
      .insert(entHandovers)
      .values({ tenantId, requestId: id, kind: 'handover', fromUserId: r.ownerId, toUserId: to.id, initiatedBy: actor.id, note: input.note, status: 'pending', createdAt: now })
      .returning({ id: entHandovers.id });
    await logRequest(tx, r, now, actor, 'handover_requested', { from: r.ownerId, to: to.displayName, note: input.note });
    await audit(tx, { tenantId, actor, action: 'enterprise.request.handover', subjectType: 'ent_request', subjectId: id, detail: { handoverId: h!.id, fromUserId: r.ownerId, toUserId: to.id, note: input.note } });
    await emit(tx, [{ tenantId, type: 'enterprise.request.handover_requested', subjectType: 'ent_request', subjectId: String(id), scope: requestScope(r, [to.id]), payload: { handoverId: h!.id, fromUserId: r.ownerId, toUserId: to.id } }]);
    return { handoverId: h!.id };
  });
}
