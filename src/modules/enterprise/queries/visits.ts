// 月月进楼 as read: the month's coverage (each office building, its planned day and
// agent, the visits made, enterprises met, findings), and visits with their findings.
import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { users } from '../../../core/auth/index.js';
import { dayStart } from '../../../core/calendar/index.js';
import { buildings } from '../../places/index.js';
import { enterprises, entItems, entVisitEnterprises, entVisitFindings, entVisitPlans, entVisits } from '../schema.js';
import { daysOfMonth } from '../domain/visitPlan.js';

/** UTC bounds of a local (Asia/Shanghai) month. */
export function monthBounds(month: string): [Date, Date] {
  const days = daysOfMonth(month);
  return [new Date(dayStart(days[0]!)), new Date(dayStart(days.at(-1)!) + 86_400_000)];
}

export interface CoverageRow {
  building: { id: number; code: string; name: string; address: string };
  plan: { id: number; plannedOn: string; agent: { id: number; name: string } | null; status: string } | null;
  visits: number;
  lastVisitAt: string | null;
  enterprisesMet: number;
  findings: number;
  requestsFromFindings: number;
  enterprisesInBuilding: number;
  covered: boolean;
}

export async function monthCoverage(q: Queryable, tenantId: string, month: string): Promise<{ month: string; buildings: number; covered: number; rate: number; rows: CoverageRow[] }> {
  const [from, to] = monthBounds(month);
  const offices = await q.select().from(buildings).where(and(eq(buildings.tenantId, tenantId), eq(buildings.kind, 'office'))).orderBy(asc(buildings.code));
  const plans = await q.select({ p: entVisitPlans, agentName: users.displayName }).from(entVisitPlans).leftJoin(users, eq(users.id, entVisitPlans.agentId)).where(and(eq(entVisitPlans.tenantId, tenantId), eq(entVisitPlans.month, month)));
  const visitStats = await q
    .select({
      buildingId: entVisits.buildingId,
      visits: sql<number>`count(distinct ${entVisits.id})::int`,
      last: sql<Date>`max(${entVisits.visitedAt})`,
      met: sql<number>`count(distinct ${entVisitEnterprises.enterpriseId})::int`,
    })
    .from(entVisits)
    .leftJoin(entVisitEnterprises, eq(entVisitEnterprises.visitId, entVisits.id))
    .where(and(eq(entVisits.tenantId, tenantId), gte(entVisits.visitedAt, from), lt(entVisits.visitedAt, to)))
    .groupBy(entVisits.buildingId);
  const findingStats = await q
    .select({ buildingId: entVisits.buildingId, findings: sql<number>`count(*)::int`, converted: sql<number>`count(${entVisitFindings.requestId})::int` })
    .from(entVisitFindings)
    .innerJoin(entVisits, eq(entVisits.id, entVisitFindings.visitId))
    .where(and(eq(entVisits.tenantId, tenantId), gte(entVisits.visitedAt, from), lt(entVisits.visitedAt, to)))
    .groupBy(entVisits.buildingId);
  const firms = await q.select({ buildingId: enterprises.buildingId, n: sql<number>`count(*)::int` }).from(enterprises).where(and(eq(enterprises.tenantId, tenantId), eq(enterprises.active, true))).groupBy(enterprises.buildingId);
  const planBy = new Map(plans.map((p) => [p.p.buildingId, p]));
  const visitBy = new Map(visitStats.map((v) => [v.buildingId, v]));
  const findBy = new Map(findingStats.map((f) => [f.buildingId, f]));
  const firmsBy = new Map(firms.map((f) => [f.buildingId, Number(f.n)]));
  const rows: CoverageRow[] = offices.map((b) => {
    const p = planBy.get(b.id);
    const v = visitBy.get(b.id);
    const f = findBy.get(b.id);
    return {
      building: { id: b.id, code: b.code, name: b.name, address: b.address },
      plan: p ? { id: p.p.id, plannedOn: p.p.plannedOn, agent: p.p.agentId ? { id: p.p.agentId, name: p.agentName ?? '' } : null, status: p.p.status } : null,
      visits: Number(v?.visits ?? 0),
      lastVisitAt: v?.last ? new Date(v.last).toISOString() : null,
      enterprisesMet: Number(v?.met ?? 0),
      findings: Number(f?.findings ?? 0),
      requestsFromFindings: Number(f?.converted ?? 0),
      enterprisesInBuilding: firmsBy.get(b.id) ?? 0,
      covered: Number(v?.visits ?? 0) > 0,
    };
  });
  const covered = rows.filter((r) => r.covered).length;
  return { month, buildings: rows.length, covered, rate: rows.length ? covered / rows.length : 0, rows };
}

export async function listVisits(q: Queryable, tenantId: string, f: { month?: string; buildingId?: number; limit?: number }) {
  const conds = [eq(entVisits.tenantId, tenantId)];
  if (f.month) {
    const [from, to] = monthBounds(f.month);
    conds.push(gte(entVisits.visitedAt, from), lt(entVisits.visitedAt, to));
  }
  if (f.buildingId) conds.push(eq(entVisits.buildingId, f.buildingId));
  const rows = await q
    .select({ v: entVisits, buildingName: buildings.name })
    .from(entVisits)
    .innerJoin(buildings, eq(buildings.id, entVisits.buildingId))
    .where(and(...conds))
    .orderBy(desc(entVisits.visitedAt), desc(entVisits.id))
    .limit(f.limit ?? 200);
  return presentVisits(q, rows);
}

export async function visitDetail(q: Queryable, tenantId: string, id: number) {
  const rows = await q.select({ v: entVisits, buildingName: buildings.name }).from(entVisits).innerJoin(buildings, eq(buildings.id, entVisits.buildingId)).where(and(eq(entVisits.tenantId, tenantId), eq(entVisits.id, id)));
  return (await presentVisits(q, rows))[0] ?? null;
}

async function presentVisits(q: Queryable, rows: { v: typeof entVisits.$inferSelect; buildingName: string }[]) {
  const ids = rows.map((r) => r.v.id);
  if (!ids.length) return [];
  const agentIds = [...new Set(rows.flatMap((r) => r.v.agentIds))];
  const [people, met, findings] = await Promise.all([
    agentIds.length ? q.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, agentIds)) : [],
    q.select({ visitId: entVisitEnterprises.visitId, id: enterprises.id, name: enterprises.name }).from(entVisitEnterprises).innerJoin(enterprises, eq(enterprises.id, entVisitEnterprises.enterpriseId)).where(inArray(entVisitEnterprises.visitId, ids)),
    q
      .select({ f: entVisitFindings, enterpriseName: enterprises.name, itemName: entItems.name })
      .from(entVisitFindings)
      .leftJoin(enterprises, eq(enterprises.id, entVisitFindings.enterpriseId))
      .leftJoin(entItems, eq(entItems.id, entVisitFindings.itemId))
      .where(inArray(entVisitFindings.visitId, ids))
      .orderBy(asc(entVisitFindings.id)),
  ]);
  const name = new Map(people.map((p) => [p.id, p.name]));
  return rows.map(({ v, buildingName }) => ({
    id: v.id,
    building: { id: v.buildingId, name: buildingName },
    visitedAt: v.visitedAt.toISOString(),
    agents: v.agentIds.map((a) => ({ id: a, name: name.get(a) ?? '' })),
    summary: v.summary,
    enterprises: met.filter((m) => m.visitId === v.id).map((m) => ({ id: m.id, name: m.name })),
    findings: findings
      .filter((f) => f.f.visitId === v.id)
      .map(({ f, enterpriseName, itemName }) => ({ id: f.id, kind: f.kind, description: f.description, enterprise: f.enterpriseId ? { id: f.enterpriseId, name: enterpriseName ?? '' } : null, item: f.itemId ? { id: f.itemId, name: itemName ?? '' } : null, requestId: f.requestId, streetProblemId: f.streetProblemId })),
  }));
}
