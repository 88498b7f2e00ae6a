// The requesting enterprise rates the service once it is completed: 1–5 and a comment.
// Nobody else may rate it, and it is rated once.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { entRequests } from '../schema.js';
import { ensureAllowed, lockRequest, logRequest, requestFacts, requestScope, whoOf } from './shared.js';

export async function rateRequest(ctx: AppContext, actor: UserActor, id: number, input: { score: number; comment?: string | null }): Promise<void> {
  const tenantId = actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const r = await lockRequest(tx, tenantId, id);
    authorize(actor, 'enterprise.requests.rate', r);
    const facts = await requestFacts(tx, r);
    ensureAllowed('rate', facts, whoOf(actor, r), facts.rated ? 'ent.request.already_rated' : 'ent.request.not_completed');
    const now = ctx.clock.now();
    const comment = input.comment?.trim() || null;
    await tx.update(entRequests).set({ ratingScore: input.score, ratingComment: comment, ratedAt: now, ratedBy: actor.id }).where(eq(entRequests.id, id));
    await logRequest(tx, r, now, actor, 'rated', { score: input.score, comment });
    await audit(tx, { tenantId, actor, action: 'enterprise.request.rate', subjectType: 'ent_request', subjectId: id, detail: { score: input.score, comment } });
    await emit(tx, [{ tenantId, type: 'enterprise.request.rated', subjectType: 'ent_request', subjectId: String(id), scope: requestScope(r), payload: { score: input.score, ownerId: r.ownerId } }]);
  });
}
