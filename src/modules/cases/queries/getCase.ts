// One case with everything its page shows: timeline, evidence (without the bytes),
// reporters (contact hidden from all but the desk when the reporter asked for anonymity),
// possible duplicates while it is open, and the names of places and people.
import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { hasRole, users, type Actor, OPERATOR_ROLES } from '../../../core/auth/index.js';
import { departments, grids } from '../../places/index.js';
import { caseEvidence, caseReporters, caseTimeline, cases } from '../schema.js';
import { isTerminal, type CaseState } from '../domain/types.js';
import { findDuplicates } from '../commands/duplicates.js';
import type { CaseRow } from '../commands/write.js';
import type { Names } from './present.js';
import type { Engine } from '../services/engine.js';

export async function loadCase(q: Queryable, tenantId: string, id: number): Promise<CaseRow | undefined> {
  const [row] = await q
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, id)));
  return row;
}

/** Names from the engine's memory (grids, departments, staff) — no queries. */
export async function namesFromMemory(eng: Engine, row: CaseRow): Promise<Names> {
  const depts = await eng.departments.forTenant(row.tenantId);
  const person = (id: number | null) => (id === null ? null : (eng.staff.member(row.tenantId, id)?.name ?? null));
  return {
    grid: row.gridId !== null ? (eng.grids.grid(row.tenantId, row.gridId)?.name ?? null) : null,
    unitGrid: row.unitGridId !== null ? (eng.grids.grid(row.tenantId, row.unitGridId)?.code ?? null) : null,
    department: row.departmentId !== null ? (depts.get(row.departmentId) ?? null) : null,
    assignee: person(row.assigneeId),
    inspector: person(row.inspectorId),
  };
}

export async function namesOf(q: Queryable, row: CaseRow): Promise<Names> {
  const ids = [row.assigneeId, row.inspectorId].filter((x): x is number => x !== null);
  const people = new Map<number, string>();
  for (const id of ids) {
    const [u] = await q.select({ name: users.displayName }).from(users).where(eq(users.id, id));
    if (u) people.set(id, u.name);
  }
  const gridName = async (id: number | null) => (id === null ? null : ((await q.select({ name: grids.name }).from(grids).where(eq(grids.id, id)))[0]?.name ?? null));
  const dept = row.departmentId === null ? null : ((await q.select({ name: departments.name }).from(departments).where(eq(departments.id, row.departmentId)))[0]?.name ?? null);
  return { grid: await gridName(row.gridId), unitGrid: await gridName(row.unitGridId), department: dept, assignee: row.assigneeId ? (people.get(row.assigneeId) ?? null) : null, inspector: row.inspectorId ? (people.get(row.inspectorId) ?? null) : null };
}

export async function timelineOf(q: Queryable, caseId: number) {
  const rows = await q.select().from(caseTimeline).where(eq(caseTimeline.caseId, caseId)).orderBy(asc(caseTimeline.id));
  return rows.map((t) => ({
    id: t.id,
    at: t.at.toISOString(),
    actor: { kind: t.actorKind, id: t.actorId, name: t.actorName },
    role: t.role,
    action: t.action,
    from: t.fromState,
    to: t.toState,
    note: t.note,
    publicNote: t.publicNote,
    photos: t.photos,
    location: t.lng !== null && t.lat !== null ? { lng: t.lng, lat: t.lat } : null,
    detail: t.detail as Record<string, unknown>,
  }));
}

export async function evidenceOf(q: Queryable, caseId: number) {
  const rows = await q
    .select({ id: caseEvidence.id, kind: caseEvidence.kind, mediaType: caseEvidence.mediaType, size: caseEvidence.size, url: caseEvidence.url, caption: caseEvidence.caption, alarmRef: caseEvidence.alarmRef, data: caseEvidence.data, takenAt: caseEvidence.takenAt, lng: caseEvidence.lng, lat: caseEvidence.lat, addedBy: caseEvidence.addedBy, public: caseEvidence.public, originalCaseId: caseEvidence.originalCaseId, createdAt: caseEvidence.createdAt })
    .from(caseEvidence)
    .where(eq(caseEvidence.caseId, caseId))
    .orderBy(asc(caseEvidence.id));
  return rows.map((e) => ({ ...e, takenAt: e.takenAt?.toISOString() ?? null, createdAt: e.createdAt.toISOString(), addedBy: e.addedBy.split(':').slice(2).join(':'), hasContent: e.size !== null, content: e.size !== null ? `/api/v1/cases/${caseId}/evidence/${e.id}` : null }));
}

export async function reportersOf(q: Queryable, actor: Actor, caseId: number) {
  const desk = hasRole(actor, 'admin', ...OPERATOR_ROLES);
  const rows = await q.select().from(caseReporters).where(eq(caseReporters.caseId, caseId)).orderBy(asc(caseReporters.id));
  return rows.map((r) => {
    const show = desk || !r.anonymous;
    return { id: r.id, anonymous: r.anonymous, source: r.source, name: show ? r.name : null, phone: show ? r.phone : null, email: show ? r.email : null, originalCaseId: r.originalCaseId, createdAt: r.createdAt.toISOString() };
  });
}

export async function detailExtras(q: Queryable, actor: Actor, row: CaseRow, dupRadiusM: number) {
  return {
    gradeReasons: row.gradeReasons as unknown[],
    attributes: row.attributes as Record<string, unknown>,
    timeline: await timelineOf(q, row.id),
    evidence: await evidenceOf(q, row.id),
    reporters: await reportersOf(q, actor, row.id),
    duplicates: isTerminal(row.state as CaseState) ? [] : await findDuplicates(q, row, dupRadiusM),
  };
}
