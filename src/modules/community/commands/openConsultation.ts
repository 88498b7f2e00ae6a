// Opening the vote freezes the electorate from the unit register: every exclusive unit
// in scope with its registered area (hundredths of m²), its owners and its head key.
// Later changes to the register do not move an open vote.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { authorize, type Actor } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem, Problem } from '../../../core/http/problem.js';
import { CALENDAR_SERVICE, type CalendarService } from '../../../core/calendar/index.js';
import type { Tx } from '../../../core/db/index.js';
import { buildings, unitOwners, units } from '../../places/index.js';
import { consultationElectors, consultations, costPlans } from '../schema.js';
import { assignHeads, type HeadRule } from '../domain/heads.js';
import { parseHundredths } from '../domain/amounts.js';
import { loadConsultation } from './loadConsultation.js';
import { stateConflict } from './common.js';
import { scopeOf } from './createConsultation.js';

export interface OpenInput {
  closesAt?: string;
  /** close at the end of the N-th working day (Chinese working calendar) */
  workingDays?: number;
}

/** The deadline: the end of the N-th working day, or the time given; never in the past. */
export async function resolveClosesAt(ctx: AppContext, tenantId: string, input: OpenInput): Promise<Date> {
  const now = ctx.clock.now();
  let closesAt: Date;
  if (input.workingDays) closesAt = (await (ctx.services.get(CALENDAR_SERVICE) as CalendarService).forTenant(tenantId)).addWorkingDays(now, input.workingDays);
  else if (input.closesAt) closesAt = new Date(input.closesAt);
  else throw fieldProblem('closesAt', 'consultation.closes_needed');
  if (!(closesAt.getTime() > now.getTime())) throw fieldProblem(input.workingDays ? 'workingDays' : 'closesAt', 'consultation.closes_in_past', {}, 'body', 422);
  return closesAt;
}

export async function openConsultation(ctx: AppContext, actor: Actor, id: number, input: OpenInput): Promise<void> {
  const closesAt = await resolveClosesAt(ctx, actor.tenantId, input);
  await ctx.db.transaction((tx) => openConsultationIn(tx, actor, id, closesAt, ctx.clock.now()));
}

export async function openConsultationIn(tx: Tx, actor: Actor, id: number, closesAt: Date, now: Date): Promise<void> {
  const tenantId = actor.tenantId;
  const { c, subject } = await loadConsultation(tx, tenantId, id, 'update');
  authorize(actor, 'community.manage', subject);
  if (c.status !== 'draft') throw stateConflict('consultation.state', c.status, 'open', c.status === 'open' ? ['close'] : []);
  const totals = await freezeElectorate(tx, tenantId, id, { buildingId: c.buildingId, areaId: c.areaId }, c.headRule as HeadRule);
  if (totals.units === 0) throw new Problem(422, 'consultation.empty_electorate');
  await tx
    .update(consultations)
    .set({ status: 'open', openedAt: now, closesAt, electorateUnits: totals.units, electorateHeads: totals.heads, electorateArea: totals.areaCents })
    .where(eq(consultations.id, id));
  if (c.planId) await tx.update(costPlans).set({ status: 'voting', updatedAt: now }).where(and(eq(costPlans.id, c.planId), eq(costPlans.status, 'draft')));
  await audit(tx, { tenantId, actor, action: 'community.consultation.open', subjectType: 'consultation', subjectId: id, detail: { closesAt: closesAt.toISOString(), units: totals.units, heads: totals.heads, areaCents: String(totals.areaCents) } });
  await emit(tx, [{ tenantId, type: 'community.consultation.opened', subjectType: 'consultation', subjectId: String(id), scope: scopeOf(subject), payload: { id, closesAt: closesAt.toISOString() } }]);
}

export async function freezeElectorate(tx: Tx, tenantId: string, consultationId: number, scope: { buildingId: number | null; areaId: number | null }, rule: HeadRule): Promise<{ units: number; heads: number; areaCents: bigint }> {
  const buildingIds = scope.buildingId
    ? [scope.buildingId]
    : (await tx.select({ id: buildings.id }).from(buildings).where(and(eq(buildings.tenantId, tenantId), eq(buildings.areaId, scope.areaId!)))).map((b) => b.id);
  if (buildingIds.length === 0) return { units: 0, heads: 0, areaCents: 0n };
  const us = await tx
    .select({ id: units.id, buildingId: units.buildingId, code: units.code, floor: units.floor, area: units.area })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), inArray(units.buildingId, buildingIds)))
    .orderBy(asc(units.id));
  const links = await tx
    .select({ unitId: unitOwners.unitId, ownerId: unitOwners.ownerId })
    .from(unitOwners)
    .innerJoin(units, eq(units.id, unitOwners.unitId))
    .where(and(eq(unitOwners.tenantId, tenantId), inArray(units.buildingId, buildingIds)));
  const ownersOf = new Map<number, number[]>();
  for (const l of links) ownersOf.set(l.unitId, [...(ownersOf.get(l.unitId) ?? []), l.ownerId]);
  const holdings = us.map((u) => ({ unitId: u.id, ownerIds: (ownersOf.get(u.id) ?? []).sort((a, b) => a - b) }));
  const heads = assignHeads(holdings, rule);
  const rows = us.map((u, i) => ({ tenantId, consultationId, unitId: u.id, buildingId: u.buildingId, unitCode: u.code, floor: u.floor, area: parseHundredths(u.area)!, headKey: heads.get(u.id)!, ownerIds: holdings[i]!.ownerIds }));
  for (let i = 0; i < rows.length; i += 2000) await tx.insert(consultationElectors).values(rows.slice(i, i + 2000));
  return { units: rows.length, heads: new Set(heads.values()).size, areaCents: rows.reduce((s, r) => s + r.area, 0n) };
}
