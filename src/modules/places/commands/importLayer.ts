// Import a GeoJSON layer (boundary, residential area boundaries, responsibility grids,
// unit grids): all of it in one transaction, or nothing and a list of what is wrong.
import { and, eq, inArray, notInArray } from 'drizzle-orm';
import area from '@turf/area';
import { feature } from '@turf/helpers';
import type { AppContext } from '../../../core/context.js';
import type { Actor } from '../../../core/auth/index.js';
import { users } from '../../../core/auth/index.js';
import { tenants } from '../../../core/db/schema.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem } from '../../../core/http/problem.js';
import { bbox, type Areal } from '../../../core/geo/index.js';
import { grids, residentialAreas } from '../schema.js';
import { parseLayer, type Layer } from '../domain/parseLayer.js';

export interface ImportResult {
  layer: Layer;
  created: number;
  updated: number;
  removed: number;
}

export async function importLayer(ctx: AppContext, actor: Actor, layer: Layer, body: unknown, opts: { replace?: boolean } = {}): Promise<ImportResult> {
  const tenantId = actor.tenantId;
  const [t] = await ctx.db.select({ boundary: tenants.boundary }).from(tenants).where(eq(tenants.id, tenantId));
  const boundary = (t?.boundary as Areal | null) ?? null;
  const { features, issues } = parseLayer(layer, body, boundary);
  if (issues.length) {
    throw new Problem(422, 'geo.import_rejected', { count: issues.length }, issues.map((i) => ({ field: i.path, in: 'body', code: i.code, params: i.params })));
  }

  const result: ImportResult = { layer, created: 0, updated: 0, removed: 0 };
  await ctx.db.transaction(async (tx) => {
    if (layer === 'boundary') {
      const geometry = features[0]!.geometry;
      await tx.update(tenants).set({ boundary: geometry }).where(eq(tenants.id, tenantId));
      result.updated = 1;
    } else if (layer === 'areas') {
      for (const f of features) {
        const r = await tx.update(residentialAreas).set({ boundary: f.geometry }).where(and(eq(residentialAreas.tenantId, tenantId), eq(residentialAreas.code, f.code))).returning({ id: residentialAreas.id });
        if (r.length === 0) throw new Problem(422, 'geo.import_rejected', { count: 1 }, [{ field: `features.${features.indexOf(f)}.properties.code`, in: 'body', code: 'geo.unknown_area', params: { code: f.code } }]);
        result.updated++;
      }
    } else {
      const inspectors = await usernamesToIds(tx, tenantId, features.flatMap((f) => [f.properties.inspector, f.properties.leader]));
      const existing = await tx.select({ id: grids.id, code: grids.code }).from(grids).where(and(eq(grids.tenantId, tenantId), eq(grids.kind, layer)));
      const byCode = new Map(existing.map((e) => [e.code, e.id]));
      for (const f of features) {
        const [minLng, minLat, maxLng, maxLat] = bbox(f.geometry);
        const values = {
          name: f.name,
          geometry: f.geometry,
          minLng,
          minLat,
          maxLng,
          maxLat,
          areaM2: area(feature(f.geometry)),
          inspectorUserId: inspectors.get(String(f.properties.inspector)) ?? null,
          leaderUserId: inspectors.get(String(f.properties.leader)) ?? null,
        };
        const id = byCode.get(f.code);
        if (id) {
          await tx.update(grids).set(values).where(eq(grids.id, id));
          result.updated++;
        } else {
          await tx.insert(grids).values({ tenantId, code: f.code, kind: layer, ...values });
          result.created++;
        }
      }
      if (opts.replace) {
        const keep = features.map((f) => f.code);
        const gone = await tx.delete(grids).where(and(eq(grids.tenantId, tenantId), eq(grids.kind, layer), notInArray(grids.code, keep))).returning({ id: grids.id });
        result.removed = gone.length;
      }
    }
    await audit(tx, { tenantId, actor, action: 'places.import', subjectType: 'layer', subjectId: layer, detail: result });
    await emit(tx, [{ tenantId, type: 'places.grids.changed', subjectType: 'layer', subjectId: layer, payload: { ...result } }]);
  });
  return result;
}

async function usernamesToIds(tx: Parameters<Parameters<AppContext['db']['transaction']>[0]>[0], tenantId: string, names: unknown[]): Promise<Map<string, number>> {
  const wanted = [...new Set(names.filter((n): n is string => typeof n === 'string' && n.length > 0))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.select({ id: users.id, username: users.username }).from(users).where(and(eq(users.tenantId, tenantId), inArray(users.username, wanted)));
  return new Map(rows.map((r) => [r.username, r.id]));
}
