// A building visit is recorded: who went, when, the enterprises met and what was found.
// The month's plan for that building is fulfilled; each enterprise met gets the visit in
// its lifecycle; a street problem found is reported in the same transaction.
import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem } from '../../../core/http/problem.js';
import { localDate } from '../../../core/calendar/index.js';
import { buildings } from '../../places/index.js';
import { enterprises, entItems, entLifecycle, entVisitEnterprises, entVisitFindings, entVisitPlans, entVisits } from '../schema.js';
import { listAgents } from './agents.js';
import { reportStreetProblemIn, type StreetProblemInput } from './reportStreetProblem.js';

export interface FindingInput {
  kind: 'need' | 'street_problem' | 'other';
  description: string;
  enterpriseId?: number | null;
  itemId?: number | null;
  streetProblem?: Omit<StreetProblemInput, 'description'> & { description?: string };
}

export interface VisitInput {
  buildingId: number;
  visitedAt: Date;
  agentIds: number[];
  enterpriseIds: number[];
  summary: string;
  findings: FindingInput[];
}

export async function recordVisit(ctx: AppContext, actor: UserActor, input: VisitInput): Promise<{ id: number; findingIds: number[] }> {
  const tenantId = actor.tenantId;
  const now = ctx.clock.now();
  if (input.visitedAt > now) throw fieldProblem('visitedAt', 'ent.visit.future', {}, 'body', 422);
  return ctx.db.transaction(async (tx) => {
    const [b] = await tx.select().from(buildings).where(and(eq(buildings.tenantId, tenantId), eq(buildings.id, input.buildingId)));
    if (!b || b.kind === 'residential') throw fieldProblem('buildingId', 'ent.building.not_office', { id: input.buildingId }, 'body', 422);
    const agents = new Set((await listAgents(tx, tenantId)).map((a) => a.id));
    input.agentIds.forEach((id, i) => {
      if (!agents.has(id)) throw fieldProblem(`agentIds.${i}`, 'ent.agent.unknown', { id }, 'body', 422);
    });
    const agentIds = [...new Set([actor.id, ...input.agentIds])];
    const mentioned = [...new Set([...input.enterpriseIds, ...input.findings.map((f) => f.enterpriseId).filter((e): e is number => e != null)])];
    const known = mentioned.length ? await tx.select({ id: enterprises.id }).from(enterprises).where(and(eq(enterprises.tenantId, tenantId), inArray(enterprises.id, mentioned))) : [];
    const knownIds = new Set(known.map((k) => k.id));
    input.enterpriseIds.forEach((id, i) => {
      if (!knownIds.has(id)) throw fieldProblem(`enterpriseIds.${i}`, 'ent.enterprise.unknown', { id }, 'body', 422);
    });
    const itemIds = input.findings.map((f) => f.itemId).filter((x): x is number => x != null);
    const items = new Set(itemIds.length ? (await tx.select({ id: entItems.id }).from(entItems).where(and(eq(entItems.tenantId, tenantId), inArray(entItems.id, itemIds)))).map((r) => r.id) : []);
    input.findings.forEach((f, i) => {
      if (f.enterpriseId != null && !knownIds.has(f.enterpriseId)) throw fieldProblem(`findings.${i}.enterpriseId`, 'ent.enterprise.unknown', { id: f.enterpriseId }, 'body', 422);
      if (f.itemId != null && !items.has(f.itemId)) throw fieldProblem(`findings.${i}.itemId`, 'ent.item.unknown', { id: f.itemId }, 'body', 422);
    });

    const month = localDate(input.visitedAt).slice(0, 7);
    const [plan] = await tx.select().from(entVisitPlans).where(and(eq(entVisitPlans.tenantId, tenantId), eq(entVisitPlans.month, month), eq(entVisitPlans.buildingId, b.id))).for('update');
    const [visit] = await tx.insert(entVisits).values({ tenantId, buildingId: b.id, planId: plan?.id ?? null, visitedAt: input.visitedAt, agentIds, summary: input.summary, recordedBy: actor.id }).returning({ id: entVisits.id });
    const visitId = visit!.id;
    if (plan && plan.status !== 'done') await tx.update(entVisitPlans).set({ status: 'done' }).where(eq(entVisitPlans.id, plan.id));
    if (input.enterpriseIds.length) {
      const met = [...new Set(input.enterpriseIds)];
      await tx.insert(entVisitEnterprises).values(met.map((enterpriseId) => ({ tenantId, visitId, enterpriseId })));
      await tx.insert(entLifecycle).values(met.map((enterpriseId) => ({ tenantId, enterpriseId, at: input.visitedAt, kind: 'visit', refType: 'ent_visit', refId: visitId, note: b.name, byUserId: actor.id })));
    }
    const findingIds: number[] = [];
    for (const [i, f] of input.findings.entries()) {
      const [row] = await tx.insert(entVisitFindings).values({ tenantId, visitId, enterpriseId: f.enterpriseId ?? null, kind: f.kind, description: f.description, itemId: f.itemId ?? null }).returning({ id: entVisitFindings.id });
      findingIds.push(row!.id);
      if (f.kind === 'street_problem') {
        const sp = await reportStreetProblemIn(ctx, tx, actor, { visitId, findingId: row!.id, enterpriseId: f.enterpriseId ?? null, buildingId: b.id }, { ...f.streetProblem, description: f.streetProblem?.description?.trim() || f.description }, `findings.${i}.streetProblem.`);
        await tx.update(entVisitFindings).set({ streetProblemId: sp.id }).where(eq(entVisitFindings.id, row!.id));
      }
    }
    await audit(tx, { tenantId, actor, action: 'enterprise.visit.record', subjectType: 'ent_visit', subjectId: visitId, detail: { buildingId: b.id, visitedAt: input.visitedAt.toISOString(), agentIds, enterprises: input.enterpriseIds.length, findings: input.findings.length } });
    await emit(tx, [{ tenantId, type: 'enterprise.visit.recorded', subjectType: 'ent_visit', subjectId: String(visitId), scope: { buildings: [b.id], roles: ['agent', 'agent_chief'] }, payload: { buildingId: b.id, building: b.name, month, planId: plan?.id ?? null, findings: findingIds.length } }]);
    return { id: visitId, findingIds };
  });
}

