// Reading the places of the subdistrict: the tenant, departments, residential areas,
// buildings, units with their owners (committee scope), shops.
import { Type } from '@sinclair/typebox';
import { and, asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import { tenants } from '../../../core/db/schema.js';
import { authorize } from '../../../core/auth/index.js';
import { notFound } from '../../../core/http/problem.js';
import { buildings, departments, owners, residentialAreas, shops, unitOwners, units } from '../schema.js';

const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

export function placeRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/tenant',
    {
      config: { policy: 'places.read' },
      schema: {
        tags: ['places'],
        summary: 'This subdistrict: names, boundary, map settings',
        response: { 200: Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String(), district: Type.String(), city: Type.String(), boundary: Type.Unknown(), center: Type.Tuple([Type.Number(), Type.Number()]), tileUrl: Nullable(Type.String()), tileCrs: Type.String() }) },
      },
    },
    async (request) => {
      const [t] = await ctx.db.select().from(tenants).where(eq(tenants.id, request.actor.tenantId));
      if (!t) throw notFound('thing.tenant', request.actor.tenantId);
      // per-subdistrict settings (PUT /tenant/settings) before the deployment's defaults
      const settings = t.settings as { center?: [number, number]; tileUrl?: string; tileCrs?: string };
      return { id: t.id, name: t.name, nameEn: t.nameEn, district: t.district, city: t.city, boundary: t.boundary, center: settings.center ?? [121.456, 31.236], tileUrl: settings.tileUrl ?? ctx.config.tileUrl ?? null, tileCrs: settings.tileCrs ?? ctx.config.tileCrs };
    },
  );

  app.get(
    '/departments',
    {
      config: { policy: 'places.read' },
      schema: {
        tags: ['places'],
        summary: 'Departments and committees of the subdistrict',
        response: { 200: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), nameEn: Type.String(), kind: Type.String(), areaId: Nullable(Type.Integer()), buildingId: Nullable(Type.Integer()), phone: Nullable(Type.String()) })) },
      },
    },
    async (request) => ctx.db.select().from(departments).where(eq(departments.tenantId, request.actor.tenantId)).orderBy(asc(departments.id)),
  );

  app.get(
    '/areas',
    {
      config: { policy: 'places.read' },
      schema: {
        tags: ['places'],
        summary: 'Residential areas (居民区)',
        response: { 200: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), illustrative: Type.Boolean(), households: Type.Integer(), elderlyShare: Nullable(Type.Number()), lat: Type.Number(), lng: Type.Number() })) },
      },
    },
    async (request) => {
      const rows = await ctx.db.select().from(residentialAreas).where(eq(residentialAreas.tenantId, request.actor.tenantId)).orderBy(asc(residentialAreas.code));
      return rows.map(({ boundary: _b, tenantId: _t, ...r }) => r);
    },
  );

  app.get(
    '/buildings',
    {
      config: { policy: 'places.read' },
      schema: {
        tags: ['places'],
        summary: 'Buildings, filtered by kind or residential area',
        querystring: Type.Object({ kind: Type.Optional(Type.Union([Type.Literal('residential'), Type.Literal('office'), Type.Literal('mixed')])), areaId: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: {
          200: Type.Array(
            Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), areaId: Nullable(Type.Integer()), address: Type.String(), lat: Type.Number(), lng: Type.Number(), floors: Type.Integer(), builtYear: Nullable(Type.Integer()), lifts: Type.Integer(), illustrative: Type.Boolean(), units: Type.Integer() }),
          ),
        },
      },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const conds: SQL[] = [eq(buildings.tenantId, tenantId)];
      if (request.query.kind) conds.push(eq(buildings.kind, request.query.kind));
      if (request.query.areaId) conds.push(eq(buildings.areaId, request.query.areaId));
      const rows = await ctx.db.select().from(buildings).where(and(...conds)).orderBy(asc(buildings.code));
      const counts = await ctx.db.select({ buildingId: units.buildingId, n: count() }).from(units).where(eq(units.tenantId, tenantId)).groupBy(units.buildingId);
      const byB = new Map(counts.map((c) => [c.buildingId, Number(c.n)]));
      return rows.map(({ info: _i, tenantId: _t, ...b }) => ({ ...b, units: byB.get(b.id) ?? 0 }));
    },
  );

  app.get(
    '/buildings/:id/units',
    {
      config: { policy: 'units.read' },
      schema: {
        tags: ['places'],
        summary: 'Units of a building with registered area and owners (committee of that building or area only)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: {
          200: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), floor: Type.Integer(), area: Type.String(), use: Type.String(), owners: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String(), share: Type.String() })) })),
        },
      },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const [b] = await ctx.db.select().from(buildings).where(and(eq(buildings.tenantId, tenantId), eq(buildings.id, request.params.id)));
      if (!b) throw notFound('thing.building', request.params.id);
      authorize(request.actor, 'units.read', { tenantId, buildingId: b.id, areaId: b.areaId });
      const us = await ctx.db.select().from(units).where(and(eq(units.tenantId, tenantId), eq(units.buildingId, b.id))).orderBy(asc(units.floor), asc(units.code));
      const ids = us.map((u) => u.id);
      const os = ids.length
        ? await ctx.db
            .select({ unitId: unitOwners.unitId, id: owners.id, name: owners.name, kind: owners.kind, share: unitOwners.share })
            .from(unitOwners)
            .innerJoin(owners, eq(owners.id, unitOwners.ownerId))
            .where(and(eq(unitOwners.tenantId, tenantId), inArray(unitOwners.unitId, ids)))
        : [];
      const byUnit = new Map<number, { id: number; name: string; kind: string; share: string }[]>();
      for (const o of os) byUnit.set(o.unitId, [...(byUnit.get(o.unitId) ?? []), { id: o.id, name: o.name, kind: o.kind, share: o.share }]);
      return us.map((u) => ({ id: u.id, code: u.code, floor: u.floor, area: u.area, use: u.use, owners: byUnit.get(u.id) ?? [] }));
    },
  );

  app.get(
    '/shops',
    {
      config: { policy: 'places.read' },
      schema: {
        tags: ['places'],
        summary: 'Street-front shops (沿街商铺), optionally on one road',
        querystring: Type.Object({ road: Type.Optional(Type.String({ maxLength: 40 })) }),
        response: { 200: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), trade: Type.String(), road: Type.String(), address: Type.String(), lat: Type.Number(), lng: Type.Number(), streetCommittee: Type.Boolean() })) },
      },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const where = request.query.road ? and(eq(shops.tenantId, tenantId), eq(shops.road, request.query.road)) : eq(shops.tenantId, tenantId);
      return ctx.db.select({ id: shops.id, name: shops.name, trade: shops.trade, road: shops.road, address: shops.address, lat: shops.lat, lng: shops.lng, streetCommittee: shops.streetCommittee }).from(shops).where(where).orderBy(asc(shops.id));
    },
  );
}
