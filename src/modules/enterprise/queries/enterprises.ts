// Reading enterprises: the directory (search by name, building, industry, stage) and one
// enterprise with its contacts, lifecycle and use of the centre.
import { and, asc, count, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { users } from '../../../core/auth/index.js';
import { buildings } from '../../places/index.js';
import { enterprises, entContacts, entLifecycle, entRequests, entVisitEnterprises, entVisits } from '../schema.js';

export interface EnterpriseFilter {
  q?: string;
  buildingId?: number;
  industry?: string;
  stage?: string;
  size?: string;
  ids?: number[];
  page?: number;
  pageSize?: number;
}

export async function listEnterprises(q: Queryable, tenantId: string, f: EnterpriseFilter) {
  const conds: SQL[] = [eq(enterprises.tenantId, tenantId)];
  if (f.q?.trim()) conds.push(ilike(enterprises.name, `%${f.q.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  if (f.buildingId) conds.push(eq(enterprises.buildingId, f.buildingId));
  if (f.industry) conds.push(eq(enterprises.industry, f.industry));
  if (f.stage) conds.push(eq(enterprises.stage, f.stage));
  if (f.size) conds.push(eq(enterprises.size, f.size));
  if (f.ids) conds.push(f.ids.length ? inArray(enterprises.id, f.ids) : sql`false`);
  const where = and(...conds);
  const pageSize = f.pageSize ?? 20;
  const rows = await q
    .select({ e: enterprises, buildingName: buildings.name })
    .from(enterprises)
    .innerJoin(buildings, eq(buildings.id, enterprises.buildingId))
    .where(where)
    .orderBy(asc(buildings.code), asc(enterprises.floor), asc(enterprises.id))
    .limit(pageSize)
    .offset(((f.page ?? 1) - 1) * pageSize);
  const [total] = await q.select({ n: count() }).from(enterprises).where(where);
  return { total: Number(total?.n ?? 0), items: rows.map(({ e, buildingName }) => presentEnterprise(e, buildingName)) };
}

function presentEnterprise(e: typeof enterprises.$inferSelect, buildingName: string) {
  return {
    id: e.id,
    name: e.name,
    creditCode: e.creditCode,
    building: { id: e.buildingId, name: buildingName },
    floor: e.floor,
    room: e.room,
    industry: e.industry,
    size: e.size,
    stage: e.stage,
    projectTier: e.projectTier,
    settledOn: e.settledOn,
    illustrative: e.illustrative,
    active: e.active,
  };
}

export async function enterpriseDetail(q: Queryable, tenantId: string, id: number) {
  const [row] = await q.select({ e: enterprises, buildingName: buildings.name }).from(enterprises).innerJoin(buildings, eq(buildings.id, enterprises.buildingId)).where(and(eq(enterprises.tenantId, tenantId), eq(enterprises.id, id)));
  if (!row) return null;
  const [contacts, lifecycle, requests, visits] = await Promise.all([
    q.select().from(entContacts).where(eq(entContacts.enterpriseId, id)).orderBy(desc(entContacts.primary), asc(entContacts.id)),
    q.select({ l: entLifecycle, by: users.displayName }).from(entLifecycle).leftJoin(users, eq(users.id, entLifecycle.byUserId)).where(eq(entLifecycle.enterpriseId, id)).orderBy(desc(entLifecycle.at), desc(entLifecycle.id)).limit(200),
    q
      .select({ total: count(), completed: sql<number>`count(*) filter (where ${entRequests.status} = 'completed')::int`, open: sql<number>`count(*) filter (where ${entRequests.status} in ('submitted','accepted','in_progress'))::int`, avgRating: sql<number | null>`avg(${entRequests.ratingScore})::float` })
      .from(entRequests)
      .where(eq(entRequests.enterpriseId, id)),
    q.select({ at: sql<Date | null>`max(${entVisits.visitedAt})` }).from(entVisitEnterprises).innerJoin(entVisits, eq(entVisits.id, entVisitEnterprises.visitId)).where(eq(entVisitEnterprises.enterpriseId, id)),
  ]);
  const s = requests[0];
  const lastVisit = visits[0]?.at;
  return {
    ...presentEnterprise(row.e, row.buildingName),
    contacts: contacts.map((c) => ({ id: c.id, name: c.name, title: c.title, phone: c.phone, email: c.email, primary: c.primary, hasLogin: c.userId != null })),
    lifecycle: lifecycle.map(({ l, by }) => ({ at: l.at.toISOString(), kind: l.kind, fromStage: l.fromStage, toStage: l.toStage, refType: l.refType, refId: l.refId, note: l.note, by: by ?? null })),
    requests: { total: Number(s?.total ?? 0), completed: Number(s?.completed ?? 0), open: Number(s?.open ?? 0), avgRating: s?.avgRating == null ? null : Math.round(Number(s.avgRating) * 100) / 100 },
    lastVisitAt: lastVisit ? new Date(lastVisit).toISOString() : null,
  };
}
