// Grids: list (an inspector sees their own), one grid, and point → grid lookup.
import { Type } from '@sinclair/typebox';
import { and, asc, eq } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import { authorize, can, users } from '../../../core/auth/index.js';
import { Problem, notFound } from '../../../core/http/problem.js';
import { grids } from '../schema.js';
import type { GridRegistry } from '../gridRegistry.js';

const GridOut = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  areaM2: Type.Number(),
  inspector: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String(), phone: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  leader: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String(), phone: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
});
const GridRefOut = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });

export function gridRoutes(app: App, ctx: AppContext, registry: GridRegistry): void {
  async function people(tenantId: string) {
    const rows = await ctx.db.select({ id: users.id, name: users.displayName, phone: users.phone }).from(users).where(eq(users.tenantId, tenantId));
    return new Map(rows.map((r) => [r.id, r]));
  }

  app.get(
    '/grids',
    {
      config: { policy: 'grids.read' },
      schema: {
        tags: ['places'],
        summary: 'Grids; a grid inspector sees only the grids assigned to them',
        querystring: Type.Object({ kind: Type.Optional(Type.Union([Type.Literal('responsibility'), Type.Literal('unit')])) }),
        response: { 200: Type.Array(GridOut) },
      },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const where = request.query.kind ? and(eq(grids.tenantId, tenantId), eq(grids.kind, request.query.kind)) : eq(grids.tenantId, tenantId);
      const rows = await ctx.db.select().from(grids).where(where).orderBy(asc(grids.code));
      const staff = await people(tenantId);
      return rows
        .filter((g) => can(request.actor, 'grids.read', g))
        .map((g) => ({
          id: g.id,
          code: g.code,
          name: g.name,
          kind: g.kind,
          areaM2: Math.round(g.areaM2),
          inspector: (g.inspectorUserId && staff.get(g.inspectorUserId)) || null,
          leader: (g.leaderUserId && staff.get(g.leaderUserId)) || null,
        }));
    },
  );

  app.get(
    '/grids/lookup',
    {
      config: { policy: 'grids.lookup' },
      schema: {
        tags: ['places'],
        summary: 'The responsibility grid and unit grid containing a WGS-84 point',
        querystring: Type.Object({ lat: Type.Number({ minimum: -90, maximum: 90 }), lng: Type.Number({ minimum: -180, maximum: 180 }) }),
        response: { 200: Type.Object({ grid: GridRefOut, unitGrid: Type.Union([GridRefOut, Type.Null()]), inspectorUserId: Type.Union([Type.Integer(), Type.Null()]) }) },
      },
    },
    async (request) => {
      const { lat, lng } = request.query;
      const found = registry.locate(request.actor.tenantId, lng, lat);
      if (!found.grid) throw new Problem(404, found.insideTenant ? 'grid.none' : 'grid.outside_tenant', { lat, lng });
      const { id, code, name } = found.grid;
      return {
        grid: { id, code, name },
        unitGrid: found.unitGrid ? { id: found.unitGrid.id, code: found.unitGrid.code, name: found.unitGrid.name } : null,
        inspectorUserId: found.grid.inspectorUserId,
      };
    },
  );

  app.get(
    '/grids/:id',
    {
      config: { policy: 'grids.read' },
      schema: {
        tags: ['places'],
        summary: 'One grid with its geometry, inspector and leader',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: Type.Intersect([GridOut, Type.Object({ geometry: Type.Unknown() })]) },
      },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const [g] = await ctx.db.select().from(grids).where(and(eq(grids.tenantId, tenantId), eq(grids.id, request.params.id)));
      if (!g) throw notFound('thing.grid', request.params.id);
      authorize(request.actor, 'grids.read', g);
      const staff = await people(tenantId);
      return {
        id: g.id,
        code: g.code,
        name: g.name,
        kind: g.kind,
        areaM2: Math.round(g.areaM2),
        geometry: g.geometry,
        inspector: (g.inspectorUserId && staff.get(g.inspectorUserId)) || null,
        leader: (g.leaderUserId && staff.get(g.leaderUserId)) || null,
      };
    },
  );
}
