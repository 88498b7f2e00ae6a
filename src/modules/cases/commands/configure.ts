// Admins edit the classification, routing and grading tables. Every change is audited
// (with what it was before) and announced so every node drops its cached copy. Cases keep
// the category code, name and deadlines they were given: an edit never rewrites them.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Tx } from '../../../core/db/index.js';
import type { Actor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem, fieldProblem, notFound } from '../../../core/http/problem.js';
import { departments, grids } from '../../places/index.js';
import { caseCategories, caseGradingRules, caseRoutes } from '../schema.js';
import { CONFIG_CHANGED } from '../services/config.js';
import { engineOf } from '../services/engine.js';
import type { GradingConditions } from '../domain/grading.js';
import type { Grade, Limit, Step } from '../domain/types.js';
import type { OpenAttribute } from '../domain/seed.js';

export interface CategoryInput {
  code?: string;
  kind?: 'event' | 'component';
  majorCode?: string;
  majorName?: string;
  name?: string;
  nameEn?: string;
  description?: string | null;
  keywords?: string[];
  attributes?: OpenAttribute[];
  defaultGrade?: Grade;
  departmentId?: number | null;
  routeTo?: 'department' | 'area_committee';
  limits?: Partial<Record<Step, Limit>>;
  photoRequired?: boolean;
  dupRadiusM?: number;
  autoRegister?: boolean;
  public?: boolean;
  active?: boolean;
}

async function checkDepartment(tx: Tx, tenantId: string, id: number | null | undefined, field = 'departmentId'): Promise<void> {
  if (id === null || id === undefined) return;
  const [d] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.tenantId, tenantId), eq(departments.id, id)));
  if (!d) throw fieldProblem(field, 'case.unknown_department', { id });
}

async function changed(tx: Tx, ctx: AppContext, tenantId: string, what: string): Promise<void> {
  await emit(tx, [{ tenantId, type: CONFIG_CHANGED, subjectType: 'case_config', subjectId: what, payload: { what } }]);
  engineOf(ctx).config.forget(tenantId);
}

export async function createCategory(ctx: AppContext, actor: Actor, input: CategoryInput & Required<Pick<CategoryInput, 'code' | 'kind' | 'majorCode' | 'majorName' | 'name' | 'nameEn' | 'defaultGrade'>>) {
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const [exists] = await tx.select({ id: caseCategories.id }).from(caseCategories).where(and(eq(caseCategories.tenantId, tenantId), eq(caseCategories.code, input.code)));
    if (exists) throw fieldProblem('code', 'case.category_code_taken', { code: input.code });
    await checkDepartment(tx, tenantId, input.departmentId);
    const [row] = await tx
      .insert(caseCategories)
      .values({ tenantId, ...input, keywords: input.keywords ?? [], attributes: input.attributes ?? [], limits: input.limits ?? {}, departmentId: input.departmentId ?? null })
      .returning();
    await audit(tx, { tenantId, actor, action: 'case.category.create', subjectType: 'case_category', subjectId: input.code, detail: { after: row } });
    await changed(tx, ctx, tenantId, 'categories');
    return row!;
  });
}

export async function updateCategory(ctx: AppContext, actor: Actor, code: string, input: CategoryInput & { expectedVersion?: number }) {
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(caseCategories)
      .where(and(eq(caseCategories.tenantId, tenantId), eq(caseCategories.code, code)))
      .for('update');
    if (!before) throw notFound('thing.case_category', code);
    if (input.expectedVersion !== undefined && input.expectedVersion !== before.version) throw new Problem(409, 'case.category_stale', { code }, undefined, { version: before.version });
    await checkDepartment(tx, tenantId, input.departmentId);
    const { expectedVersion: _v, code: _c, ...rest } = input;
    const limits = rest.limits ? { ...(before.limits as object), ...rest.limits } : undefined;
    const [after] = await tx
      .update(caseCategories)
      .set({ ...rest, ...(limits ? { limits } : {}), version: before.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(caseCategories.id, before.id))
      .returning();
    const diff = Object.fromEntries(Object.keys(rest).map((k) => [k, { from: (before as Record<string, unknown>)[k], to: (after as Record<string, unknown>)[k] }]));
    await audit(tx, { tenantId, actor, action: 'case.category.update', subjectType: 'case_category', subjectId: code, detail: diff });
    await changed(tx, ctx, tenantId, 'categories');
    return after!;
  });
}

export async function addRoute(ctx: AppContext, actor: Actor, input: { categoryCode: string | null; gridId: number | null; departmentId: number; note?: string }) {
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    await checkDepartment(tx, tenantId, input.departmentId);
    if (input.gridId !== null) {
      const [g] = await tx.select({ id: grids.id }).from(grids).where(and(eq(grids.tenantId, tenantId), eq(grids.id, input.gridId), eq(grids.kind, 'responsibility')));
      if (!g) throw fieldProblem('gridId', 'case.unknown_grid', { id: input.gridId });
    }
    if (input.categoryCode !== null && !/^\d{2,5}$/.test(input.categoryCode)) throw fieldProblem('categoryCode', 'case.bad_category_pattern');
    const [row] = await tx.insert(caseRoutes).values({ tenantId, categoryCode: input.categoryCode, gridId: input.gridId, departmentId: input.departmentId, note: input.note ?? null }).returning();
    await audit(tx, { tenantId, actor, action: 'case.route.create', subjectType: 'case_route', subjectId: row!.id, detail: row });
    await changed(tx, ctx, tenantId, 'routes');
    return row!;
  });
}

export async function removeRoute(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const tenantId = actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(caseRoutes).where(and(eq(caseRoutes.tenantId, tenantId), eq(caseRoutes.id, id))).returning();
    if (!row) throw notFound('thing.case_route', id);
    await audit(tx, { tenantId, actor, action: 'case.route.delete', subjectType: 'case_route', subjectId: id, detail: row });
    await changed(tx, ctx, tenantId, 'routes');
  });
}

export interface GradingInput {
  name: string;
  categoryCodes: string[];
  conditions: GradingConditions;
  raiseTo: Grade;
  active?: boolean;
}

export async function saveGradingRule(ctx: AppContext, actor: Actor, input: GradingInput, id?: number) {
  const tenantId = actor.tenantId;
  const c = input.conditions;
  if (!c.night && !c.keywords?.length && !c.near?.length && !c.sources?.length && input.categoryCodes.length === 0) throw fieldProblem('conditions', 'case.rule_matches_everything');
  return ctx.db.transaction(async (tx) => {
    let before: unknown = null;
    let row;
    if (id !== undefined) {
      const [b] = await tx.select().from(caseGradingRules).where(and(eq(caseGradingRules.tenantId, tenantId), eq(caseGradingRules.id, id))).for('update');
      if (!b) throw notFound('thing.case_grading_rule', id);
      before = b;
      [row] = await tx.update(caseGradingRules).set({ ...input, active: input.active ?? b.active }).where(eq(caseGradingRules.id, id)).returning();
    } else {
      [row] = await tx.insert(caseGradingRules).values({ tenantId, ...input, active: input.active ?? true }).returning();
    }
    await audit(tx, { tenantId, actor, action: id ? 'case.grading.update' : 'case.grading.create', subjectType: 'case_grading_rule', subjectId: row!.id, detail: { before, after: row } });
    await changed(tx, ctx, tenantId, 'grading');
    return row!;
  });
}
