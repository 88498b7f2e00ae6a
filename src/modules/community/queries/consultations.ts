// Reading consultations for the workbench, the owner's page and the public page.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { buildings, residentialAreas } from '../../places/index.js';
import { ballots, consultationElectors, consultations } from '../schema.js';
import { countsFromJson, decide } from '../domain/tally.js';
import { matterItem, ruleFor, type Matter } from '../domain/matters.js';
import type { StoredResult } from '../commands/closeConsultation.js';
import { progressOut, resultOut } from '../present.js';
import { electorateOf, tallyCounts } from './tally.js';
import type { ConsultationRow } from '../commands/loadConsultation.js';

export async function placeNames(q: Queryable, tenantId: string): Promise<{ building: Map<number, { name: string; areaId: number | null }>; area: Map<number, string> }> {
  const bs = await q.select({ id: buildings.id, name: buildings.name, areaId: buildings.areaId }).from(buildings).where(eq(buildings.tenantId, tenantId));
  const as = await q.select({ id: residentialAreas.id, name: residentialAreas.name }).from(residentialAreas).where(eq(residentialAreas.tenantId, tenantId));
  return { building: new Map(bs.map((b) => [b.id, { name: b.name, areaId: b.areaId }])), area: new Map(as.map((a) => [a.id, a.name])) };
}

export async function listConsultations(q: Queryable, tenantId: string): Promise<ConsultationRow[]> {
  return q.select().from(consultations).where(eq(consultations.tenantId, tenantId)).orderBy(desc(consultations.createdAt), desc(consultations.id));
}

/** Participation while open (never the choices); the frozen result once closed. */
export async function standing(q: Queryable, c: ConsultationRow) {
  const rule = ruleFor(c.matter as Matter);
  if (c.status === 'closed' && c.result) {
    const r = c.result as StoredResult;
    const counts = countsFromJson(r.counts);
    return { progress: progressOut(counts, r.decision), result: resultOut(counts, r.decision, r.closedAt, r.ballotsDigest) };
  }
  if (c.status === 'open') {
    const counts = await tallyCounts(q, c.tenantId, c.id, electorateOf(c));
    return { progress: progressOut(counts, decide(counts, rule)), result: null };
  }
  return { progress: null, result: null };
}

export function summary(c: ConsultationRow, names: Awaited<ReturnType<typeof placeNames>>) {
  const b = c.buildingId ? names.building.get(c.buildingId) : undefined;
  const areaId = c.areaId ?? b?.areaId ?? null;
  return {
    id: c.id,
    title: c.title,
    matter: c.matter,
    item: matterItem(c.matter as Matter),
    rule: ruleFor(c.matter as Matter),
    status: c.status,
    scopeKind: c.scopeKind,
    buildingId: c.buildingId,
    areaId,
    placeName: b?.name ?? (c.areaId ? (names.area.get(c.areaId) ?? '') : ''),
    headRule: c.headRule,
    closesAt: c.closesAt?.toISOString() ?? null,
    openedAt: c.openedAt?.toISOString() ?? null,
    closedAt: c.closedAt?.toISOString() ?? null,
    planId: c.planId,
    committeeId: c.committeeId,
  };
}

/** The units of a consultation with whether (not how) each has voted. */
export async function electorList(q: Queryable, consultationId: number, opts: { search?: string; voted?: boolean; limit: number; offset: number }) {
  const conds = [eq(consultationElectors.consultationId, consultationId)];
  if (opts.search) conds.push(sql`${consultationElectors.unitCode} ilike ${`%${opts.search.replace(/[%_\\]/g, (m) => `\\${m}`)}%`}`);
  if (opts.voted === true) conds.push(sql`${ballots.unitId} is not null`);
  if (opts.voted === false) conds.push(sql`${ballots.unitId} is null`);
  const rows = await q
    .select({ unitId: consultationElectors.unitId, unitCode: consultationElectors.unitCode, floor: consultationElectors.floor, buildingId: consultationElectors.buildingId, area: consultationElectors.area, headKey: consultationElectors.headKey, owners: sql<number>`cardinality(${consultationElectors.ownerIds})::int`, channel: ballots.channel, paperRef: ballots.paperRef, castAt: ballots.castAt, revision: ballots.revision, total: sql<number>`count(*) over ()::int` })
    .from(consultationElectors)
    .leftJoin(ballots, and(eq(ballots.consultationId, consultationElectors.consultationId), eq(ballots.unitId, consultationElectors.unitId)))
    .where(and(...conds))
    .orderBy(asc(consultationElectors.buildingId), asc(consultationElectors.floor), asc(consultationElectors.unitCode))
    .limit(opts.limit)
    .offset(opts.offset);
  return { total: rows[0]?.total ?? 0, rows };
}
