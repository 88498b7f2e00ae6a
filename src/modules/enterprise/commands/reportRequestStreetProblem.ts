// A request reveals a street problem: recorded against the request, at the enterprise's
// building unless the agent gives the exact point.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { enterprises } from '../schema.js';
import { requestCode } from '../domain/requestCode.js';
import { ensureAllowed, lockRequest, logRequest, requestFacts, whoOf } from './shared.js';
import { reportStreetProblemIn, type StreetProblemInput } from './reportStreetProblem.js';

export async function reportRequestStreetProblem(ctx: AppContext, actor: UserActor, id: number, input: StreetProblemInput): Promise<{ id: number }> {
  return ctx.db.transaction(async (tx) => {
    const r = await lockRequest(tx, actor.tenantId, id);
    ensureAllowed('report_street_problem', await requestFacts(tx, r), whoOf(actor, r));
    const [ent] = await tx.select({ buildingId: enterprises.buildingId }).from(enterprises).where(eq(enterprises.id, r.enterpriseId));
    const out = await reportStreetProblemIn(ctx, tx, actor, { requestId: r.id, requestCode: requestCode(r.createdAt, r.id), enterpriseId: r.enterpriseId, buildingId: ent?.buildingId ?? null }, input);
    await logRequest(tx, r, ctx.clock.now(), actor, 'street_problem', { problemId: out.id, description: input.description, categoryHint: input.categoryHint ?? null });
    return out;
  });
}
