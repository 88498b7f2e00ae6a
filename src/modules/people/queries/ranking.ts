// 楼组志愿星: confirmed hours in a calendar year, ranked within each building group.
import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { buildings } from '../../places/index.js';
import { volunteerHours, volunteers } from '../schema.js';
import { rankWithin, type Ranked } from '../domain/ranking.js';

export async function yearlyRanking(q: Queryable, tenantId: string, year: number, filter: { buildingId?: number; areaId?: number } = {}) {
  const conds: SQL[] = [eq(volunteerHours.tenantId, tenantId), eq(volunteerHours.status, 'confirmed'), gte(volunteerHours.servedOn, `${year}-01-01`), lte(volunteerHours.servedOn, `${year}-12-31`)];
  if (filter.buildingId) conds.push(eq(volunteers.buildingId, filter.buildingId));
  if (filter.areaId) conds.push(eq(volunteers.areaId, filter.areaId));
  const rows = await q
    .select({ volunteerId: volunteers.id, name: volunteers.name, buildingId: volunteers.buildingId, userId: volunteers.userId, hours: sql<string>`sum(${volunteerHours.hours})` })
    .from(volunteerHours)
    .innerJoin(volunteers, eq(volunteers.id, volunteerHours.volunteerId))
    .where(and(...conds))
    .groupBy(volunteers.id, volunteers.name, volunteers.buildingId, volunteers.userId);
  const userOf = new Map(rows.map((r) => [r.volunteerId, r.userId]));
  const ranked = rankWithin(rows.map((r) => ({ volunteerId: r.volunteerId, name: r.name, buildingId: r.buildingId, hours: Number(r.hours) })));
  const ids = [...ranked.keys()];
  const names = ids.length ? await q.select({ id: buildings.id, name: buildings.name, areaId: buildings.areaId }).from(buildings).where(inArray(buildings.id, ids)) : [];
  const info = new Map(names.map((b) => [b.id, b]));
  return { ranked, info, userOf };
}

/** 王秀英 → 王*英: names on a public board, for those who are not organisers. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export type { Ranked };
