// 月月进楼: the month's plan puts every office building on the calendar (a working day
// and an agent each). Making it twice changes nothing; buildings added since get their
// place. The chief can move a building to another day or agent.
import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem, notFound } from '../../../core/http/problem.js';
import { localDate } from '../../../core/calendar/index.js';
import { buildings } from '../../places/index.js';
import { entVisitPlans } from '../schema.js';
import { planMonth, workingDaysLeft } from '../domain/visitPlan.js';
import { calendarOf } from './shared.js';
import { listAgents } from './agents.js';

export async function planVisits(ctx: AppContext, actor: Actor, month: string): Promise<{ created: number }> {
  const tenantId = actor.tenantId;
  const cal = await calendarOf(ctx, tenantId);
  const today = localDate(ctx.clock.now());
  if (month < today.slice(0, 7)) throw fieldProblem('month', 'ent.visit.plan_past', { month }, 'params', 422);
  return ctx.db.transaction(async (tx) => {
    const offices = await tx.select({ id: buildings.id }).from(buildings).where(and(eq(buildings.tenantId, tenantId), eq(buildings.kind, 'office'))).orderBy(asc(buildings.code));
    const agents = (await listAgents(tx, tenantId)).filter((a) => !a.chief);
    const plan = planMonth(
      offices.map((b) => b.id),
      agents.map((a) => a.id),
      workingDaysLeft(cal, month, month === today.slice(0, 7) ? today : `${month}-01`),
    );
    if (!plan.length) return { created: 0 };
    const created = await tx
      .insert(entVisitPlans)
      .values(plan.map((p) => ({ tenantId, month, ...p })))
      .onConflictDoNothing()
      .returning({ id: entVisitPlans.id });
    if (created.length) {
      await audit(tx, { tenantId, actor, action: 'enterprise.visit_plan.create', subjectType: 'ent_visit_plan', subjectId: month, detail: { buildings: created.length } });
      await emit(tx, [{ tenantId, type: 'enterprise.visit_plan.created', subjectType: 'ent_visit_plan', subjectId: month, scope: { roles: ['agent', 'agent_chief'] }, payload: { month, buildings: created.length } }]);
    }
    return { created: created.length };
  });
}

export async function reschedulePlan(ctx: AppContext, actor: Actor, id: number, input: { plannedOn?: string; agentId?: number | null }): Promise<void> {
  const tenantId = actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const [p] = await tx.select().from(entVisitPlans).where(and(eq(entVisitPlans.tenantId, tenantId), eq(entVisitPlans.id, id))).for('update');
    if (!p) throw notFound('thing.ent_visit_plan', id);
    if (input.plannedOn && input.plannedOn.slice(0, 7) !== p.month) throw fieldProblem('plannedOn', 'ent.visit.outside_month', { month: p.month }, 'body', 422);
    if (input.agentId != null) {
      const agents = await listAgents(tx, tenantId);
      if (!agents.some((a) => a.id === input.agentId)) throw fieldProblem('agentId', 'ent.agent.unknown', { id: input.agentId }, 'body', 422);
    }
    await tx.update(entVisitPlans).set({ plannedOn: input.plannedOn ?? p.plannedOn, agentId: input.agentId !== undefined ? input.agentId : p.agentId }).where(eq(entVisitPlans.id, id));
    await audit(tx, { tenantId, actor, action: 'enterprise.visit_plan.reschedule', subjectType: 'ent_visit_plan', subjectId: id, detail: { from: { plannedOn: p.plannedOn, agentId: p.agentId }, to: input } });
    await emit(tx, [{ tenantId, type: 'enterprise.visit_plan.changed', subjectType: 'ent_visit_plan', subjectId: String(id), scope: { roles: ['agent', 'agent_chief'] }, payload: { month: p.month, buildingId: p.buildingId } }]);
  });
}
