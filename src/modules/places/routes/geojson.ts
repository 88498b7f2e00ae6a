// GeoJSON export of every map layer and import of boundaries and grids.
import { Type } from '@sinclair/typebox';
import { asc, eq, and } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import { tenants } from '../../../core/db/schema.js';
import { buildings, grids, residentialAreas, roads, shops } from '../schema.js';
import { importLayer } from '../commands/importLayer.js';
import { LAYERS, type Layer } from '../domain/parseLayer.js';

const EXPORT_LAYERS = ['boundary', 'areas', 'responsibility', 'unit', 'buildings', 'shops', 'roads'] as const;
type ExportLayer = (typeof EXPORT_LAYERS)[number];

const fc = (features: unknown[]) => ({ type: 'FeatureCollection', features });
const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });

export async function exportLayer(ctx: AppContext, tenantId: string, layer: ExportLayer) {
  switch (layer) {
    case 'boundary': {
      const [t] = await ctx.db.select().from(tenants).where(eq(tenants.id, tenantId));
      return fc(t?.boundary ? [{ type: 'Feature', geometry: t.boundary, properties: { code: t.id, name: t.name, nameEn: t.nameEn } }] : []);
    }
    case 'areas': {
      const rows = await ctx.db.select().from(residentialAreas).where(eq(residentialAreas.tenantId, tenantId)).orderBy(asc(residentialAreas.code));
      return fc(rows.map((r) => ({ type: 'Feature', id: r.id, geometry: r.boundary ?? point(r.lng, r.lat), properties: { code: r.code, name: r.name, households: r.households, illustrative: r.illustrative } })));
    }
    case 'responsibility':
    case 'unit': {
      const rows = await ctx.db.select().from(grids).where(and(eq(grids.tenantId, tenantId), eq(grids.kind, layer))).orderBy(asc(grids.code));
      return fc(rows.map((r) => ({ type: 'Feature', id: r.id, geometry: r.geometry, properties: { code: r.code, name: r.name, kind: r.kind } })));
    }
    case 'buildings': {
      const rows = await ctx.db.select().from(buildings).where(eq(buildings.tenantId, tenantId)).orderBy(asc(buildings.code));
      return fc(rows.map((r) => ({ type: 'Feature', id: r.id, geometry: point(r.lng, r.lat), properties: { code: r.code, name: r.name, kind: r.kind, address: r.address, floors: r.floors } })));
    }
    case 'shops': {
      const rows = await ctx.db.select().from(shops).where(eq(shops.tenantId, tenantId)).orderBy(asc(shops.id));
      return fc(rows.map((r) => ({ type: 'Feature', id: r.id, geometry: point(r.lng, r.lat), properties: { name: r.name, trade: r.trade, road: r.road, address: r.address } })));
    }
    case 'roads': {
      const rows = await ctx.db.select().from(roads).where(eq(roads.tenantId, tenantId)).orderBy(asc(roads.name));
      return fc(rows.map((r) => ({ type: 'Feature', id: r.id, geometry: r.geometry, properties: { name: r.name, nameEn: r.nameEn } })));
    }
  }
}

export function geojsonRoutes(app: App, ctx: AppContext): void {
  app.addContentTypeParser('application/geo+json', { parseAs: 'string', bodyLimit: 20 * 1024 * 1024 }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch (e) {
      const err = e as Error & { statusCode?: number; code?: string };
      err.statusCode = 400;
      err.code = 'FST_ERR_CTP_INVALID_JSON_BODY';
      done(err, undefined);
    }
  });

  app.get(
    '/places/geojson/:layer',
    {
      config: { policy: 'places.read' },
      schema: {
        tags: ['places'],
        summary: 'A map layer as a GeoJSON FeatureCollection (WGS-84)',
        params: Type.Object({ layer: Type.Union(EXPORT_LAYERS.map((l) => Type.Literal(l))) }),
      },
    },
    async (request, reply) => {
      const body = await exportLayer(ctx, request.actor.tenantId, request.params.layer);
      return reply.type('application/geo+json; charset=utf-8').header('content-disposition', `inline; filename="${request.params.layer}.geojson"`).send(JSON.stringify(body));
    },
  );

  app.put(
    '/places/geojson/:layer',
    {
      config: { policy: 'places.manage' },
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags: ['places'],
        summary: 'Import a layer (boundary, areas, responsibility or unit grids); all or nothing',
        description: 'Features need properties.code and properties.name; grids may name properties.inspector and properties.leader by user name. Invalid geometry (unclosed ring, self-intersection, outside the subdistrict, overlapping grids) is rejected with 422 naming each feature.',
        params: Type.Object({ layer: Type.Union(LAYERS.map((l) => Type.Literal(l))) }),
        querystring: Type.Object({ replace: Type.Optional(Type.Boolean({ description: 'remove grids of this kind that the file does not contain' })) }),
        body: Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) }, { additionalProperties: true }),
        response: { 200: Type.Object({ layer: Type.String(), created: Type.Integer(), updated: Type.Integer(), removed: Type.Integer() }) },
      },
    },
    async (request) => importLayer(ctx, request.actor, request.params.layer as Layer, request.body, { replace: request.query.replace }),
  );
}
