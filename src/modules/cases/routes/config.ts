// Classification, routing and grading tables (admins edit; everyone reads categories),
// and the vocabulary of states, actions, grades and sources for screens.
import { Type } from '@sinclair/typebox';
import { asc, eq } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import { hasRole } from '../../../core/auth/index.js';
import { caseGradingRules, caseRoutes } from '../schema.js';
import { engineOf } from '../services/engine.js';
import { addRoute, createCategory, removeRoute, saveGradingRule, updateCategory } from '../commands/configure.js';
import { toCategory } from '../domain/category.js';
import { ACTION_LABELS, CASE_STATES, GRADE_LABELS, SOURCE_LABELS, STATE_LABELS, CASE_ACTIONS, GRADES, SOURCES } from '../domain/types.js';
import { guardsOf } from '../domain/lifecycle.js';
import { GradeT, LimitsT, Nullable, SourceT, lit } from './schemas.js';

const AttributeT = Type.Object({
  code: Type.String({ maxLength: 50 }),
  datatype: lit(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const),
  required: Type.Boolean(),
  description: Type.String({ maxLength: 200 }),
  values: Type.Optional(Type.Array(Type.Object({ key: Type.String({ maxLength: 50 }), name: Type.String({ maxLength: 100 }) }))),
});

const CategoryFields = {
  kind: Type.Union([Type.Literal('event'), Type.Literal('component')]),
  majorCode: Type.String({ pattern: '^[0-9]{2}$' }),
  majorName: Type.String({ minLength: 1, maxLength: 40 }),
  name: Type.String({ minLength: 1, maxLength: 60 }),
  nameEn: Type.String({ minLength: 1, maxLength: 100 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  keywords: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 30 })),
  attributes: Type.Optional(Type.Array(AttributeT, { maxItems: 20 })),
  defaultGrade: GradeT,
  departmentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  routeTo: Type.Optional(Type.Union([Type.Literal('department'), Type.Literal('area_committee')])),
  limits: Type.Optional(LimitsT),
  photoRequired: Type.Optional(Type.Boolean()),
  dupRadiusM: Type.Optional(Type.Integer({ minimum: 0, maximum: 2000 })),
  autoRegister: Type.Optional(Type.Boolean()),
  public: Type.Optional(Type.Boolean()),
  active: Type.Optional(Type.Boolean()),
};

const CategoryOutT = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  kind: Type.String(),
  majorCode: Type.String(),
  majorName: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  description: Nullable(Type.String()),
  keywords: Type.Array(Type.String()),
  attributes: Type.Array(AttributeT),
  defaultGrade: Type.String(),
  departmentId: Nullable(Type.Integer()),
  routeTo: Type.String(),
  limits: Type.Record(Type.String(), Type.Object({ amount: Type.Number(), unit: Type.String() })),
  photoRequired: Type.Boolean(),
  dupRadiusM: Type.Integer(),
  autoRegister: Type.Boolean(),
  public: Type.Boolean(),
  active: Type.Boolean(),
  version: Type.Integer(),
});

const ConditionsT = Type.Object({
  night: Type.Optional(Type.Object({ from: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }), to: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }) })),
  keywords: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 20 })),
  near: Type.Optional(Type.Array(Type.Object({ lng: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }), radiusM: Type.Integer({ minimum: 1, maximum: 5000 }), label: Type.String({ minLength: 1, maxLength: 40 }) }), { maxItems: 50 })),
  sources: Type.Optional(Type.Array(SourceT)),
});
const GradingT = Type.Object({ name: Type.String({ minLength: 1, maxLength: 60 }), categoryCodes: Type.Array(Type.String({ pattern: '^[0-9]{2,5}$' }), { maxItems: 50 }), conditions: ConditionsT, raiseTo: GradeT, active: Type.Optional(Type.Boolean()) });
const GradingOutT = Type.Intersect([GradingT, Type.Object({ id: Type.Integer(), active: Type.Boolean() })]);
const RouteOutT = Type.Object({ id: Type.Integer(), categoryCode: Nullable(Type.String()), gridId: Nullable(Type.Integer()), departmentId: Type.Integer(), note: Nullable(Type.String()) });

export function configRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/case-categories',
    {
      config: { policy: 'cases.categories.read' },
      schema: { tags: ['cases'], summary: 'Case categories (event and component classes) with limits, keywords and attributes; staff see all, others the public ones', querystring: Type.Object({ all: Type.Optional(Type.Boolean()) }), response: { 200: Type.Array(CategoryOutT) } },
    },
    async (request) => {
      const cfg = await engineOf(ctx).config.get(request.actor.tenantId);
      const staff = hasRole(request.actor, 'admin', 'acceptor', 'shift_leader', 'dispatcher', 'inspector', 'handler', 'district_viewer');
      return cfg.categories.filter((c) => (staff ? request.query.all || c.active : c.active && c.public));
    },
  );

  app.post(
    '/case-categories',
    { config: { policy: 'cases.config.manage' }, schema: { tags: ['cases'], summary: 'Add a category', body: Type.Object({ code: Type.String({ pattern: '^[0-9]{5}$' }), ...CategoryFields }), response: { 201: CategoryOutT } } },
    async (request, reply) => reply.status(201).send(toCategory(await createCategory(ctx, request.actor, request.body))),
  );

  app.patch(
    '/case-categories/:code',
    {
      config: { policy: 'cases.config.manage' },
      schema: {
        tags: ['cases'],
        summary: 'Change a category (audited; cases already reported keep what they were given)',
        params: Type.Object({ code: Type.String({ pattern: '^[0-9]{5}$' }) }),
        body: Type.Intersect([Type.Partial(Type.Object(CategoryFields)), Type.Object({ expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) })]),
        response: { 200: CategoryOutT },
      },
    },
    async (request) => toCategory(await updateCategory(ctx, request.actor, request.params.code, request.body)),
  );

  app.get('/case-routes', { config: { policy: 'cases.config.manage' }, schema: { tags: ['cases'], summary: 'Routing rules (category × grid → department)', response: { 200: Type.Array(RouteOutT) } } }, async (request) =>
    ctx.db.select({ id: caseRoutes.id, categoryCode: caseRoutes.categoryCode, gridId: caseRoutes.gridId, departmentId: caseRoutes.departmentId, note: caseRoutes.note }).from(caseRoutes).where(eq(caseRoutes.tenantId, request.actor.tenantId)).orderBy(asc(caseRoutes.id)),
  );

  app.post(
    '/case-routes',
    {
      config: { policy: 'cases.config.manage' },
      schema: { tags: ['cases'], summary: 'Add a routing rule; a rule for a grid overrides the category default there', body: Type.Object({ categoryCode: Nullable(Type.String({ pattern: '^[0-9]{2,5}$' })), gridId: Nullable(Type.Integer({ minimum: 1 })), departmentId: Type.Integer({ minimum: 1 }), note: Type.Optional(Type.String({ maxLength: 200 })) }), response: { 201: RouteOutT } },
    },
    async (request, reply) => {
      const r = await addRoute(ctx, request.actor, request.body);
      return reply.status(201).send({ id: r.id, categoryCode: r.categoryCode, gridId: r.gridId, departmentId: r.departmentId, note: r.note });
    },
  );

  app.delete('/case-routes/:id', { config: { policy: 'cases.config.manage' }, schema: { tags: ['cases'], summary: 'Remove a routing rule', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) } }, async (request, reply) => {
    await removeRoute(ctx, request.actor, request.params.id);
    return reply.status(204).send();
  });

  app.get('/case-grading-rules', { config: { policy: 'cases.config.manage' }, schema: { tags: ['cases'], summary: 'Grading rules (raise the grade)', response: { 200: Type.Array(GradingOutT) } } }, async (request) =>
    (await ctx.db.select().from(caseGradingRules).where(eq(caseGradingRules.tenantId, request.actor.tenantId)).orderBy(asc(caseGradingRules.id))).map((r) => ({ id: r.id, name: r.name, categoryCodes: r.categoryCodes, conditions: r.conditions as never, raiseTo: r.raiseTo as never, active: r.active })),
  );

  app.post('/case-grading-rules', { config: { policy: 'cases.config.manage' }, schema: { tags: ['cases'], summary: 'Add a grading rule', body: GradingT, response: { 201: GradingOutT } } }, async (request, reply) => {
    const r = await saveGradingRule(ctx, request.actor, request.body);
    return reply.status(201).send({ id: r.id, name: r.name, categoryCodes: r.categoryCodes, conditions: r.conditions as never, raiseTo: r.raiseTo as never, active: r.active });
  });

  app.put('/case-grading-rules/:id', { config: { policy: 'cases.config.manage' }, schema: { tags: ['cases'], summary: 'Change a grading rule', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), body: GradingT, response: { 200: GradingOutT } } }, async (request) => {
    const r = await saveGradingRule(ctx, request.actor, request.body, request.params.id);
    return { id: r.id, name: r.name, categoryCodes: r.categoryCodes, conditions: r.conditions as never, raiseTo: r.raiseTo as never, active: r.active };
  });

  app.get(
    '/cases/meta',
    {
      config: { policy: 'cases.categories.read' },
      schema: { tags: ['cases'], summary: 'States, actions (with the roles that take them), grades and sources, labelled in Chinese and English', response: { 200: Type.Unknown() } },
    },
    async () => ({
      states: CASE_STATES.map((s) => ({ key: s, ...STATE_LABELS[s] })),
      actions: CASE_ACTIONS.map((a) => ({ key: a, ...ACTION_LABELS[a], roles: guardsOf(a) })),
      grades: GRADES.map((g) => ({ key: g, ...GRADE_LABELS[g] })),
      sources: SOURCES.map((s) => ({ key: s, ...SOURCE_LABELS[s] })),
    }),
  );
}

