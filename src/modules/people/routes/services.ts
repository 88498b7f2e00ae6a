// The 15-minute life circle: service points on the map (nearest first from a point or
// from the caller's home) and service orders with their states.
import { Type } from '@sinclair/typebox';
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem } from '../../../core/http/problem.js';
import { GRID_REGISTRY, type GridRegistry } from '../../places/index.js';
import { elderly, residents, serviceOrders, servicePoints } from '../schema.js';
import { walk } from '../domain/distance.js';
import { allowedNext, type OrderStatus } from '../domain/orderStatus.js';
import { createServiceOrder, moveServiceOrder } from '../commands/serviceOrders.js';
import { homeOf } from '../queries/home.js';
import { scopeCondition } from '../queries/registerList.js';
import { DateTime, Id, IdParams, Literals, Nullable, NullableInt, NullableStr, OrderKind, OrderStatus as OrderStatusT } from './schemas.js';

const POINT_KINDS = ['clinic', 'canteen', 'day_care', 'care_station', 'service_centre', 'market'] as const;

const PointOut = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  kind: Type.String(),
  address: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  phone: Nullable(Type.String()),
  openHours: Nullable(Type.String()),
  services: Type.Array(Type.String()),
  illustrative: Type.Boolean(),
  walk: Nullable(Type.Object({ metres: Type.Integer(), minutes: Type.Integer() })),
});

export function serviceRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/people/service-points',
    {
      config: { policy: 'people.servicePoints.read' },
      schema: {
        tags: ['people'],
        summary: 'Service points of the 15-minute life circle; with lng/lat or near=home, nearest first with walking minutes',
        querystring: Type.Object({ kind: Type.Optional(Literals(POINT_KINDS)), lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })), lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })), near: Type.Optional(Type.Literal('home')) }),
        response: { 200: Type.Array(PointOut) },
      },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const q = request.query;
      const conds: SQL[] = [eq(servicePoints.tenantId, tenantId), eq(servicePoints.active, true)];
      if (q.kind) conds.push(eq(servicePoints.kind, q.kind));
      const rows = await ctx.db.select().from(servicePoints).where(and(...conds)).orderBy(asc(servicePoints.code));
      let from: { lng: number; lat: number } | undefined;
      if (q.lng !== undefined && q.lat !== undefined) from = { lng: q.lng, lat: q.lat };
      else if (q.near === 'home') from = await homeOf(ctx.db, request.actor);
      const out = rows.map(({ tenantId: _t, active: _a, areaId: _ar, ...p }) => ({ ...p, walk: from ? walk(from, p) : null }));
      return from ? out.sort((a, b) => a.walk!.metres - b.walk!.metres) : out;
    },
  );

  app.post(
    '/people/service-points',
    {
      config: { policy: 'people.servicePoints.manage' },
      schema: {
        tags: ['people'],
        summary: 'Add a service point (inside the subdistrict)',
        body: Type.Object({ code: Type.String({ pattern: '^[A-Z0-9-]{2,30}$' }), name: Type.String({ minLength: 1, maxLength: 60 }), nameEn: Type.String({ minLength: 1, maxLength: 100 }), kind: Literals(POINT_KINDS), address: Type.String({ minLength: 1, maxLength: 100 }), lat: Type.Number(), lng: Type.Number(), phone: Type.Optional(NullableStr({ maxLength: 32 })), openHours: Type.Optional(NullableStr({ maxLength: 60 })), services: Type.Array(OrderKind, { default: [] }), areaId: Type.Optional(NullableInt({ minimum: 1 })) }),
        response: { 201: Type.Object({ id: Type.Integer() }) },
      },
    },
    async (request, reply) => {
      const { tenantId } = request.actor;
      const b = request.body;
      const registry = ctx.services.get(GRID_REGISTRY) as GridRegistry;
      if (!registry.locate(tenantId, b.lng, b.lat).insideTenant) throw fieldProblem('lat', 'grid.outside_tenant', { lat: b.lat, lng: b.lng }, 'body', 422);
      const [dup] = await ctx.db.select({ id: servicePoints.id }).from(servicePoints).where(and(eq(servicePoints.tenantId, tenantId), eq(servicePoints.code, b.code)));
      if (dup) throw fieldProblem('code', 'people.point_code_taken', { code: b.code }, 'body', 409);
      const id = await ctx.db.transaction(async (tx) => {
        const [p] = await tx.insert(servicePoints).values({ tenantId, ...b, illustrative: false }).returning({ id: servicePoints.id });
        await audit(tx, { tenantId, actor: request.actor, action: 'people.servicePoint.create', subjectType: 'service_point', subjectId: p!.id, detail: b });
        await emit(tx, [{ tenantId, type: 'people.servicePoint.created', subjectType: 'service_point', subjectId: String(p!.id), scope: { public: true }, payload: { kind: b.kind } }]);
        return p!.id;
      });
      return reply.status(201).send({ id });
    },
  );

  const OrderOut = Type.Object({
    id: Type.Integer(),
    elderlyId: Type.Integer(),
    name: Type.String(),
    kind: Type.String(),
    servicePointId: Nullable(Type.Integer()),
    scheduledFor: Type.String(),
    status: Type.String(),
    allowed: Type.Array(Type.String()),
    note: Nullable(Type.String()),
    cancelReason: Nullable(Type.String()),
    requestedAt: Type.String(),
    completedAt: Nullable(Type.String()),
  });
  const orderColumns = { o: serviceOrders, name: residents.name };
  const present = (r: { o: typeof serviceOrders.$inferSelect; name: string }) => ({
    id: r.o.id,
    elderlyId: r.o.elderlyId,
    name: r.name,
    kind: r.o.kind,
    servicePointId: r.o.servicePointId,
    scheduledFor: r.o.scheduledFor.toISOString(),
    status: r.o.status,
    allowed: allowedNext(r.o.status as OrderStatus),
    note: r.o.note,
    cancelReason: r.o.cancelReason,
    requestedAt: r.o.requestedAt.toISOString(),
    completedAt: r.o.completedAt?.toISOString() ?? null,
  });

  app.get(
    '/people/service-orders',
    {
      config: { policy: 'people.orders.read' },
      schema: { tags: ['people'], summary: 'Service orders for people in my areas', querystring: Type.Object({ status: Type.Optional(Type.Array(OrderStatusT)), elderlyId: Type.Optional(Id), limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }), response: { 200: Type.Array(OrderOut) } },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const q = request.query;
      const rows = await ctx.db
        .select(orderColumns)
        .from(serviceOrders)
        .innerJoin(elderly, eq(elderly.id, serviceOrders.elderlyId))
        .innerJoin(residents, eq(residents.id, elderly.residentId))
        .where(and(eq(serviceOrders.tenantId, tenantId), scopeCondition(request.actor), q.status?.length ? inArray(serviceOrders.status, q.status) : undefined, q.elderlyId ? eq(serviceOrders.elderlyId, q.elderlyId) : undefined))
        .orderBy(asc(serviceOrders.scheduledFor))
        .limit(q.limit);
      return rows.map(present);
    },
  );

  app.get('/people/me/service-orders', { config: { policy: 'people.self' }, schema: { tags: ['people'], summary: 'My own service orders', response: { 200: Type.Array(OrderOut) } } }, async (request) => {
    const actor = request.actor;
    if (actor.kind !== 'user') return [];
    const rows = await ctx.db
      .select(orderColumns)
      .from(serviceOrders)
      .innerJoin(elderly, eq(elderly.id, serviceOrders.elderlyId))
      .innerJoin(residents, eq(residents.id, elderly.residentId))
      .where(and(eq(serviceOrders.tenantId, actor.tenantId), eq(residents.userId, actor.id)))
      .orderBy(desc(serviceOrders.scheduledFor))
      .limit(50);
    return rows.map(present);
  });

  app.post(
    '/people/service-orders',
    {
      config: { policy: 'people.orders.create' },
      schema: {
        tags: ['people'],
        summary: 'Order a service for someone on the register (care staff, committee) or, without elderlyId, for myself',
        body: Type.Object({ elderlyId: Type.Optional(Id), kind: OrderKind, servicePointId: Type.Optional(NullableInt({ minimum: 1 })), scheduledFor: DateTime, note: Type.Optional(NullableStr({ maxLength: 300 })) }),
        response: { 201: Type.Object({ id: Type.Integer() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await createServiceOrder(ctx, request.actor, request.body)),
  );

  app.post(
    '/people/service-orders/:id/move',
    {
      config: { policy: 'people.orders.update' },
      schema: { tags: ['people'], summary: 'Move a service order on (accepted, in_progress, done, cancelled with a reason)', params: IdParams, body: Type.Object({ to: OrderStatusT, reason: Type.Optional(NullableStr({ maxLength: 200 })) }), response: { 200: Type.Object({ status: Type.String() }) } },
    },
    async (request) => moveServiceOrder(ctx, request.actor, request.params.id, request.body.to, request.body.reason),
  );
}
