// Conventions as the committee and the owners see them: versions, how many households
// have acknowledged the published one, and who has not.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { buildings, owners, residentialAreas, unitOwners, units } from '../../places/index.js';
import { conventionAcks, conventions, conventionVersions } from '../schema.js';
import { householdIds, type ConventionRow } from '../commands/conventionScope.js';

export async function conventionSummary(q: Queryable, c: ConventionRow) {
  const versions = await q.select().from(conventionVersions).where(eq(conventionVersions.conventionId, c.id)).orderBy(desc(conventionVersions.version));
  const published = versions.find((v) => v.status === 'published') ?? null;
  const drafting = versions.find((v) => v.status === 'drafting') ?? null;
  const households = await householdIds(q, c);
  const [acked] = published ? await q.select({ n: count() }).from(conventionAcks).where(eq(conventionAcks.versionId, published.id)) : [{ n: 0 }];
  const names = c.areaId
    ? (await q.select({ name: residentialAreas.name }).from(residentialAreas).where(eq(residentialAreas.id, c.areaId))).map((a) => a.name)
    : c.buildingIds.length
      ? (await q.select({ name: buildings.name }).from(buildings).where(inArray(buildings.id, c.buildingIds))).map((b) => b.name)
      : [];
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    buildingIds: c.buildingIds,
    areaId: c.areaId,
    committeeId: c.committeeId,
    placeNames: names,
    published: published ? { versionId: published.id, version: published.version, publishedAt: published.publishedAt?.toISOString() ?? null } : null,
    drafting: drafting ? { versionId: drafting.id, version: drafting.version, updatedAt: drafting.updatedAt.toISOString() } : null,
    households: households.length,
    acknowledged: Number(acked?.n ?? 0),
    versions: versions.map((v) => ({ id: v.id, version: v.version, status: v.status, body: v.body, changeNote: v.changeNote, publishedAt: v.publishedAt?.toISOString() ?? null, updatedAt: v.updatedAt.toISOString() })),
  };
}

export async function listConventions(q: Queryable, tenantId: string): Promise<ConventionRow[]> {
  return q.select().from(conventions).where(eq(conventions.tenantId, tenantId)).orderBy(asc(conventions.id));
}

/** Households that have not acknowledged the published version, with their owners. */
export async function pendingHouseholds(q: Queryable, c: ConventionRow, versionId: number, limit: number, offset: number) {
  const ids = await householdIds(q, c);
  if (ids.length === 0) return { total: 0, units: [] };
  const rows = await q
    .select({ unitId: units.id, unitCode: units.code, floor: units.floor, buildingName: buildings.name, total: sql<number>`count(*) over ()::int` })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .leftJoin(conventionAcks, and(eq(conventionAcks.unitId, units.id), eq(conventionAcks.versionId, versionId)))
    .where(and(inArray(units.id, ids), sql`${conventionAcks.unitId} is null`))
    .orderBy(asc(buildings.code), asc(units.floor), asc(units.code))
    .limit(limit)
    .offset(offset);
  const links = rows.length ? await q.select({ unitId: unitOwners.unitId, name: owners.name, phone: owners.phone }).from(unitOwners).innerJoin(owners, eq(owners.id, unitOwners.ownerId)).where(inArray(unitOwners.unitId, rows.map((r) => r.unitId))) : [];
  return {
    total: rows[0]?.total ?? 0,
    units: rows.map((r) => ({ unitId: r.unitId, unitCode: r.unitCode, floor: r.floor, buildingName: r.buildingName, owners: links.filter((l) => l.unitId === r.unitId).map((l) => l.name) })),
  };
}
