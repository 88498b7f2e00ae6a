// The subdistrict's gazetteer for placing addresses (domain/address.ts): buildings and
// shops with their door-plate addresses, residential areas and roads, from the places
// module's tables. Cached for a few minutes per tenant (places change rarely).
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import { buildings, residentialAreas, roads, shops } from '../../places/index.js';
import { roadPoint, type Place } from '../domain/address.js';

const TTL_MS = 5 * 60_000;
const cache = new WeakMap<AppContext, Map<string, { at: number; places: Promise<Place[]> }>>();

async function load(ctx: AppContext, tenantId: string): Promise<Place[]> {
  const [bs, ss, as, rs] = await Promise.all([
    ctx.db.select({ name: buildings.name, address: buildings.address, lng: buildings.lng, lat: buildings.lat }).from(buildings).where(eq(buildings.tenantId, tenantId)),
    ctx.db.select({ name: shops.name, address: shops.address, lng: shops.lng, lat: shops.lat }).from(shops).where(eq(shops.tenantId, tenantId)),
    ctx.db.select({ name: residentialAreas.name, lng: residentialAreas.lng, lat: residentialAreas.lat }).from(residentialAreas).where(eq(residentialAreas.tenantId, tenantId)),
    ctx.db.select({ name: roads.name, geometry: roads.geometry }).from(roads).where(eq(roads.tenantId, tenantId)),
  ]);
  const out: Place[] = [...bs.map((b) => ({ kind: 'building' as const, ...b })), ...ss.map((s) => ({ kind: 'shop' as const, ...s })), ...as.map((a) => ({ kind: 'area' as const, ...a }))];
  for (const r of rs) {
    const g = r.geometry as { type?: string; coordinates?: number[][] };
    const p = g?.type === 'LineString' && Array.isArray(g.coordinates) ? roadPoint(g.coordinates) : null;
    if (p) out.push({ kind: 'road', name: r.name, ...p });
  }
  return out;
}

export function gazetteer(ctx: AppContext, tenantId: string): Promise<Place[]> {
  let m = cache.get(ctx);
  if (!m) cache.set(ctx, (m = new Map()));
  const hit = m.get(tenantId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.places;
  const places = load(ctx, tenantId);
  m.set(tenantId, { at: Date.now(), places });
  places.catch(() => m.delete(tenantId));
  return places;
}

/** A building by its code (the subdistrict's address register: address_id). */
export async function buildingByCode(ctx: AppContext, tenantId: string, code: string) {
  const [b] = await ctx.db.select({ code: buildings.code, name: buildings.name, address: buildings.address, lng: buildings.lng, lat: buildings.lat }).from(buildings).where(and(eq(buildings.tenantId, tenantId), eq(buildings.code, code)));
  return b;
}
