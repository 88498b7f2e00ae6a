// Loads the generated demo data set into an empty database, in one transaction.
import type { Logger } from 'pino';
import { eq } from 'drizzle-orm';
import type { Database, Tx } from '../src/core/db/index.js';
import { tenants } from '../src/core/db/schema.js';
import { users, userScopes, hashPassword } from '../src/core/auth/index.js';
import { departments, residentialAreas, buildings, units, owners, unitOwners, shops, roads, grids } from '../src/modules/places/index.js';
import { bbox } from '../src/core/geo/index.js';
import area from '@turf/area';
import { generateDemo, type DemoData } from './generate.js';
import { DEMO_PASSWORD } from './accounts.js';
import { demoExtensions, type DemoIds } from './extensions.js';

async function chunked<T>(rows: T[], size: number, fn: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await fn(rows.slice(i, i + size));
}

export async function loadDemo(database: Database, opts: { tenant?: string; log?: Logger; data?: DemoData } = {}): Promise<DemoIds> {
  const data = opts.data ?? generateDemo(opts.tenant ?? 'shimen2');
  const t0 = Date.now();
  // One hash for every demo account: they share the published demo password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids = await database.db.transaction(async (tx) => {
    const ids = await loadPlaces(tx, data, passwordHash);
    for (const ext of demoExtensions) await ext.load(tx, data, ids);
    return ids;
  });
  // a bulk load leaves the planner without statistics until autovacuum gets to the tables
  // (never, where it is off), and it then joins whole tables for a page of 20 cases
  await database.query('analyze');
  opts.log?.info({ ms: Date.now() - t0, units: data.units.length, shops: data.shops.length }, 'demo data loaded');
  return ids;
}

async function loadPlaces(tx: Tx, data: DemoData, passwordHash: string): Promise<DemoIds> {
  const tenantId = data.tenant.id;
  await tx.insert(tenants).values(data.tenant);

  const areaRows = await tx.insert(residentialAreas).values(data.areas.map((a) => ({ tenantId, ...a }))).returning({ id: residentialAreas.id, code: residentialAreas.code });
  const areaId = new Map(areaRows.map((r) => [r.code, r.id]));

  const buildingRows = await tx
    .insert(buildings)
    .values(data.buildings.map(({ areaCode, ...b }) => ({ tenantId, ...b, areaId: areaCode ? areaId.get(areaCode)! : null })))
    .returning({ id: buildings.id, code: buildings.code });
  const buildingId = new Map(buildingRows.map((r) => [r.code, r.id]));

  const deptRows = await tx
    .insert(departments)
    .values(data.departments.map(({ areaCode, buildingCode, ...d }) => ({ tenantId, ...d, areaId: areaCode ? areaId.get(areaCode)! : null, buildingId: buildingCode ? buildingId.get(buildingCode)! : null })))
    .returning({ id: departments.id, code: departments.code });
  const departmentId = new Map(deptRows.map((r) => [r.code, r.id]));

  const userRows = await tx
    .insert(users)
    .values(data.accounts.map((a) => ({ tenantId, username: a.username, displayName: a.displayName, passwordHash, roles: a.roles, departmentId: a.department ? departmentId.get(a.department)! : null, phone: `1390000${String(data.accounts.indexOf(a)).padStart(4, '0')}` })))
    .returning({ id: users.id, username: users.username });
  const userId = new Map(userRows.map((r) => [r.username, r.id]));

  const ownerIds: number[] = [];
  await chunked(data.owners, 2000, async (chunk) => {
    const rows = await tx
      .insert(owners)
      .values(chunk.map((o) => ({ tenantId, name: o.name, kind: o.kind, phone: o.phone, userId: o.account ? userId.get(o.account)! : null })))
      .returning({ id: owners.id });
    ownerIds.push(...rows.map((r) => r.id));
  });

  const unitIds: number[] = [];
  await chunked(data.units, 2000, async (chunk) => {
    const rows = await tx
      .insert(units)
      .values(chunk.map((u) => ({ tenantId, buildingId: buildingId.get(u.buildingCode)!, code: u.code, floor: u.floor, area: u.area, use: u.use })))
      .returning({ id: units.id });
    unitIds.push(...rows.map((r) => r.id));
  });
  const links = data.units.flatMap((u, i) => u.owners.map((o) => ({ tenantId, unitId: unitIds[i]!, ownerId: ownerIds[o.owner]!, share: o.share })));
  await chunked(links, 3000, (chunk) => tx.insert(unitOwners).values(chunk));

  await chunked(data.shops, 1000, (chunk) => tx.insert(shops).values(chunk.map((s) => ({ tenantId, ...s }))));
  await tx.insert(roads).values(data.roads.map((r) => ({ tenantId, ...r })));

  const gridRows = await tx
    .insert(grids)
    .values(
      data.grids.map((g) => {
        const [minLng, minLat, maxLng, maxLat] = bbox(g.geometry);
        return { tenantId, code: g.code, name: g.name, kind: g.kind, geometry: g.geometry, minLng, minLat, maxLng, maxLat, areaM2: area(g.geometry), inspectorUserId: g.inspector ? userId.get(g.inspector)! : null, leaderUserId: g.kind === 'responsibility' ? userId.get('leader')! : null };
      }),
    )
    .returning({ id: grids.id, code: grids.code });
  const gridId = new Map(gridRows.map((r) => [r.code, r.id]));

  const scopes = data.accounts.flatMap((a) => {
    const uid = userId.get(a.username)!;
    return [
      ...(a.grids ?? []).map((c) => ({ tenantId, userId: uid, kind: 'grid', refId: gridId.get(c)! })),
      ...(a.departments ?? []).map((c) => ({ tenantId, userId: uid, kind: 'department', refId: departmentId.get(c)! })),
      ...(a.areas ?? []).map((c) => ({ tenantId, userId: uid, kind: 'area', refId: areaId.get(c)! })),
      ...(a.buildings ?? []).map((c) => ({ tenantId, userId: uid, kind: 'building', refId: buildingId.get(c)! })),
      ...(a.committees ?? []).map((c) => ({ tenantId, userId: uid, kind: 'committee', refId: departmentId.get(c)! })),
    ];
  });
  // care staff look after every residential area
  const care = userId.get('care');
  if (care) for (const id of areaId.values()) scopes.push({ tenantId, userId: care, kind: 'area', refId: id });
  if (scopes.length) await tx.insert(userScopes).values(scopes);

  await tx.update(tenants).set({ settings: data.tenant.settings }).where(eq(tenants.id, tenantId));
  return { tenantId, areaId, buildingId, departmentId, userId, gridId, ownerIds, unitIds };
}
