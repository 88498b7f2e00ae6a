// A need found on a visit becomes a request (channel 'visit'): the agent who turns it
// into one is its first contact. A finding becomes at most one request.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { Problem, fieldProblem, notFound } from '../../../core/http/problem.js';
import { entVisitFindings } from '../schema.js';
import { createRequestIn } from './createRequest.js';
import { calendarOf } from './shared.js';

export async function convertFinding(ctx: AppContext, actor: UserActor, findingId: number, input: { itemId?: number | null; enterpriseId?: number | null; description?: string | null }): Promise<{ id: number; code: string }> {
  const tenantId = actor.tenantId;
  const cal = await calendarOf(ctx, tenantId);
  return ctx.db.transaction(async (tx) => {
    const [f] = await tx.select().from(entVisitFindings).where(and(eq(entVisitFindings.tenantId, tenantId), eq(entVisitFindings.id, findingId))).for('update');
    if (!f) throw notFound('thing.ent_finding', findingId);
    if (f.requestId) throw new Problem(409, 'ent.finding.converted', { id: f.requestId }, undefined, { requestId: f.requestId });
    if (f.kind === 'street_problem') throw new Problem(409, 'ent.finding.street_problem');
    const enterpriseId = input.enterpriseId ?? f.enterpriseId;
    const itemId = input.itemId ?? f.itemId;
    if (enterpriseId == null) throw fieldProblem('enterpriseId', 'ent.finding.enterprise_required', {}, 'body', 422);
    if (itemId == null) throw fieldProblem('itemId', 'ent.finding.item_required', {}, 'body', 422);
    const out = await createRequestIn(ctx, tx, cal, actor, { enterpriseId, itemId, channel: 'visit', description: input.description?.trim() || f.description, visitId: f.visitId, findingId: f.id });
    await tx.update(entVisitFindings).set({ requestId: out.id, enterpriseId, itemId }).where(eq(entVisitFindings.id, f.id));
    return out;
  });
}
