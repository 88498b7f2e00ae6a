// The timer of 月月进楼: makes this month's plan for every tenant when the month begins,
// and marks the buildings of earlier months that were planned but never visited as
// missed. Plans are claimed by unique (tenant, month, building) rows and the misses by
// a conditional UPDATE … RETURNING, so several nodes never do the same thing twice.
import { and, eq, lt } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import { systemActor } from '../../../core/auth/index.js';
import { auditMany } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { localDate } from '../../../core/calendar/index.js';
import { tenants } from '../../../core/db/index.js';
import { entVisitPlans } from '../schema.js';
import { planVisits } from './planVisits.js';

export async function sweepVisitPlans(ctx: AppContext): Promise<number> {
  const month = localDate(ctx.clock.now()).slice(0, 7);
  let handled = 0;
  const rows = await ctx.db.select({ id: tenants.id }).from(tenants);
  for (const { id: tenantId } of rows) handled += (await planVisits(ctx, systemActor(tenantId, 'enterprise.visit_plans'), month)).created;
  handled += await ctx.db.transaction(async (tx) => {
    const missed = await tx
      .update(entVisitPlans)
      .set({ status: 'missed' })
      .where(and(eq(entVisitPlans.status, 'planned'), lt(entVisitPlans.month, month)))
      .returning();
    if (!missed.length) return 0;
    await auditMany(tx, missed.map((p) => ({ tenantId: p.tenantId, actor: systemActor(p.tenantId, 'enterprise.visit_plans'), action: 'enterprise.visit_plan.missed', subjectType: 'ent_visit_plan', subjectId: p.id, detail: { month: p.month, buildingId: p.buildingId } })));
    await emit(tx, missed.map((p) => ({ tenantId: p.tenantId, type: 'enterprise.visit_plan.missed', subjectType: 'ent_visit_plan', subjectId: String(p.id), scope: { roles: ['agent_chief'] }, payload: { month: p.month, buildingId: p.buildingId, agentId: p.agentId } })));
    return missed.length;
  });
  return handled;
}
