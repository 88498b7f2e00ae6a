// The device registry, zones and scene rules in memory, for the hot path: every lookup an
// incoming message needs is a Map access. Rebuilt per tenant from the database at start
// and whenever the registry changes (on any node, through the bus).
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../core/db/index.js';
import type { EventBus } from '../../../core/bus/index.js';
import { tenants } from '../../../core/db/schema.js';
import { devices, scenes, zones } from '../schema.js';
import { DEFAULT_RATE_LIMIT, type DeviceKind, type SceneDef } from '../domain/types.js';

export interface DeviceRef {
  id: number;
  tenantId: string;
  code: string;
  name: string;
  kind: DeviceKind;
  lng: number | null;
  lat: number | null;
  address: string | null;
  gridId: number | null;
  departmentId: number | null;
  areaId: number | null;
  buildingId: number | null;
  unitId: number | null;
  parentId: number | null;
  frigateName: string | null;
  topicPrefix: string | null;
  keyVersion: number;
  rateLimit: number;
  offlineAfterS: number | null;
  enabled: boolean;
  attributes: Record<string, unknown>;
}

export interface ZoneRef {
  id: number;
  tenantId: string;
  nvrId: number;
  cameraId: number | null;
  code: string;
  name: string;
  frigateName: string;
  labels: string[];
  lng: number;
  lat: number;
  gridId: number | null;
}

interface TenantRegistry {
  byCode: Map<string, DeviceRef>;
  scenes: SceneDef[];
}

export const REGISTRY_CHANGED = 'sensing.registry.changed';

export class SensingRegistry {
  private readonly tenants = new Map<string, TenantRegistry>();
  private readonly byId = new Map<number, DeviceRef>();
  private readonly nvrByPrefix = new Map<string, DeviceRef>();
  private readonly cameraByName = new Map<string, DeviceRef>();
  private readonly zoneByName = new Map<string, ZoneRef>();
  private readonly zonesById = new Map<number, ZoneRef>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly database: Database) {}

  attach(bus: EventBus): void {
    bus.on(REGISTRY_CHANGED, (e) => void this.load(e.tenantId));
  }

  /** Called after every reload (e.g. to subscribe to a new Frigate server's topics). */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  async loadAll(): Promise<void> {
    const rows = await this.database.db.select({ id: tenants.id }).from(tenants);
    for (const r of rows) await this.load(r.id);
  }

  async load(tenantId: string): Promise<void> {
    const drows = await this.database.db.select().from(devices).where(eq(devices.tenantId, tenantId));
    const zrows = await this.database.db.select().from(zones).where(eq(zones.tenantId, tenantId));
    const srows = await this.database.db.select().from(scenes).where(and(eq(scenes.tenantId, tenantId), eq(scenes.enabled, true)));

    // drop this tenant's old entries from the cross-tenant maps
    const old = this.tenants.get(tenantId);
    for (const d of old?.byCode.values() ?? []) {
      this.byId.delete(d.id);
      if (d.topicPrefix) this.nvrByPrefix.delete(d.topicPrefix);
      if (d.parentId && d.frigateName) this.cameraByName.delete(`${d.parentId}/${d.frigateName}`);
    }
    for (const [k, z] of this.zonesById) if (z.tenantId === tenantId) {
      this.zonesById.delete(k);
      this.zoneByName.delete(`${z.nvrId}/${z.frigateName}`);
    }

    const byCode = new Map<string, DeviceRef>();
    for (const r of drows) {
      const kind = r.kind as DeviceKind;
      const d: DeviceRef = {
        id: r.id,
        tenantId,
        code: r.code,
        name: r.name,
        kind,
        lng: r.lng,
        lat: r.lat,
        address: r.address,
        gridId: r.gridId,
        departmentId: r.departmentId,
        areaId: r.areaId,
        buildingId: r.buildingId,
        unitId: r.unitId,
        parentId: r.parentId,
        frigateName: r.frigateName,
        topicPrefix: r.topicPrefix,
        keyVersion: r.keyVersion,
        rateLimit: r.rateLimit ?? DEFAULT_RATE_LIMIT[kind] ?? 50,
        offlineAfterS: r.offlineAfterS,
        enabled: r.enabled,
        attributes: (r.attributes ?? {}) as Record<string, unknown>,
      };
      byCode.set(d.code, d);
      this.byId.set(d.id, d);
      if (d.topicPrefix && d.enabled) this.nvrByPrefix.set(d.topicPrefix, d);
      if (d.parentId && d.frigateName) this.cameraByName.set(`${d.parentId}/${d.frigateName}`, d);
    }
    for (const r of zrows) {
      const z: ZoneRef = { id: r.id, tenantId, nvrId: r.nvrId, cameraId: r.cameraId, code: r.code, name: r.name, frigateName: r.frigateName, labels: r.labels, lng: r.lng, lat: r.lat, gridId: r.gridId };
      this.zonesById.set(z.id, z);
      this.zoneByName.set(`${z.nvrId}/${z.frigateName}`, z);
    }
    const defs: SceneDef[] = srows.map((r) => ({
      id: r.id,
      tenantId,
      code: r.code,
      name: r.name,
      kind: r.kind as SceneDef['kind'],
      params: r.params as SceneDef['params'],
      schedule: r.schedule as SceneDef['schedule'],
      categoryCode: r.categoryCode,
      grade: r.grade as SceneDef['grade'],
      autoRegister: r.autoRegister,
      departmentId: r.departmentId,
      cooldownS: r.cooldownS,
      enabled: r.enabled,
    }));
    this.tenants.set(tenantId, { byCode, scenes: defs });
    for (const fn of this.listeners) fn();
  }

  tenantIds(): string[] {
    return [...this.tenants.keys()];
  }

  device(tenantId: string, code: string): DeviceRef | undefined {
    return this.tenants.get(tenantId)?.byCode.get(code);
  }

  devicesOfTenant(tenantId: string): DeviceRef[] {
    return [...(this.tenants.get(tenantId)?.byCode.values() ?? [])];
  }

  deviceById(id: number): DeviceRef | undefined {
    return this.byId.get(id);
  }

  nvr(prefix: string): DeviceRef | undefined {
    return this.nvrByPrefix.get(prefix);
  }

  nvrPrefixes(): string[] {
    return [...this.nvrByPrefix.keys()];
  }

  camera(nvrId: number, frigateName: string): DeviceRef | undefined {
    return this.cameraByName.get(`${nvrId}/${frigateName}`);
  }

  zone(nvrId: number, frigateName: string): ZoneRef | undefined {
    return this.zoneByName.get(`${nvrId}/${frigateName}`);
  }

  zoneById(id: number): ZoneRef | undefined {
    return this.zonesById.get(id);
  }

  zonesOfNvr(nvrId: number): ZoneRef[] {
    return [...this.zonesById.values()].filter((z) => z.nvrId === nvrId);
  }

  scenes(tenantId: string): SceneDef[] {
    return this.tenants.get(tenantId)?.scenes ?? [];
  }

  scene(tenantId: string, id: number): SceneDef | undefined {
    return this.scenes(tenantId).find((s) => s.id === id);
  }
}
