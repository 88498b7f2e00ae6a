// Creating a case from any source: classified, graded, located (grid, unit grid, area),
// numbered per tenant and day, with its reporter and evidence; possible duplicates are
// offered. A scene key (sensing) finds the scene's open case and adds the evidence to it
// instead. A trusted sensor scene of an auto-registering category skips verification;
// an operator may register and dispatch in the same request.
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Queryable, Tx } from '../../../core/db/index.js';
import { hasRole, type Actor } from '../../../core/auth/index.js';
import { Problem, fieldProblem } from '../../../core/http/problem.js';
import { caseCounters, caseReporters, cases } from '../schema.js';
import { grade as gradeCase } from '../domain/grading.js';
import { maxGrade, type Grade, type Source } from '../domain/types.js';
import { shanghaiDay } from '../domain/kpi.js';
import { engineOf, prepare, type Prepared } from '../services/engine.js';
import { locateArea } from '../services/areas.js';
import { Outbox, actorInfo, caseScope, caseSummary, type CaseRow } from './write.js';
import { clockFor } from './clock.js';
import { actLocked } from './actOnCase.js';
import { addEvidenceLocked, checkEvidence, insertEvidence, type EvidenceInput } from './addEvidence.js';
import { findDuplicates, type DuplicateHint } from './duplicates.js';

export interface NewCase {
  source: Source;
  categoryCode: string;
  description: string;
  location: { lng: number; lat: number };
  address?: string;
  /** the source's own reference (12345 ticket, alarm id, Open311 request) */
  sourceRef?: string;
  /** the client or app of the source it came through (an Open311 client, a mini-program) */
  channel?: string;
  /** a sensing scene's key: while its case is open, evidence goes to that case */
  sceneKey?: string;
  /** an operator may raise the grade; rules may raise it further */
  grade?: Grade;
  reporter?: { name?: string; phone?: string; email?: string; anonymous?: boolean; userId?: number };
  evidence?: EvidenceInput[];
  attributes?: Record<string, unknown>;
  /** when it was observed (sensors); defaults to now */
  reportedAt?: Date;
  /** the sensing scene's rule trusts this alarm: register without verification */
  trusted?: boolean;
  /** operator quick path: register (值班长) and dispatch (派遣员) at once */
  register?: boolean;
  dispatch?: boolean;
  /** the caller's own record of the new case, written in the case's transaction (a
   * failure rolls the case back); not called when a scene key finds an open case */
  alsoWrite?: (tx: Tx, created: CaseRow) => Promise<void>;
}

export interface CreateResult {
  case: CaseRow;
  /** false when a scene key found an open case and the evidence went there */
  created: boolean;
  duplicates: DuplicateHint[];
  evidenceIds: number[];
}

/** The next number of the tenant's day. Taken in its own statement, before the case's
 * transaction, so the counter row is locked for an instant rather than for a whole
 * creation; a creation that then fails leaves a gap in the numbers (ADR 0103). */
async function nextNumber(q: Queryable, tenantId: string, at: Date): Promise<string> {
  const day = shanghaiDay(at).replaceAll('-', '');
  const [r] = await q
    .insert(caseCounters)
    .values({ tenantId, day, last: 1 })
    .onConflictDoUpdate({ target: [caseCounters.tenantId, caseCounters.day], set: { last: sql`${caseCounters.last} + 1` } })
    .returning({ last: caseCounters.last });
  return `${day}${String(r!.last).padStart(4, '0')}`;
}

export function locateCase(grids: import('../../places/index.js').GridRegistry, prep: Prepared, lng: number, lat: number) {
  const loc = grids.locate(prep.tenantId, lng, lat);
  if (!loc.insideTenant) throw new Problem(422, 'case.outside_tenant', { lng, lat }, [{ field: 'location', in: 'body', code: 'case.outside_tenant_hint', params: { lng, lat } }]);
  const area = locateArea(prep.areas, lng, lat);
  return { gridId: loc.grid?.id ?? null, unitGridId: loc.unitGrid?.id ?? null, areaId: area?.id ?? null, gridName: loc.grid?.name ?? null };
}

export async function createCase(ctx: AppContext, actor: Actor, input: NewCase): Promise<CreateResult> {
  const eng = engineOf(ctx);
  const tenantId = actor.tenantId;
  const now = ctx.clock.now();
  // the quick path is for those who may register and dispatch (checked again by the state machine)
  if (input.register && !hasRole(actor, 'shift_leader')) throw new Problem(403, 'case.not_your_action', { action: { $t: 'case.action.register' } }, undefined, { action: 'case.register' });
  if (input.dispatch && !hasRole(actor, 'dispatcher', 'shift_leader') && actor.kind !== 'system') throw new Problem(403, 'case.not_your_action', { action: { $t: 'case.action.dispatch' } }, undefined, { action: 'case.dispatch' });
  const prep = await prepare(eng, tenantId);
  const cfg = prep.cfg;
  const category = cfg.byCode.get(input.categoryCode);
  if (!category || !category.active) throw fieldProblem('categoryCode', 'case.unknown_category', { code: input.categoryCode });
  if (!input.description.trim()) throw fieldProblem('description', 'case.field_required');
  const { lng, lat } = input.location;
  const where = locateCase(eng.grids, prep, lng, lat);
  checkEvidence(input.evidence ?? []);
  const reportedAt = input.reportedAt && input.reportedAt <= now ? input.reportedAt : now;
  const graded = gradeCase(category.defaultGrade, cfg.grading, { categoryCode: category.code, description: input.description, lng, lat, at: reportedAt, source: input.source });
  const grade = input.grade ? maxGrade(graded.grade, input.grade) : graded.grade;
  const cal = prep.cal;
  const who = actorInfo(actor);

  const out = new Outbox();
  // its own short transaction; it need not wait for the disk: a case using the number
  // commits later and its commit makes the counter durable too
  const numbered = input.sceneKey
    ? null
    : await ctx.db.transaction(async (tx) => {
        await tx.execute(sql`set local synchronous_commit = off`);
        return nextNumber(tx, tenantId, now);
      });
  return ctx.db.transaction(async (tx) => {
    if (input.sceneKey) {
      // one open case per scene, even when two alarms of a scene arrive on two nodes at once
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${tenantId}:${input.sceneKey}`}))`);
      const [open] = await tx
        .select()
        .from(cases)
        .where(and(eq(cases.tenantId, tenantId), eq(cases.sceneKey, input.sceneKey), sql`${cases.state} not in ('closed', 'cancelled')`))
        .for('update');
      if (open) {
        const ids = await addEvidenceLocked(tx, out, actor, open, input.evidence ?? [], now, `同一场景再次报警（${input.sourceRef ?? input.sceneKey}），补充证据`);
        await out.flush(tx);
        return { case: open, created: false, duplicates: [], evidenceIds: ids };
      }
    }
    // a scene's alarm usually lands on its open case: number it only when it is new
    const number = numbered ?? (await nextNumber(tx, tenantId, now));
    const base = { state: 'reported', grade, handleDueAt: null, dispatchedAt: null } as const;
    const clock = clockFor(cal, category, null, base, reportedAt);
    const [row] = await tx
      .insert(cases)
      .values({
        tenantId,
        number,
        source: input.source,
        sourceRef: input.sourceRef ?? null,
        channel: input.channel ?? null,
        sceneKey: input.sceneKey ?? null,
        categoryId: category.id,
        categoryCode: category.code,
        categoryName: category.name,
        grade,
        gradeReasons: graded.applied,
        state: 'reported',
        description: input.description.trim(),
        address: input.address?.trim() ?? '',
        lng,
        lat,
        gridId: where.gridId,
        unitGridId: where.unitGridId,
        areaId: where.areaId,
        attributes: input.attributes ?? {},
        reportedAt,
        createdBy: `${who.kind}:${who.id ?? ''}`,
        updatedAt: now,
        ...clock,
      })
      .returning();
    let c = row!;
    if (input.reporter && (input.reporter.name || input.reporter.phone || input.reporter.email || input.reporter.userId)) {
      await tx.insert(caseReporters).values({ tenantId, caseId: c.id, originalCaseId: c.id, name: input.reporter.name ?? null, phone: input.reporter.phone ?? null, email: input.reporter.email ?? null, anonymous: input.reporter.anonymous ?? false, userId: input.reporter.userId ?? null, source: input.source });
    }
    const evidenceIds = await insertEvidence(tx, c, actor, input.evidence ?? [], now);
    const duplicates = await findDuplicates(tx, c, category.dupRadiusM);
    out.timeline(c, who, now, {
      action: 'report',
      role: actor.kind === 'user' ? (actor.roles.find((r) => ['acceptor', 'shift_leader', 'dispatcher', 'inspector'].includes(r)) ?? actor.roles[0] ?? 'user') : actor.kind,
      fromState: null,
      toState: 'reported',
      note: input.description.trim(),
      publicNote: '已收到反映',
      photos: evidenceIds,
      lng,
      lat,
      detail: { source: input.source, sourceRef: input.sourceRef ?? null, channel: input.channel ?? null, grade: { default: category.defaultGrade, rules: graded.applied, requested: input.grade ?? null }, grid: where.gridName, duplicates },
    });
    out.audit({ tenantId, actor, action: 'case.create', subjectType: 'case', subjectId: c.id, detail: { number, categoryCode: category.code, source: input.source } });
    out.event({ tenantId, type: 'case.created', subjectType: 'case', subjectId: String(c.id), scope: caseScope(c), payload: { ...caseSummary(c), duplicates: duplicates.map((d) => d.id) } });
    out.caseChanged(null, c);

    const system = { kind: 'system' as const, tenantId, name: 'scene-rule' };
    if (input.source === 'sensor' && input.trusted && category.autoRegister && (actor.kind === 'system' || actor.kind === 'device')) {
      c = await actLocked(tx, out, eng, prep, system, c, { action: 'register', note: '可信感知场景，按规则自动立案（免核实）' }, now);
    } else if (input.register) {
      c = await actLocked(tx, out, eng, prep, actor, c, { action: 'register' }, now);
    }
    if (input.dispatch) {
      if (c.state !== 'registered') throw fieldProblem('dispatch', 'case.dispatch_needs_register');
      c = await actLocked(tx, out, eng, prep, actor, c, { action: 'dispatch' }, now);
    }
    if (input.alsoWrite) await input.alsoWrite(tx, c);
    await out.flush(tx);
    return { case: c, created: true, duplicates, evidenceIds };
  });
}
