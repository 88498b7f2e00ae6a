// Putting a draft plan to the owners of its building: a consultation linked to the plan
// is drafted and opened in one transaction; its close adopts or rejects the plan.
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import { costPlans } from '../schema.js';
import type { Matter } from '../domain/matters.js';
import type { HeadRule } from '../domain/heads.js';
import { missing } from '../scope.js';
import { stateConflict } from './common.js';
import { createConsultationIn } from './createConsultation.js';
import { openConsultationIn, resolveClosesAt, type OpenInput } from './openConsultation.js';

export async function putPlanToVote(ctx: AppContext, actor: Actor, planId: number, input: OpenInput & { matter: Matter; title?: string; headRule?: HeadRule }): Promise<number> {
  const tenantId = actor.tenantId;
  const closesAt = await resolveClosesAt(ctx, tenantId, input);
  return ctx.db.transaction(async (tx) => {
    const [p] = await tx.select().from(costPlans).where(and(eq(costPlans.tenantId, tenantId), eq(costPlans.id, planId))).for('update');
    if (!p) throw missing('thing.plan', planId);
    if (p.status !== 'draft') throw stateConflict('plan.state', p.status, 'vote_plan');
    const id = await createConsultationIn(tx, actor, { title: input.title ?? `${p.title}（表决）`, description: p.description, matter: input.matter, buildingId: p.buildingId, planId, headRule: input.headRule });
    await openConsultationIn(tx, actor, id, closesAt, ctx.clock.now());
    return id;
  });
}
