// The in-memory spatial index of every tenant's grids and boundary. Rebuilt from the
// database at start and whenever grids change (on any node, through the bus).
import { eq } from 'drizzle-orm';
import type { Database } from '../../core/db/index.js';
import type { EventBus } from '../../core/bus/index.js';
import { PolygonIndex, type Areal } from '../../core/geo/index.js';
import { tenants } from '../../core/db/schema.js';
import { grids } from './schema.js';

export interface GridRef {
  id: number;
  code: string;
  name: string;
  kind: 'responsibility' | 'unit';
  inspectorUserId: number | null;
  leaderUserId: number | null;
}

interface TenantIndex {
  responsibility: PolygonIndex<GridRef>;
  unit: PolygonIndex<GridRef>;
  boundary: PolygonIndex<true>;
  byId: Map<number, GridRef>;
}

export interface Located {
  insideTenant: boolean;
  grid?: GridRef;
  unitGrid?: GridRef;
}

export class GridRegistry {
  private readonly indexes = new Map<string, TenantIndex>();

  constructor(private readonly database: Database) {}

  attach(bus: EventBus): void {
    bus.on('places.grids.changed', (e) => void this.load(e.tenantId));
  }

  async loadAll(): Promise<void> {
    const rows = await this.database.db.select({ id: tenants.id }).from(tenants);
    for (const r of rows) await this.load(r.id);
  }

  async load(tenantId: string): Promise<void> {
    const [t] = await this.database.db.select({ boundary: tenants.boundary }).from(tenants).where(eq(tenants.id, tenantId));
    const rows = await this.database.db.select().from(grids).where(eq(grids.tenantId, tenantId));
    const resp: { geometry: Areal; value: GridRef }[] = [];
    const unit: { geometry: Areal; value: GridRef }[] = [];
    const byId = new Map<number, GridRef>();
    for (const r of rows) {
      const ref: GridRef = { id: r.id, code: r.code, name: r.name, kind: r.kind as GridRef['kind'], inspectorUserId: r.inspectorUserId, leaderUserId: r.leaderUserId };
      byId.set(r.id, ref);
      (r.kind === 'unit' ? unit : resp).push({ geometry: r.geometry as Areal, value: ref });
    }
    this.indexes.set(tenantId, {
      responsibility: new PolygonIndex(resp),
      unit: new PolygonIndex(unit),
      boundary: new PolygonIndex(t?.boundary ? [{ geometry: t.boundary as Areal, value: true as const }] : []),
      byId,
    });
  }

  locate(tenantId: string, lng: number, lat: number): Located {
    const idx = this.indexes.get(tenantId);
    if (!idx) return { insideTenant: false };
    return {
      insideTenant: idx.boundary.size === 0 ? true : idx.boundary.find(lng, lat) === true,
      grid: idx.responsibility.find(lng, lat),
      unitGrid: idx.unit.find(lng, lat),
    };
  }

  grid(tenantId: string, id: number): GridRef | undefined {
    return this.indexes.get(tenantId)?.byId.get(id);
  }

  grids(tenantId: string): GridRef[] {
    return [...(this.indexes.get(tenantId)?.byId.values() ?? [])];
  }
}
