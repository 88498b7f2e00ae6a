// A cost-sharing plan as shown to the committee: amounts, the fixed owners, every
// unit's stored share, and the reconciliation to the cent.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { buildings, owners, unitOwners, units } from '../../places/index.js';
import { consultations, costPlans, costPlanShares } from '../schema.js';
import { formatHundredths, parseHundredths } from '../domain/amounts.js';
import { ROUNDING_RULE } from '../domain/costSplit.js';

export type PlanRow = typeof costPlans.$inferSelect;
const yuan = formatHundredths;

export function planSummary(p: PlanRow, buildingName: string) {
  return {
    id: p.id,
    title: p.title,
    buildingId: p.buildingId,
    buildingName,
    status: p.status,
    version: p.version,
    total: yuan(p.total),
    fund: yuan(p.fund),
    property: yuan(p.property),
    formula: p.formula,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export async function planDetail(q: Queryable, p: PlanRow, locale: 'zh' | 'en') {
  const [b] = await q.select({ name: buildings.name }).from(buildings).where(eq(buildings.id, p.buildingId));
  const shares = await q
    .select({ unitId: costPlanShares.unitId, amount: costPlanShares.amount, basis: costPlanShares.basis, ownerId: costPlanShares.ownerId, code: units.code, floor: units.floor, area: units.area })
    .from(costPlanShares)
    .innerJoin(units, eq(units.id, costPlanShares.unitId))
    .where(eq(costPlanShares.planId, p.id))
    .orderBy(asc(units.floor), asc(units.code));
  const ids = shares.map((s) => s.unitId);
  const links = ids.length
    ? await q.select({ unitId: unitOwners.unitId, name: owners.name }).from(unitOwners).innerJoin(owners, eq(owners.id, unitOwners.ownerId)).where(inArray(unitOwners.unitId, ids))
    : [];
  const namesOf = new Map<number, string[]>();
  for (const l of links) namesOf.set(l.unitId, [...(namesOf.get(l.unitId) ?? []), l.name]);
  const fixedIds = p.fixedShares.map((f) => f.ownerId);
  const fixedNames = new Map(fixedIds.length ? (await q.select({ id: owners.id, name: owners.name }).from(owners).where(inArray(owners.id, fixedIds))).map((o) => [o.id, o.name]) : []);
  const sharesTotal = shares.reduce((s, x) => s + x.amount, 0n);
  const fixedTotal = shares.filter((s) => s.basis === 'fixed').reduce((s, x) => s + x.amount, 0n);
  const [vote] = await q.select({ id: consultations.id, status: consultations.status, publicCode: consultations.publicCode }).from(consultations).where(eq(consultations.planId, p.id)).orderBy(desc(consultations.id)).limit(1);
  return {
    ...planSummary(p, b?.name ?? ''),
    description: p.description,
    fixedShares: p.fixedShares.map((f) => ({ ownerId: f.ownerId, ownerName: fixedNames.get(f.ownerId) ?? '', amount: f.amount, note: f.note ?? null, units: shares.filter((s) => s.ownerId === f.ownerId).length })),
    floorWeights: p.floorWeights,
    split: yuan(sharesTotal - fixedTotal),
    sharesTotal: yuan(sharesTotal),
    reconciles: p.fund + p.property + sharesTotal === p.total,
    rounding: ROUNDING_RULE[locale],
    shares: shares.map((s) => ({ unitId: s.unitId, unitCode: s.code, floor: s.floor, area: s.area, owners: namesOf.get(s.unitId) ?? [], amount: yuan(s.amount), basis: s.basis })),
    consultation: vote ?? null,
  };
}

export async function listPlans(q: Queryable, tenantId: string) {
  return q.select().from(costPlans).where(eq(costPlans.tenantId, tenantId)).orderBy(desc(costPlans.updatedAt));
}

/** Owners holding units in a building (to name large owners with a fixed share). */
export async function buildingOwners(q: Queryable, tenantId: string, buildingId: number) {
  const rows = await q
    .select({ id: owners.id, name: owners.name, kind: owners.kind, area: units.area })
    .from(unitOwners)
    .innerJoin(units, eq(units.id, unitOwners.unitId))
    .innerJoin(owners, eq(owners.id, unitOwners.ownerId))
    .where(and(eq(units.tenantId, tenantId), eq(units.buildingId, buildingId)));
  const by = new Map<number, { id: number; name: string; kind: string; units: number; areaCents: bigint }>();
  for (const r of rows) {
    const o = by.get(r.id) ?? { id: r.id, name: r.name, kind: r.kind, units: 0, areaCents: 0n };
    o.units++;
    o.areaCents += parseHundredths(r.area) ?? 0n;
    by.set(r.id, o);
  }
  return [...by.values()].sort((a, b) => b.units - a.units || (a.areaCents > b.areaCents ? -1 : 1)).map((o) => ({ id: o.id, name: o.name, kind: o.kind, units: o.units, area: formatHundredths(o.areaCents) }));
}
