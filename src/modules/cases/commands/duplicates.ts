// Possible duplicates: open cases of the same category within the category's radius.
import { and, eq, ne, sql, between } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { cases } from '../schema.js';
import { boxAround, distanceM } from '../domain/geo.js';
import type { CaseRow } from './write.js';

export interface DuplicateHint {
  id: number;
  number: string;
  state: string;
  distanceM: number;
  reportedAt: string;
  description: string;
}

export async function findDuplicates(q: Queryable, c: Pick<CaseRow, 'id' | 'tenantId' | 'categoryId' | 'lng' | 'lat'>, radiusM: number, limit = 5): Promise<DuplicateHint[]> {
  if (radiusM <= 0) return [];
  const box = boxAround(c.lng, c.lat, radiusM);
  const rows = await q
    .select({ id: cases.id, number: cases.number, state: cases.state, lng: cases.lng, lat: cases.lat, reportedAt: cases.reportedAt, description: cases.description })
    .from(cases)
    .where(and(eq(cases.tenantId, c.tenantId), eq(cases.categoryId, c.categoryId), sql`${cases.state} not in ('closed', 'cancelled')`, ne(cases.id, c.id), between(cases.lat, box.minLat, box.maxLat), between(cases.lng, box.minLng, box.maxLng)))
    .limit(200);
  return rows
    .map((r) => ({ id: r.id, number: r.number, state: r.state, distanceM: Math.round(distanceM(c.lng, c.lat, r.lng, r.lat)), reportedAt: r.reportedAt.toISOString(), description: r.description.slice(0, 80) }))
    .filter((r) => r.distanceM <= radiusM)
    .sort((a, b) => a.distanceM - b.distanceM || a.id - b.id)
    .slice(0, limit);
}
