// The register as a worker sees it: entries in their areas, filtered and paged, with the
// visit state of each. Every entry returned is audited as read by the caller.
import { and, asc, count, eq, gte, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import type { Actor } from '../../../core/auth/index.js';
import { hasRole } from '../../../core/auth/index.js';
import { auditMany } from '../../../core/audit/index.js';
import { localDate } from '../../../core/calendar/index.js';
import { elderly, residents, sensorConsents } from '../schema.js';
import { ageBand, ageOn, birthDateRange, type AgeBand } from '../domain/age.js';
import { dueSoonLimit, dueState } from '../domain/visitPlan.js';
import { elderlyBase, type ElderlyRow } from './elderlyRecord.js';

export interface RegisterFilter {
  areaId?: number;
  band?: AgeBand;
  alone?: boolean;
  careLevelMin?: number;
  due?: 'overdue' | 'due';
  q?: string;
  page: number;
  pageSize: number;
}

/** Entries the actor may see at all: their areas, or their committee. */
export function scopeCondition(actor: Actor): SQL | undefined {
  if (actor.kind !== 'user') return sql`false`;
  const areas = actor.scopes.area;
  const committees = hasRole(actor, 'committee_member') ? actor.scopes.committee : [];
  const parts: SQL[] = [];
  if (hasRole(actor, 'care_staff', 'committee_member') && areas.length) parts.push(inArray(elderly.areaId, areas));
  if (committees.length) parts.push(inArray(elderly.committeeId, committees));
  return parts.length ? or(...parts) : sql`false`;
}

export function presentListItem(r: ElderlyRow, now: Date, hasSensor: boolean) {
  const age = ageOn(r.birthDate, localDate(now));
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    age,
    band: ageBand(age),
    livesAlone: r.livesAlone,
    careLevel: r.careLevel,
    status: r.status,
    areaId: r.areaId,
    areaName: r.areaName,
    buildingName: r.buildingName,
    unitCode: r.unitCode,
    lastVisitAt: r.lastVisitAt?.toISOString() ?? null,
    nextVisitDue: r.nextVisitDue?.toISOString() ?? null,
    dueState: r.status === 'active' ? dueState(r.nextVisitDue, now) : 'none',
    hasSensor,
  };
}

/** The page of entries (no audit): used by listRegister, which audits what it returns. */
export async function queryRegister(q: Queryable, actor: Actor, f: RegisterFilter, now: Date) {
  const today = localDate(now);
  const conds: (SQL | undefined)[] = [eq(elderly.tenantId, actor.tenantId), scopeCondition(actor), eq(elderly.status, 'active')];
  if (f.areaId) conds.push(eq(elderly.areaId, f.areaId));
  if (f.alone !== undefined) conds.push(eq(elderly.livesAlone, f.alone));
  if (f.careLevelMin !== undefined) conds.push(gte(elderly.careLevel, f.careLevelMin));
  if (f.band) {
    const [earliest, latest] = birthDateRange(f.band, today);
    conds.push(lte(residents.birthDate, latest));
    if (earliest) conds.push(gte(residents.birthDate, earliest));
  }
  if (f.due === 'overdue') conds.push(sql`${elderly.nextVisitDue} < ${now.toISOString()}::timestamptz`);
  if (f.due === 'due') conds.push(sql`${elderly.nextVisitDue} < ${dueSoonLimit(now).toISOString()}::timestamptz`);
  if (f.q) conds.push(ilike(residents.name, `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  const where = and(...conds);
  const order = f.due ? [asc(elderly.nextVisitDue), asc(elderly.id)] : [asc(residents.buildingId), asc(elderly.id)];
  const [rows, [total]] = await Promise.all([
    elderlyBase(q)
      .where(where)
      .orderBy(...order)
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    // the person's row is needed only to filter by birth date or name
    f.band || f.q ? q.select({ n: count() }).from(elderly).innerJoin(residents, eq(residents.id, elderly.residentId)).where(where) : q.select({ n: count() }).from(elderly).where(where),
  ]);
  const ids = rows.map((r) => r.id);
  const sensors = ids.length
    ? new Set((await q.select({ id: sensorConsents.elderlyId }).from(sensorConsents).where(and(eq(sensorConsents.tenantId, actor.tenantId), inArray(sensorConsents.elderlyId, ids), isNull(sensorConsents.withdrawnAt)))).map((s) => s.id))
    : new Set<number>();
  return { total: Number(total?.n ?? 0), page: f.page, pageSize: f.pageSize, items: rows.map((r) => presentListItem(r, now, sensors.has(r.id))) };
}

/** A page of the register for a worker; every entry returned is audited as read. */
export async function listRegister(q: Queryable, actor: Actor, f: RegisterFilter, now: Date, ip?: string) {
  const page = await queryRegister(q, actor, f, now);
  await auditMany(q, page.items.map((r) => ({ tenantId: actor.tenantId, actor, action: 'people.elderly.list', subjectType: 'elderly', subjectId: r.id, ip })));
  return page;
}
