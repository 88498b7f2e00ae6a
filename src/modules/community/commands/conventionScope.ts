// Conventions (楼宇公约, 居民公约, 住户手册) bind the households of one or more buildings
// or of a residential area; the helpers here find them and check the actor's scope.
import { and, eq, inArray } from 'drizzle-orm';
import { authorize, type Actor } from '../../../core/auth/index.js';
import type { Queryable } from '../../../core/db/index.js';
import { buildings, units } from '../../places/index.js';
import { conventions } from '../schema.js';
import type { CommunitySubject } from '../policies.js';
import { areaPlace, buildingPlace, missing } from '../scope.js';

export const CONVENTION_KINDS = ['building_convention', 'residents_convention', 'handbook'] as const;
export type ConventionRow = typeof conventions.$inferSelect;

/** Every building (or the area) it binds must be in the actor's scope. */
export async function conventionSubjects(q: Queryable, c: { tenantId: string; buildingIds: number[]; areaId: number | null; committeeId: number | null }, field?: boolean): Promise<CommunitySubject[]> {
  if (c.areaId) return [{ ...(await areaPlace(q, c.tenantId, c.areaId, field ? 'areaId' : undefined)).subject, committeeId: c.committeeId }];
  const out: CommunitySubject[] = [];
  for (const [i, b] of c.buildingIds.entries()) out.push({ ...(await buildingPlace(q, c.tenantId, b, field ? `buildingIds.${i}` : undefined)).subject, committeeId: c.committeeId });
  return out;
}

export const authorizeAll = (actor: Actor, action: string, subjects: CommunitySubject[]) => subjects.forEach((s) => authorize(actor, action, s));

/** The units (households) a convention binds. */
export async function householdIds(q: Queryable, c: { tenantId: string; buildingIds: number[]; areaId: number | null }): Promise<number[]> {
  const bids = c.areaId ? (await q.select({ id: buildings.id }).from(buildings).where(and(eq(buildings.tenantId, c.tenantId), eq(buildings.areaId, c.areaId)))).map((b) => b.id) : c.buildingIds;
  if (bids.length === 0) return [];
  return (await q.select({ id: units.id }).from(units).where(and(eq(units.tenantId, c.tenantId), inArray(units.buildingId, bids)))).map((u) => u.id);
}

export async function loadConvention(q: Queryable, tenantId: string, id: number, lock = false) {
  const query = q.select().from(conventions).where(and(eq(conventions.tenantId, tenantId), eq(conventions.id, id)));
  const [c] = lock ? await query.for('update') : await query;
  if (!c) throw missing('thing.convention', id);
  return c;
}

export const scopeOfConvention = (c: { buildingIds: number[]; areaId: number | null }) => ({ buildings: c.buildingIds, areas: c.areaId ? [c.areaId] : [] });

