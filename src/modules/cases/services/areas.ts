// Which residential area a point lies in, and that area's residents' committee: cases of
// categories routed to the area committee (e.g. an elderly resident's inactivity) go there.
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../core/db/index.js';
import type { EventBus } from '../../../core/bus/index.js';
import { PolygonIndex, type Areal } from '../../../core/geo/index.js';
import { departments, residentialAreas } from '../../places/index.js';
import { distanceM } from '../domain/geo.js';
import { TenantCache } from './tenantCache.js';

export interface AreaRef {
  id: number;
  name: string;
  committeeId: number | null;
}

export interface AreaSet {
  index: PolygonIndex<AreaRef>;
  centres: (AreaRef & { lng: number; lat: number })[];
}

/** A point outside every area outline but this close to an area's centre still belongs to it. */
const NEAR_AREA_M = 300;

export class AreaLocator {
  private readonly cache = new TenantCache((tenantId) => this.load(tenantId));

  constructor(private readonly database: Database) {}

  attach(bus: EventBus): void {
    bus.on('places.grids.changed', (e) => this.cache.forget(e.tenantId));
  }

  forTenant(tenantId: string): Promise<AreaSet> {
    return this.cache.get(tenantId);
  }

  private async load(tenantId: string): Promise<AreaSet> {
    const db = this.database.db;
    const areas = await db.select({ id: residentialAreas.id, name: residentialAreas.name, boundary: residentialAreas.boundary, lng: residentialAreas.lng, lat: residentialAreas.lat }).from(residentialAreas).where(eq(residentialAreas.tenantId, tenantId));
    const committees = await db.select({ id: departments.id, areaId: departments.areaId }).from(departments).where(and(eq(departments.tenantId, tenantId), eq(departments.kind, 'committee')));
    const byArea = new Map(committees.map((c) => [c.areaId, c.id]));
    const ref = (a: { id: number; name: string }) => ({ id: a.id, name: a.name, committeeId: byArea.get(a.id) ?? null });
    return {
      index: new PolygonIndex(areas.filter((a) => a.boundary).map((a) => ({ geometry: a.boundary as Areal, value: ref(a) }))),
      centres: areas.map((a) => ({ ...ref(a), lng: a.lng, lat: a.lat })),
    };
  }
}

/** The area containing the point, else the area whose centre is within NEAR_AREA_M. */
export function locateArea(set: AreaSet, lng: number, lat: number): AreaRef | undefined {
  const hit = set.index.find(lng, lat);
  if (hit) return hit;
  let best: AreaRef | undefined;
  let bestD = NEAR_AREA_M;
  for (const c of set.centres) {
    const d = distanceM(lng, lat, c.lng, c.lat);
    if (d <= bestD) [best, bestD] = [{ id: c.id, name: c.name, committeeId: c.committeeId }, d];
  }
  return best;
}
