// Cost-sharing plans: draft, compute each unit's share, revise, put to the owners' vote.
import { Type } from '@sinclair/typebox';
import { and, eq } from 'drizzle-orm';
import { authorize, can } from '../../../core/auth/index.js';
import type { App, AppContext } from '../../../core/context.js';
import { buildings } from '../../places/index.js';
import { costPlans } from '../schema.js';
import { FORMULAS } from '../domain/costSplit.js';
import { HEAD_RULES } from '../domain/heads.js';
import { createPlan, updatePlan } from '../commands/savePlan.js';
import { putPlanToVote } from '../commands/putPlanToVote.js';
import { buildingOwners, listPlans, planDetail, planSummary } from '../queries/plans.js';
import { buildingPlace, missing } from '../scope.js';
import { Id, IdParams, lit, Nullable } from '../present.js';
import { Matter_ } from './consultations.js';

const Money = Type.String({ pattern: '^\\d{1,13}(\\.\\d{1,2})?$', description: 'yuan, at most two decimals' });
const PlanFields = {
  title: Type.String({ minLength: 2, maxLength: 120 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  total: Money,
  fund: Money,
  property: Money,
  fixedShares: Type.Array(Type.Object({ ownerId: Id, amount: Money, note: Type.Optional(Type.String({ maxLength: 200 })) }), { maxItems: 50 }),
  formula: lit(FORMULAS),
  floorWeights: Type.Array(Type.Object({ from: Type.Integer({ minimum: -5, maximum: 200 }), to: Type.Integer({ minimum: -5, maximum: 200 }), weight: Type.String({ pattern: '^\\d{1,3}(\\.\\d{1,2})?$' }) }), { maxItems: 50 }),
};
const Summary = Type.Object({ id: Type.Integer(), title: Type.String(), buildingId: Type.Integer(), buildingName: Type.String(), status: Type.String(), version: Type.Integer(), total: Type.String(), fund: Type.String(), property: Type.String(), formula: Type.String(), updatedAt: Type.String() });
const Detail = Type.Composite([
  Summary,
  Type.Object({
    description: Type.String(),
    fixedShares: Type.Array(Type.Object({ ownerId: Type.Integer(), ownerName: Type.String(), amount: Type.String(), note: Nullable(Type.String()), units: Type.Integer() })),
    floorWeights: Type.Array(Type.Object({ from: Type.Integer(), to: Type.Integer(), weight: Type.String() })),
    split: Type.String({ description: 'the amount split by the formula' }),
    sharesTotal: Type.String(),
    reconciles: Type.Boolean({ description: 'fund + property + all shares = total, to the cent' }),
    rounding: Type.String(),
    shares: Type.Array(Type.Object({ unitId: Type.Integer(), unitCode: Type.String(), floor: Type.Integer(), area: Type.String(), owners: Type.Array(Type.String()), amount: Type.String(), basis: Type.String() })),
    consultation: Nullable(Type.Object({ id: Type.Integer(), status: Type.String(), publicCode: Type.String() })),
  }),
]);

export function planRoutes(app: App, ctx: AppContext): void {
  const load = async (tenantId: string, id: number) => {
    const [p] = await ctx.db.select().from(costPlans).where(and(eq(costPlans.tenantId, tenantId), eq(costPlans.id, id)));
    if (!p) throw missing('thing.plan', id);
    return { p, place: await buildingPlace(ctx.db, tenantId, p.buildingId) };
  };

  app.get('/community/plans', { config: { policy: 'community.read' }, schema: { tags: ['community'], summary: 'Cost-sharing plans in my scope', response: { 200: Type.Array(Summary) } } }, async (request) => {
    const { tenantId } = request.actor;
    const bs = new Map((await ctx.db.select({ id: buildings.id, name: buildings.name, areaId: buildings.areaId }).from(buildings).where(eq(buildings.tenantId, tenantId))).map((b) => [b.id, b]));
    return (await listPlans(ctx.db, tenantId))
      .filter((p) => can(request.actor, 'community.read', { tenantId, buildingId: p.buildingId, areaId: bs.get(p.buildingId)?.areaId }))
      .map((p) => planSummary(p, bs.get(p.buildingId)?.name ?? ''));
  });

  app.get('/community/plans/:id', { config: { policy: 'community.read' }, schema: { tags: ['community'], summary: "A plan with every unit's share and the reconciliation to the cent", params: IdParams, response: { 200: Detail } } }, async (request) => {
    const { p, place } = await load(request.actor.tenantId, request.params.id);
    authorize(request.actor, 'community.read', place.subject);
    return planDetail(ctx.db, p, request.locale);
  });

  app.post('/community/plans', { config: { policy: 'community.manage' }, schema: { tags: ['community'], summary: 'Draft a cost-sharing plan for a building', body: Type.Object({ buildingId: Id, ...PlanFields }), response: { 201: Type.Object({ id: Type.Integer() }) } } }, async (request, reply) =>
    reply.status(201).send({ id: await createPlan(ctx, request.actor, request.body) }),
  );

  app.put(
    '/community/plans/:id',
    { config: { policy: 'community.manage' }, schema: { tags: ['community'], summary: 'Revise a draft plan (send the version you edited)', params: IdParams, body: Type.Object({ version: Type.Integer({ minimum: 1 }), ...PlanFields }), response: { 200: Type.Object({ version: Type.Integer() }) } } },
    async (request) => ({ version: await updatePlan(ctx, request.actor, request.params.id, request.body) }),
  );

  app.post(
    '/community/plans/:id/vote',
    {
      config: { policy: 'community.manage' },
      schema: {
        tags: ['community'],
        summary: "Put a draft plan to the building's owners (opens a consultation now)",
        params: IdParams,
        body: Type.Object({ matter: Matter_, title: Type.Optional(Type.String({ minLength: 2, maxLength: 120 })), closesAt: Type.Optional(Type.String({ format: 'date-time' })), workingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 120 })), headRule: Type.Optional(lit(HEAD_RULES)) }),
        response: { 201: Type.Object({ consultationId: Type.Integer() }) },
      },
    },
    async (request, reply) => reply.status(201).send({ consultationId: await putPlanToVote(ctx, request.actor, request.params.id, request.body) }),
  );

  app.get(
    '/community/buildings/:id/owners',
    { config: { policy: 'community.read' }, schema: { tags: ['community'], summary: 'Owners holding units in a building, largest first (to name fixed shares)', params: IdParams, response: { 200: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String(), units: Type.Integer(), area: Type.String() })) } } },
    async (request) => {
      const place = await buildingPlace(ctx.db, request.actor.tenantId, request.params.id);
      authorize(request.actor, 'community.read', place.subject);
      return buildingOwners(ctx.db, request.actor.tenantId, request.params.id);
    },
  );
}
