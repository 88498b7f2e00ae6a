// The one way a case changes: update the locked row, roll the KPI difference up, append
// to the timeline, audit and emit — all in the caller's transaction.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../../core/db/index.js';
import type { Actor } from '../../../core/auth/index.js';
import { auditMany, type AuditEntry } from '../../../core/audit/index.js';
import { emit, type EventScope, type NewEvent } from '../../../core/bus/index.js';
import { OPERATOR_ROLES } from '../../../core/auth/index.js';
import { caseKpiDaily, caseTimeline, cases } from '../schema.js';
import { KPI_FIELDS, kpiDelta, type KpiCase } from '../domain/kpi.js';
import type { CaseState, Grade, Source, CloseType } from '../domain/types.js';

export type CaseRow = typeof cases.$inferSelect;

export interface ActorInfo {
  kind: string;
  id: string | null;
  name: string;
}

export function actorInfo(actor: Actor): ActorInfo {
  switch (actor.kind) {
    case 'user':
      return { kind: 'user', id: String(actor.id), name: actor.displayName };
    case 'apiKey':
      return { kind: 'api_key', id: String(actor.keyId), name: actor.name };
    case 'device':
      return { kind: 'device', id: String(actor.deviceId), name: actor.code };
    case 'system':
      return { kind: 'system', id: actor.name, name: '系统' };
    default:
      return { kind: 'anonymous', id: null, name: '匿名' };
  }
}

/** Who sees a case's events on the live stream. */
export function caseScope(...rows: Pick<CaseRow, 'gridId' | 'departmentId' | 'assigneeId' | 'inspectorId'>[]): EventScope {
  const uniq = (xs: (number | null)[]) => [...new Set(xs.filter((x): x is number => x !== null))];
  return {
    roles: [...OPERATOR_ROLES, 'district_viewer', 'admin'],
    grids: uniq(rows.map((r) => r.gridId)),
    departments: uniq(rows.map((r) => r.departmentId)),
    users: uniq(rows.flatMap((r) => [r.assigneeId, r.inspectorId])),
  };
}

/** What screens need to show a case without fetching it. */
export function caseSummary(r: CaseRow) {
  return {
    id: r.id,
    number: r.number,
    state: r.state,
    categoryCode: r.categoryCode,
    categoryName: r.categoryName,
    grade: r.grade,
    source: r.source,
    gridId: r.gridId,
    unitGridId: r.unitGridId,
    departmentId: r.departmentId,
    assigneeId: r.assigneeId,
    lng: r.lng,
    lat: r.lat,
    address: r.address,
    reportedAt: r.reportedAt.toISOString(),
    stepDueAt: r.stepDueAt?.toISOString() ?? null,
    escalated: r.escalatedAt !== null,
  };
}

export const kpiCaseOf = (r: CaseRow): KpiCase => ({
  state: r.state,
  registeredAt: r.registeredAt,
  dispatchedAt: r.dispatchedAt,
  handledAt: r.handledAt,
  handledOnTime: r.handledOnTime,
  closeType: r.closeType as CloseType | null,
  returns: r.returns,
  reworks: r.reworks,
  gridId: r.gridId,
  departmentId: r.departmentId,
  categoryId: r.categoryId,
  source: r.source as Source,
  grade: r.grade as Grade,
});

/** What a transaction publishes when it is done: its events and the KPI roll-up of every
 * case it changed. Flushed last, so the two things every writer of a tenant shares (the
 * tenant's event-order lock and the day's roll-up rows) are held only for the commit. */
export class Outbox {
  private readonly events: NewEvent[] = [];
  private readonly lines: (typeof caseTimeline.$inferInsert)[] = [];
  private readonly audits: AuditEntry[] = [];

  /** A timeline entry, written with the others at the end (in the order given). */
  timeline(row: Pick<CaseRow, 'id' | 'tenantId'>, who: ActorInfo, at: Date, e: TimelineEntry): void {
    this.lines.push(timelineRow(row, who, at, e));
  }

  audit(e: AuditEntry): void {
    this.audits.push(e);
  }

  private readonly changed = new Map<number, { tenantId: string; before: CaseRow | null; after: CaseRow }>();

  event(...list: NewEvent[]): void {
    this.events.push(...list);
  }

  /** Record a change of a case; several changes of one case in a transaction roll up once. */
  caseChanged(before: CaseRow | null, after: CaseRow): void {
    const cur = this.changed.get(after.id);
    this.changed.set(after.id, { tenantId: after.tenantId, before: cur ? cur.before : before, after });
  }

  async flush(tx: Tx): Promise<void> {
    const lines = this.lines.splice(0);
    if (lines.length) await tx.insert(caseTimeline).values(lines);
    await auditMany(tx, this.audits.splice(0));
    const byTenant = new Map<string, ReturnType<typeof kpiDelta>>();
    for (const c of this.changed.values()) byTenant.set(c.tenantId, [...(byTenant.get(c.tenantId) ?? []), ...kpiDelta(c.before && kpiCaseOf(c.before), kpiCaseOf(c.after))]);
    this.changed.clear();
    // the roll-up rides in the events' statement: both are held to the commit, and a
    // round trip to this node between them would hold every writer of the tenant up
    await emit(tx, this.events.splice(0), rollUp([...byTenant].flatMap(([tenantId, parts]) => mergeDelta(parts).map((d) => ({ tenantId, ...d })))));
  }
}

/** Roll-up differences merged per bucket, in a stable order, without the empty ones. */
function mergeDelta(parts: ReturnType<typeof kpiDelta>) {
  const merged = new Map<string, (typeof parts)[number]>();
  for (const d of parts) {
    const id = `${d.dim}|${d.key}|${d.day}`;
    const e = merged.get(id);
    if (!e) merged.set(id, { ...d, v: { ...d.v } });
    else for (const f of KPI_FIELDS) e.v[f] += d.v[f];
  }
  return [...merged.entries()]
    .filter(([, e]) => KPI_FIELDS.some((f) => e.v[f] !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, e]) => e);
}

// column names and types from the table, so the roll-up follows the schema
const cols = KPI_FIELDS.map((f) => caseKpiDaily[f].name);
const types = KPI_FIELDS.map((f) => caseKpiDaily[f].getSQLType());
const ROLL_UP_SQL = {
  head: sql.raw(`insert into case_kpi_daily (tenant_id, dim, key, day, ${cols.join(', ')}) select r.tenant_id, r.dim, r.key, r.day, ${cols.map((c) => `r.${c}`).join(', ')} from lk, rows from (json_to_recordset(`),
  tail: sql.raw(
    `::json) as (tenant_id text, dim text, key text, day date, ${cols.map((c, i) => `${c} ${types[i]}`).join(', ')})) with ordinality as r(tenant_id, dim, key, day, ${cols.join(', ')}, n) order by r.n
    on conflict (tenant_id, dim, key, day) do update set ${cols.map((c) => `${c} = case_kpi_daily.${c} + excluded.${c}`).join(', ')}`,
  ),
};

/** The roll-up upsert of merged differences, as a statement reading `from lk` (emit's lock). */
function rollUp(rows: ({ tenantId: string } & ReturnType<typeof mergeDelta>[number])[]): SQL | undefined {
  if (rows.length === 0) return undefined;
  const json = rows.map((d) => ({ tenant_id: d.tenantId, dim: d.dim, key: d.key, day: d.day, ...Object.fromEntries(KPI_FIELDS.map((f, i) => [cols[i], d.v[f]])) }));
  return sql`${ROLL_UP_SQL.head}${JSON.stringify(json)}${ROLL_UP_SQL.tail}`;
}

export interface TimelineEntry {
  action: string;
  role: string;
  fromState: CaseState | null;
  toState: CaseState | null;
  note?: string | null;
  publicNote?: string | null;
  photos?: number[];
  lng?: number | null;
  lat?: number | null;
  detail?: Record<string, unknown>;
}

function timelineRow(row: Pick<CaseRow, 'id' | 'tenantId'>, who: ActorInfo, at: Date, e: TimelineEntry): typeof caseTimeline.$inferInsert {
  return {
      tenantId: row.tenantId,
      caseId: row.id,
      at,
      actorKind: who.kind,
      actorId: who.id,
      actorName: who.name,
      role: e.role,
      action: e.action,
      fromState: e.fromState,
      toState: e.toState,
      note: e.note ?? null,
      publicNote: e.publicNote ?? null,
      photos: e.photos ?? [],
      lng: e.lng ?? null,
      lat: e.lat ?? null,
      detail: e.detail ?? {},
  };
}

/** A timeline entry written at once (outside the outbox). */
export async function appendTimeline(tx: Tx, row: Pick<CaseRow, 'id' | 'tenantId'>, who: ActorInfo, at: Date, e: TimelineEntry): Promise<void> {
  await tx.insert(caseTimeline).values(timelineRow(row, who, at, e));
}

export interface CaseWrite {
  patch: Partial<CaseRow>;
  timeline: TimelineEntry;
  event: string;
  eventPayload?: Record<string, unknown>;
  /** extra members of the event scope (e.g. the shift leaders on an escalation) */
  scope?: EventScope;
  extraEvents?: NewEvent[];
}

/** Write a change of a locked case row and everything that goes with it (its events and
 * roll-up go to the outbox, flushed by the caller at the end of the transaction). */
export async function writeCase(tx: Tx, out: Outbox, actor: Actor, before: CaseRow, w: CaseWrite, now: Date): Promise<CaseRow> {
  const patch = { ...w.patch, version: before.version + 1, updatedAt: now };
  const [after] = await tx.update(cases).set(patch).where(eq(cases.id, before.id)).returning();
  const who = actorInfo(actor);
  out.timeline(before, who, now, w.timeline);
  out.audit({ tenantId: before.tenantId, actor, action: `case.${w.timeline.action}`, subjectType: 'case', subjectId: before.id, detail: { number: before.number, from: before.state, to: after!.state, ...(w.timeline.note ? { note: w.timeline.note } : {}) } });
  const scope = caseScope(before, after!);
  if (w.scope) {
    scope.roles = [...new Set([...(scope.roles ?? []), ...(w.scope.roles ?? [])])];
    scope.users = [...new Set([...(scope.users ?? []), ...(w.scope.users ?? [])])];
  }
  out.event({ tenantId: before.tenantId, type: w.event, subjectType: 'case', subjectId: String(before.id), scope, payload: { ...caseSummary(after!), from: before.state, action: w.timeline.action, by: who.name, ...w.eventPayload } }, ...(w.extraEvents ?? []));
  out.caseChanged(before, after!);
  return after!;
}
