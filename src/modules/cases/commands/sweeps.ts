// The timers of the case engine, run as sweeps on every node. Each claims its rows
// atomically (a conditional UPDATE over rows taken with FOR UPDATE SKIP LOCKED), so with
// several nodes every warning, overdue mark, reassignment and escalation happens once.
import { and, asc, eq, inArray, isNotNull, isNull, lte, gt, sql } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import { systemActor } from '../../../core/auth/index.js';
import { auditMany } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { caseTimeline, cases } from '../schema.js';
import { engineOf, prepare, type Prepared } from '../services/engine.js';
import { actLocked } from './actOnCase.js';
import { pickHandler } from './assign.js';
import { Outbox, caseScope, caseSummary, type CaseRow } from './write.js';

/** People asked in turn before a case goes to the shift leader. */
export const MAX_ACCEPT_TRIES = 3;
const BATCH = 200;
const OPEN = sql`${cases.state} not in ('closed', 'cancelled', 'suspended')`;
const STEP_ZH: Record<string, string> = { verify: '核实', dispatch: '派遣', handle: '处置', check: '核查' };

async function mark(ctx: AppContext, kind: 'warning' | 'overdue'): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const due = kind === 'warning' ? and(isNull(cases.stepWarnedAt), lte(cases.stepWarnAt, now), gt(cases.stepDueAt, now), OPEN) : and(isNull(cases.stepOverdueAt), lte(cases.stepDueAt, now), OPEN);
    const claim = tx.select({ id: cases.id }).from(cases).where(due).orderBy(asc(kind === 'warning' ? cases.stepWarnAt : cases.stepDueAt)).limit(BATCH).for('update', { skipLocked: true });
    const set = kind === 'warning' ? { stepWarnedAt: now } : { stepOverdueAt: now, stepWarnedAt: sql`coalesce(${cases.stepWarnedAt}, ${now.toISOString()}::timestamptz)` };
    const rows: CaseRow[] = await tx.update(cases).set(set).where(inArray(cases.id, claim)).returning();
    if (rows.length === 0) return 0;
    const text = (r: CaseRow) => (kind === 'warning' ? `${STEP_ZH[r.step!]}时限已用去 80%，期限 ${r.stepDueAt!.toISOString()}` : `${STEP_ZH[r.step!]}已超时（期限 ${r.stepDueAt!.toISOString()}）`);
    await tx.insert(caseTimeline).values(
      rows.map((r) => ({ tenantId: r.tenantId, caseId: r.id, at: now, actorKind: 'system', actorId: 'sla', actorName: '系统', role: 'system', action: kind === 'warning' ? 'sla_warning' : 'overdue', fromState: r.state, toState: r.state, note: text(r), detail: { step: r.step, dueAt: r.stepDueAt!.toISOString() } })),
    );
    await auditMany(
      tx,
      rows.map((r) => ({ tenantId: r.tenantId, actor: systemActor(r.tenantId, 'sla'), action: `case.${kind === 'warning' ? 'sla_warning' : 'overdue'}`, subjectType: 'case', subjectId: r.id, detail: { step: r.step, dueAt: r.stepDueAt } })),
    );
    await emit(
      tx,
      rows.map((r) => {
        const scope = caseScope(r);
        if (kind === 'overdue') scope.roles = [...(scope.roles ?? []), 'shift_leader'];
        return { tenantId: r.tenantId, type: kind === 'warning' ? 'case.sla_warning' : 'case.overdue', subjectType: 'case', subjectId: String(r.id), scope, payload: { ...caseSummary(r), step: r.step, dueAt: r.stepDueAt!.toISOString() } };
      }),
    );
    return rows.length;
  });
}

/** Warnings at 80% of a step's limit, overdue marks at 100% (the shift leader is told). */
export async function sweepSla(ctx: AppContext): Promise<number> {
  return (await mark(ctx, 'overdue')) + (await mark(ctx, 'warning'));
}

/** Dispatched cases nobody accepted in time: the next nearest on-duty person, and after
 * MAX_ACCEPT_TRIES people (or when nobody else is on duty) the shift leader. */
export async function sweepAccept(ctx: AppContext): Promise<number> {
  const eng = engineOf(ctx);
  const now = ctx.clock.now();
  const due = and(eq(cases.state, 'dispatched'), isNotNull(cases.acceptDueAt), lte(cases.acceptDueAt, now));
  const tenants = await ctx.db.selectDistinct({ tenantId: cases.tenantId }).from(cases).where(due);
  if (tenants.length === 0) return 0;
  const preps = new Map<string, Prepared>();
  for (const t of tenants) preps.set(t.tenantId, await prepare(eng, t.tenantId));
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(cases)
      .where(and(due, inArray(cases.tenantId, [...preps.keys()])))
      .orderBy(asc(cases.acceptDueAt))
      .limit(50)
      .for('update', { skipLocked: true });
    const out = new Outbox();
    for (const row of rows) {
      const prep = preps.get(row.tenantId)!;
      const system = systemActor(row.tenantId, 'dispatch');
      const pick = row.triedAssignees.length < MAX_ACCEPT_TRIES && row.departmentId !== null ? await pickHandler(tx, eng, prep, row.departmentId, row.lng, row.lat, now, row.triedAssignees) : null;
      if (pick) await actLocked(tx, out, eng, prep, system, row, { action: 'reassign', detail: { pick } }, now);
      else {
        const note = row.triedAssignees.length >= MAX_ACCEPT_TRIES ? `连续 ${row.triedAssignees.length} 人超时未接单，已升级至值班长` : `超时未接单，且无其他在岗人员，已升级至值班长`;
        await actLocked(tx, out, eng, prep, system, row, { action: 'escalate', detail: { note, reason: row.triedAssignees.length >= MAX_ACCEPT_TRIES ? 'nobody_accepted' : 'no_more_candidates' } }, now);
      }
    }
    await out.flush(tx);
    return rows.length;
  });
}
