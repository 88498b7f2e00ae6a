// The errand is finished (every step done or skipped): the request is completed, on
// time or not against its limit, and the service goes into the enterprise's lifecycle.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { entHandovers, entItems, entLifecycle, entRequests } from '../schema.js';
import { requestCode } from '../domain/requestCode.js';
import { lockForWork, logRequest, requestScope } from './shared.js';

export async function completeRequest(ctx: AppContext, actor: UserActor, id: number, input: { note?: string | null }): Promise<{ onTime: boolean }> {
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const { r } = await lockForWork(tx, actor, id, 'complete', (facts) => (facts.openSteps > 0 && facts.status !== 'completed' ? 'ent.request.steps_open' : undefined));
    const now = ctx.clock.now();
    const onTime = now <= r.dueAt;
    await tx.update(entRequests).set({ status: 'completed', completedAt: now, completionNote: input.note ?? null }).where(eq(entRequests.id, id));
    // an offer to hand it over has nothing left to hand over
    await tx.update(entHandovers).set({ status: 'cancelled', respondedAt: now, responseNote: input.note ?? null }).where(and(eq(entHandovers.requestId, id), eq(entHandovers.status, 'pending')));
    const [item] = await tx.select({ name: entItems.name }).from(entItems).where(eq(entItems.id, r.itemId));
    await tx.insert(entLifecycle).values({ tenantId, enterpriseId: r.enterpriseId, at: now, kind: 'service', refType: 'ent_request', refId: id, note: item?.name ?? null, byUserId: actor.id });
    await logRequest(tx, r, now, actor, 'completed', { onTime, note: input.note ?? null });
    await audit(tx, { tenantId, actor, action: 'enterprise.request.complete', subjectType: 'ent_request', subjectId: id, detail: { onTime, note: input.note ?? null } });
    await emit(tx, [{ tenantId, type: 'enterprise.request.completed', subjectType: 'ent_request', subjectId: String(id), scope: requestScope(r), payload: { code: requestCode(r.createdAt, id), onTime, dueAt: r.dueAt.toISOString() } }]);
    return { onTime };
  });
}
