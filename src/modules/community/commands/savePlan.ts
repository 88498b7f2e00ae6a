// Drafting a cost-sharing plan (出资方案) for a building: the amounts, the formula, and
// each unit's share computed from the unit register and stored with the plan, so the
// plan shown (and voted on) is the plan that was computed. Only drafts change; edits
// carry the version they were made on.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { authorize, type Actor } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import type { Tx } from '../../../core/db/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem, Problem } from '../../../core/http/problem.js';
import { unitOwners, units } from '../../places/index.js';
import { costPlans, costPlanShares } from '../schema.js';
import { formatHundredths, parseHundredths } from '../domain/amounts.js';
import { splitCost, type Formula, type PlanInput, type SplitUnit } from '../domain/costSplit.js';
import { buildingPlace, missing } from '../scope.js';
import { stateConflict, userIdOf } from './common.js';
import { scopeOf } from './createConsultation.js';

export interface PlanBody {
  title: string;
  description?: string;
  buildingId: number;
  /** yuan, e.g. "1860000.00" */
  total: string;
  fund: string;
  property: string;
  fixedShares: { ownerId: number; amount: string; note?: string }[];
  formula: Formula;
  floorWeights: { from: number; to: number; weight: string }[];
}

function money(v: string, field: string): bigint {
  const c = parseHundredths(v);
  if (c === null) throw fieldProblem(field, 'plan.bad_money');
  return c;
}

export function planInput(b: Omit<PlanBody, 'title' | 'description' | 'buildingId'>): PlanInput {
  return {
    totalCents: money(b.total, 'total'),
    fundCents: money(b.fund, 'fund'),
    propertyCents: money(b.property, 'property'),
    fixed: b.fixedShares.map((f, i) => ({ ownerId: f.ownerId, amountCents: money(f.amount, `fixedShares.${i}.amount`) })),
    formula: b.formula,
    floorWeights: b.floorWeights.map((w, i) => {
      const weight = parseHundredths(w.weight);
      if (weight === null) throw fieldProblem(`floorWeights.${i}.weight`, 'plan.bad_weight');
      return { from: w.from, to: w.to, weight };
    }),
  };
}

export async function splitUnitsOf(tx: Tx, tenantId: string, buildingId: number): Promise<SplitUnit[]> {
  const us = await tx.select({ id: units.id, code: units.code, floor: units.floor, area: units.area }).from(units).where(and(eq(units.tenantId, tenantId), eq(units.buildingId, buildingId))).orderBy(asc(units.id));
  const links = us.length ? await tx.select({ unitId: unitOwners.unitId, ownerId: unitOwners.ownerId }).from(unitOwners).where(inArray(unitOwners.unitId, us.map((u) => u.id))) : [];
  const by = new Map<number, number[]>();
  for (const l of links) by.set(l.unitId, [...(by.get(l.unitId) ?? []), l.ownerId]);
  return us.map((u) => ({ unitId: u.id, code: u.code, floor: u.floor, areaCents: parseHundredths(u.area)!, ownerIds: by.get(u.id) ?? [] }));
}

/** Stored as entered, normalised to two decimals. */
function normalised(b: Pick<PlanBody, 'fixedShares' | 'floorWeights'>, input: PlanInput) {
  return {
    fixedShares: b.fixedShares.map((f, i) => ({ ownerId: f.ownerId, amount: formatHundredths(input.fixed[i]!.amountCents), ...(f.note ? { note: f.note } : {}) })),
    floorWeights: b.floorWeights.map((w, i) => ({ from: w.from, to: w.to, weight: formatHundredths(input.floorWeights[i]!.weight) })),
  };
}

async function computeAndStore(tx: Tx, tenantId: string, planId: number, buildingId: number, input: PlanInput): Promise<void> {
  const split = splitCost(input, await splitUnitsOf(tx, tenantId, buildingId));
  if (Array.isArray(split)) {
    throw new Problem(422, 'problem.validation', {}, split.map((i) => ({ field: i.field, in: 'body', code: i.code, params: i.params })));
  }
  await tx.delete(costPlanShares).where(eq(costPlanShares.planId, planId));
  const rows = split.shares.map((s) => ({ tenantId, planId, unitId: s.unitId, amount: s.amountCents, basis: s.basis, ownerId: s.ownerId }));
  for (let i = 0; i < rows.length; i += 2000) await tx.insert(costPlanShares).values(rows.slice(i, i + 2000));
}

export async function createPlan(ctx: AppContext, actor: Actor, body: PlanBody): Promise<number> {
  const tenantId = actor.tenantId;
  const input = planInput(body);
  return ctx.db.transaction(async (tx) => {
    const place = await buildingPlace(tx, tenantId, body.buildingId, 'buildingId');
    authorize(actor, 'community.manage', place.subject);
    const [row] = await tx
      .insert(costPlans)
      .values({ tenantId, buildingId: body.buildingId, title: body.title, description: body.description ?? '', total: input.totalCents, fund: input.fundCents, property: input.propertyCents, ...normalised(body, input), formula: body.formula, createdBy: userIdOf(actor) })
      .returning({ id: costPlans.id });
    await computeAndStore(tx, tenantId, row!.id, body.buildingId, input);
    await audit(tx, { tenantId, actor, action: 'community.plan.create', subjectType: 'cost_plan', subjectId: row!.id, detail: { title: body.title, total: body.total, fund: body.fund, property: body.property, formula: body.formula } });
    await emit(tx, [{ tenantId, type: 'community.plan.saved', subjectType: 'cost_plan', subjectId: String(row!.id), scope: scopeOf(place), payload: { id: row!.id, version: 1 } }]);
    return row!.id;
  });
}

export async function updatePlan(ctx: AppContext, actor: Actor, id: number, body: Omit<PlanBody, 'buildingId'> & { version: number }): Promise<number> {
  const tenantId = actor.tenantId;
  const input = planInput(body);
  return ctx.db.transaction(async (tx) => {
    const [p] = await tx.select().from(costPlans).where(and(eq(costPlans.tenantId, tenantId), eq(costPlans.id, id))).for('update');
    if (!p) throw missing('thing.plan', id);
    const place = await buildingPlace(tx, tenantId, p.buildingId);
    authorize(actor, 'community.manage', place.subject);
    if (p.status !== 'draft') throw stateConflict('plan.state', p.status, 'edit');
    if (p.version !== body.version) throw new Problem(409, 'plan.version', { version: p.version }, undefined, { version: p.version });
    const version = p.version + 1;
    await tx
      .update(costPlans)
      .set({ title: body.title, description: body.description ?? '', total: input.totalCents, fund: input.fundCents, property: input.propertyCents, ...normalised(body, input), formula: body.formula, version, updatedAt: ctx.clock.now() })
      .where(eq(costPlans.id, id));
    await computeAndStore(tx, tenantId, id, p.buildingId, input);
    await audit(tx, { tenantId, actor, action: 'community.plan.update', subjectType: 'cost_plan', subjectId: id, detail: { version, total: body.total, fund: body.fund, property: body.property, formula: body.formula } });
    await emit(tx, [{ tenantId, type: 'community.plan.saved', subjectType: 'cost_plan', subjectId: String(id), scope: scopeOf(place), payload: { id, version } }]);
    return version;
  });
}
