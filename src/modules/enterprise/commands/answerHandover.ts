// The other side of a hand-over: the taker accepts (and owns the request from now on)
// or declines (the giver keeps it); the initiator, the giver or the chief may withdraw
// an offer nobody has answered. Each answer is on the record with its time and note.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { authorize, users } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem, notFound } from '../../../core/http/problem.js';
import { entHandovers, entRequests } from '../schema.js';
import { isOpen, type RequestStatus } from '../domain/requestRules.js';
import { lockRequest, logRequest, requestScope } from './shared.js';

export type HandoverAnswer = 'accept' | 'decline' | 'withdraw';

export async function answerHandover(ctx: AppContext, actor: UserActor, requestId: number, handoverId: number, answer: HandoverAnswer, note?: string | null): Promise<void> {
  const tenantId = actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const r = await lockRequest(tx, tenantId, requestId);
    const [h] = await tx.select().from(entHandovers).where(and(eq(entHandovers.tenantId, tenantId), eq(entHandovers.requestId, requestId), eq(entHandovers.id, handoverId)));
    if (!h) throw notFound('thing.ent_handover', handoverId);
    authorize(actor, answer === 'withdraw' ? 'enterprise.requests.handover.withdraw' : 'enterprise.requests.handover.answer', h);
    if (h.status !== 'pending') throw new Problem(409, 'ent.handover.answered', { status: { $t: `ent.handover_status.${h.status}` } });
    if (!isOpen(r.status as RequestStatus)) throw new Problem(409, 'ent.request.state', { status: { $t: `ent.status.${r.status}` } }, undefined, { allowedActions: [] });
    const now = ctx.clock.now();
    const status = answer === 'accept' ? 'accepted' : answer === 'decline' ? 'declined' : 'cancelled';
    await tx.update(entHandovers).set({ status, respondedAt: now, responseNote: note ?? null }).where(eq(entHandovers.id, h.id));
    const [to] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, h.toUserId));
    if (answer === 'accept') await tx.update(entRequests).set({ ownerId: h.toUserId }).where(eq(entRequests.id, r.id));
    const kind = answer === 'accept' ? 'handed_over' : answer === 'decline' ? 'handover_declined' : 'handover_withdrawn';
    await logRequest(tx, r, now, actor, kind, { from: h.fromUserId, to: to?.name ?? h.toUserId, note: note ?? null });
    await audit(tx, { tenantId, actor, action: `enterprise.request.handover_${answer}`, subjectType: 'ent_request', subjectId: r.id, detail: { handoverId: h.id, fromUserId: h.fromUserId, toUserId: h.toUserId, note: note ?? null } });
    await emit(tx, [
      {
        tenantId,
        type: `enterprise.request.${kind}`,
        subjectType: 'ent_request',
        subjectId: String(r.id),
        scope: requestScope({ enterpriseId: r.enterpriseId, ownerId: answer === 'accept' ? h.toUserId : r.ownerId }, [h.fromUserId, h.toUserId, h.initiatedBy]),
        payload: { handoverId: h.id, fromUserId: h.fromUserId, toUserId: h.toUserId, ownerId: answer === 'accept' ? h.toUserId : r.ownerId },
      },
    ]);
  });
}
