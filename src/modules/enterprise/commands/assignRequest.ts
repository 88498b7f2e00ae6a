// The chief agent gives a request nobody has yet to a frontline agent, who owns it from
// then on. The record names both: the chief who gave it and the agent who took it.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { entHandovers, entRequests } from '../schema.js';
import { ensureAllowed, lockRequest, logRequest, requestFacts, requestScope, whoOf } from './shared.js';
import { requireAgent } from './agents.js';

export async function assignRequest(ctx: AppContext, actor: UserActor, id: number, input: { agentId: number; note?: string | null }): Promise<void> {
  const tenantId = actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const r = await lockRequest(tx, tenantId, id);
    ensureAllowed('assign', await requestFacts(tx, r), whoOf(actor, r), r.ownerId != null ? 'ent.request.already_owned' : undefined);
    const agent = await requireAgent(tx, tenantId, input.agentId, 'agentId');
    const now = ctx.clock.now();
    await tx.update(entRequests).set({ ownerId: agent.id, receivedBy: agent.id, receivedAt: now, status: r.status === 'submitted' ? 'accepted' : r.status }).where(eq(entRequests.id, id));
    await tx.insert(entHandovers).values({ tenantId, requestId: id, kind: 'assign', fromUserId: actor.id, toUserId: agent.id, initiatedBy: actor.id, note: input.note ?? null, status: 'accepted', createdAt: now, respondedAt: now });
    await logRequest(tx, r, now, actor, 'assigned', { by: actor.displayName, owner: agent.displayName });
    await audit(tx, { tenantId, actor, action: 'enterprise.request.assign', subjectType: 'ent_request', subjectId: id, detail: { agentId: agent.id } });
    await emit(tx, [{ tenantId, type: 'enterprise.request.assigned', subjectType: 'ent_request', subjectId: String(id), scope: requestScope({ enterpriseId: r.enterpriseId, ownerId: agent.id }), payload: { ownerId: agent.id, by: actor.id } }]);
  });
}
