// Reading requests: the queue (filtered, paged, by deadline) and one request in full
// (steps, hand-overs, progress log, street problems, what the viewer may do next).
import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../../core/db/index.js';
import { hasRole, users, type Actor } from '../../../core/auth/index.js';
import { buildings } from '../../places/index.js';
import { enterprises, entCategories, entHandovers, entItems, entOffices, entRequestLog, entRequests, entRequestSteps, entStreetProblems, entSubcategories } from '../schema.js';
import { requestCode, idFromCode } from '../domain/requestCode.js';
import { limitState } from '../domain/limits.js';
import { OPEN_STATUSES, requestActions, type Channel, type RequestStatus, type StepStatus } from '../domain/requestRules.js';
import { forOwnEnterprise, isAgent, isChief } from '../policies.js';

const owner = alias(users, 'owner');
const receiver = alias(users, 'receiver');

export interface RequestFilter {
  status?: string[];
  open?: boolean;
  owner?: 'me' | 'none' | number;
  enterpriseIds?: number[];
  categoryId?: number;
  q?: string;
  overdue?: boolean;
  handoverToMe?: boolean;
  from?: Date;
  to?: Date;
  sort?: 'due' | 'created';
  page?: number;
  pageSize?: number;
}

export function requestWhere(tenantId: string, f: RequestFilter, viewerId: number | null): SQL {
  const conds: SQL[] = [eq(entRequests.tenantId, tenantId)];
  if (f.status?.length) conds.push(inArray(entRequests.status, f.status));
  if (f.open) conds.push(inArray(entRequests.status, [...OPEN_STATUSES]));
  if (f.owner === 'me') conds.push(eq(entRequests.ownerId, viewerId ?? -1));
  else if (f.owner === 'none') conds.push(isNull(entRequests.ownerId));
  else if (typeof f.owner === 'number') conds.push(eq(entRequests.ownerId, f.owner));
  if (f.enterpriseIds) conds.push(f.enterpriseIds.length ? inArray(entRequests.enterpriseId, f.enterpriseIds) : sql`false`);
  if (f.categoryId) conds.push(eq(entSubcategories.categoryId, f.categoryId));
  if (f.overdue) conds.push(and(inArray(entRequests.status, [...OPEN_STATUSES]), isNotNull(entRequests.overdueAt))!);
  if (f.handoverToMe) conds.push(sql`exists (select 1 from ent_handovers h where h.request_id = ent_requests.id and h.status = 'pending' and h.to_user_id = ${viewerId ?? -1})`);
  if (f.from) conds.push(gte(entRequests.createdAt, f.from));
  if (f.to) conds.push(lt(entRequests.createdAt, f.to));
  if (f.q?.trim()) {
    const id = idFromCode(f.q);
    const like = `%${f.q.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(enterprises.name, like), ilike(entItems.name, like), ...(id ? [eq(entRequests.id, id)] : []))!);
  }
  return and(...conds)!;
}

const listColumns = {
  r: entRequests,
  enterpriseName: enterprises.name,
  buildingId: enterprises.buildingId,
  buildingName: buildings.name,
  itemName: entItems.name,
  itemLevel: entItems.level,
  subcategoryName: entSubcategories.name,
  categoryId: entCategories.id,
  categoryName: entCategories.name,
  ownerName: owner.displayName,
  receiverName: receiver.displayName,
};

function baseQuery(q: Queryable) {
  return q
    .select(listColumns)
    .from(entRequests)
    .innerJoin(enterprises, eq(enterprises.id, entRequests.enterpriseId))
    .innerJoin(buildings, eq(buildings.id, enterprises.buildingId))
    .innerJoin(entItems, eq(entItems.id, entRequests.itemId))
    .innerJoin(entSubcategories, eq(entSubcategories.id, entItems.subcategoryId))
    .innerJoin(entCategories, eq(entCategories.id, entSubcategories.categoryId))
    .leftJoin(owner, eq(owner.id, entRequests.ownerId))
    .leftJoin(receiver, eq(receiver.id, entRequests.receivedBy));
}

type ListRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

export function presentListRow(row: ListRow, now: Date, extra: { stepsDone: number; stepsTotal: number; pendingTo: { id: number; name: string } | null }) {
  const r = row.r;
  return {
    id: r.id,
    code: requestCode(r.createdAt, r.id),
    enterprise: { id: r.enterpriseId, name: row.enterpriseName, buildingId: row.buildingId, building: row.buildingName },
    item: { id: r.itemId, name: row.itemName, level: row.itemLevel, subcategory: row.subcategoryName, categoryId: row.categoryId, category: row.categoryName, version: r.itemVersion },
    channel: r.channel as Channel,
    status: r.status as RequestStatus,
    description: r.description,
    owner: r.ownerId ? { id: r.ownerId, name: row.ownerName ?? '' } : null,
    receivedBy: r.receivedBy ? { id: r.receivedBy, name: row.receiverName ?? '' } : null,
    createdAt: r.createdAt.toISOString(),
    receivedAt: r.receivedAt?.toISOString() ?? null,
    limitDays: r.limitDays,
    dueAt: r.dueAt.toISOString(),
    warnAt: r.warnAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
    limitState: limitState(r, now),
    rating: r.ratingScore != null ? { score: r.ratingScore, comment: r.ratingComment, at: r.ratedAt!.toISOString() } : null,
    stepsDone: extra.stepsDone,
    stepsTotal: extra.stepsTotal,
    pendingHandoverTo: extra.pendingTo,
  };
}

export type RequestListItem = ReturnType<typeof presentListRow>;

async function stepCounts(q: Queryable, ids: number[]) {
  if (!ids.length) return new Map<number, { done: number; total: number }>();
  const rows = await q
    .select({ id: entRequestSteps.requestId, total: count(), done: sql<number>`count(*) filter (where ${entRequestSteps.status} in ('done','skipped'))::int` })
    .from(entRequestSteps)
    .where(inArray(entRequestSteps.requestId, ids))
    .groupBy(entRequestSteps.requestId);
  return new Map(rows.map((r) => [r.id, { done: Number(r.done), total: Number(r.total) }]));
}

async function pendingHandovers(q: Queryable, ids: number[]) {
  if (!ids.length) return new Map<number, { id: number; name: string }>();
  const rows = await q
    .select({ requestId: entHandovers.requestId, id: users.id, name: users.displayName })
    .from(entHandovers)
    .innerJoin(users, eq(users.id, entHandovers.toUserId))
    .where(and(inArray(entHandovers.requestId, ids), eq(entHandovers.status, 'pending')));
  return new Map(rows.map((r) => [r.requestId, { id: r.id, name: r.name }]));
}

export async function listRequests(q: Queryable, tenantId: string, f: RequestFilter, viewerId: number | null, now: Date): Promise<{ total: number; items: RequestListItem[] }> {
  const where = requestWhere(tenantId, f, viewerId);
  const pageSize = f.pageSize ?? 20;
  const page = f.page ?? 1;
  const order = f.sort === 'created' ? [desc(entRequests.createdAt), desc(entRequests.id)] : [asc(sql`case when ${entRequests.status} in ('completed','cancelled') then 1 else 0 end`), asc(entRequests.dueAt), asc(entRequests.id)];
  const rows = await baseQuery(q)
    .where(where)
    .orderBy(...order)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await q
    .select({ n: count() })
    .from(entRequests)
    .innerJoin(enterprises, eq(enterprises.id, entRequests.enterpriseId))
    .innerJoin(entItems, eq(entItems.id, entRequests.itemId))
    .innerJoin(entSubcategories, eq(entSubcategories.id, entItems.subcategoryId))
    .where(where);
  const ids = rows.map((r) => r.r.id);
  const [steps, pending] = await Promise.all([stepCounts(q, ids), pendingHandovers(q, ids)]);
  return {
    total: Number(total?.n ?? 0),
    items: rows.map((row) => presentListRow(row, now, { stepsDone: steps.get(row.r.id)?.done ?? 0, stepsTotal: steps.get(row.r.id)?.total ?? 0, pendingTo: pending.get(row.r.id) ?? null })),
  };
}

/** Every request matching the filter, for exports (capped by the caller). */
export async function allRequests(q: Queryable, tenantId: string, f: RequestFilter, viewerId: number | null, now: Date, max: number): Promise<RequestListItem[]> {
  const rows = await baseQuery(q).where(requestWhere(tenantId, f, viewerId)).orderBy(asc(entRequests.createdAt), asc(entRequests.id)).limit(max);
  const ids = rows.map((r) => r.r.id);
  const steps = await stepCounts(q, ids);
  return rows.map((row) => presentListRow(row, now, { stepsDone: steps.get(row.r.id)?.done ?? 0, stepsTotal: steps.get(row.r.id)?.total ?? 0, pendingTo: null }));
}

export async function findRequestRow(q: Queryable, tenantId: string, id: number): Promise<ListRow | undefined> {
  const [row] = await baseQuery(q).where(and(eq(entRequests.tenantId, tenantId), eq(entRequests.id, id)));
  return row;
}

/** One request in full, as the viewer may see it. */
export async function requestDetail(q: Queryable, row: ListRow, viewer: Actor, now: Date) {
  const r = row.r;
  // an enterprise user sees progress, not the centre's internal notes
  const staff = isAgent(viewer) || !hasRole(viewer, 'enterprise_user');
  const steps = await q
    .select({ s: entRequestSteps, officeName: entOffices.name, officeKind: entOffices.kind, officeAddress: entOffices.address, officePhone: entOffices.phone })
    .from(entRequestSteps)
    .innerJoin(entOffices, eq(entOffices.id, entRequestSteps.officeId))
    .where(eq(entRequestSteps.requestId, r.id))
    .orderBy(asc(entRequestSteps.seq));
  const giver = alias(users, 'giver');
  const taker = alias(users, 'taker');
  const initiator = alias(users, 'initiator');
  const handovers = await q
    .select({ h: entHandovers, fromName: giver.displayName, toName: taker.displayName, byName: initiator.displayName })
    .from(entHandovers)
    .leftJoin(giver, eq(giver.id, entHandovers.fromUserId))
    .innerJoin(taker, eq(taker.id, entHandovers.toUserId))
    .innerJoin(initiator, eq(initiator.id, entHandovers.initiatedBy))
    .where(eq(entHandovers.requestId, r.id))
    .orderBy(asc(entHandovers.createdAt), asc(entHandovers.id));
  const logActor = alias(users, 'log_actor');
  const log = await q
    .select({ l: entRequestLog, actorName: logActor.displayName })
    .from(entRequestLog)
    .leftJoin(logActor, eq(logActor.id, entRequestLog.actorUserId))
    .where(eq(entRequestLog.requestId, r.id))
    .orderBy(asc(entRequestLog.at), asc(entRequestLog.id));
  const problems = staff ? await q.select().from(entStreetProblems).where(eq(entStreetProblems.requestId, r.id)).orderBy(asc(entStreetProblems.id)) : [];
  const openSteps = steps.filter((s) => s.s.status === 'pending' || s.s.status === 'in_progress').length;
  const pending = handovers.find((h) => h.h.status === 'pending');
  const allowedActions = requestActions(
    { status: r.status as RequestStatus, ownerId: r.ownerId, rated: r.ratedAt != null, openSteps, pendingHandover: pending ? { toUserId: pending.h.toUserId, initiatedBy: pending.h.initiatedBy } : null },
    { userId: viewer.kind === 'user' ? viewer.id : null, agent: isAgent(viewer), chief: isChief(viewer), ownEnterprise: forOwnEnterprise(viewer, r.enterpriseId) },
  );
  return {
    ...presentListRow(row, now, { stepsDone: steps.length - openSteps, stepsTotal: steps.length, pendingTo: pending ? { id: pending.h.toUserId, name: pending.toName } : null }),
    contactName: r.contactName,
    contactPhone: r.contactPhone,
    materials: r.materials,
    completionNote: r.completionNote,
    cancelReason: r.cancelReason,
    visitId: r.visitId,
    steps: steps.map(({ s, officeName, officeKind, officeAddress, officePhone }) => ({
      id: s.id,
      seq: s.seq,
      office: { id: s.officeId, name: officeName, kind: officeKind, address: officeAddress, phone: officePhone },
      task: s.task,
      status: s.status as StepStatus,
      note: s.note,
      documents: s.documents.map((d) => ({ name: d.name, direction: d.direction, reference: d.reference, at: d.at })),
      startedAt: s.startedAt?.toISOString() ?? null,
      finishedAt: s.finishedAt?.toISOString() ?? null,
    })),
    handovers: handovers.map(({ h, fromName, toName, byName }) => ({
      id: h.id,
      kind: h.kind,
      from: h.fromUserId ? { id: h.fromUserId, name: fromName ?? '' } : null,
      to: { id: h.toUserId, name: toName },
      initiatedBy: { id: h.initiatedBy, name: byName },
      note: staff ? h.note : null,
      status: h.status,
      createdAt: h.createdAt.toISOString(),
      respondedAt: h.respondedAt?.toISOString() ?? null,
      responseNote: staff ? h.responseNote : null,
    })),
    log: log
      .filter(({ l }) => staff || !['handover_requested', 'handover_declined', 'handover_withdrawn', 'street_problem'].includes(l.kind))
      .map(({ l, actorName }) => ({ at: l.at.toISOString(), kind: l.kind, actor: actorName ?? null, detail: staff ? (l.detail as Record<string, unknown>) : publicDetail(l.kind, l.detail as Record<string, unknown>) })),
    streetProblems: problems.map((p) => ({ id: p.id, categoryHint: p.categoryHint, description: p.description, lng: p.lng, lat: p.lat, address: p.address, reportedAt: p.reportedAt.toISOString(), caseRef: p.caseRef })),
    allowedActions,
  };
}

/** What an enterprise sees of a progress entry: no internal notes. */
function publicDetail(kind: string, d: Record<string, unknown>): Record<string, unknown> {
  const { note: _n, ...rest } = d;
  return kind === 'completed' || kind === 'cancelled' || kind === 'rated' ? d : rest;
}
