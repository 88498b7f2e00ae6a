// Recompute visit plans (rule in force and next deadline) for register entries. Called
// after a change to an entry, a visit or the rules, and daily by the sweep (ages move
// people into other rules). Pure planning in domain/visitPlan.ts; this writes the result.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../../core/db/index.js';
import type { WorkingCalendar } from '../../../core/calendar/index.js';
import { elderly, residents, visitRules } from '../schema.js';
import { planFor, type VisitRule, type VisitUnit } from '../domain/visitPlan.js';

export type StoredRule = VisitRule & { name: string; nameEn: string };

export async function loadRules(q: Queryable, tenantId: string): Promise<StoredRule[]> {
  const rows = await q.select().from(visitRules).where(eq(visitRules.tenantId, tenantId)).orderBy(asc(visitRules.position), asc(visitRules.id));
  return rows.map(({ tenantId: _t, ...r }) => ({ ...r, unit: r.unit as VisitUnit }));
}

export interface PlanInput {
  id: number;
  birthDate: string;
  livesAlone: boolean;
  careLevel: number;
  registeredAt: Date;
  lastVisitAt: Date | null;
}

/** Writes plans for the given entries in batches (one statement per 2,000 rows). */
export async function writePlans(tx: Queryable, rows: readonly PlanInput[], rules: readonly VisitRule[], today: string, cal: WorkingCalendar): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    const ids: number[] = [];
    const ruleIds: (number | null)[] = [];
    const dues: (string | null)[] = [];
    for (const r of chunk) {
      const plan = planFor(rules, r, today, cal);
      ids.push(r.id);
      ruleIds.push(plan?.ruleId ?? null);
      dues.push(plan ? plan.due.toISOString() : null);
    }
    await tx.execute(sql`
      update elderly e set plan_rule_id = v.rule_id, next_visit_due = v.due, plan_day = ${today}
      from unnest(${sql.param(ids)}::bigint[], ${sql.param(ruleIds)}::bigint[], ${sql.param(dues)}::timestamptz[]) as v(id, rule_id, due)
      where e.id = v.id`);
  }
}

/** Plan inputs of some entries (by id) of a tenant. */
export async function planInputs(q: Queryable, tenantId: string, ids?: number[]): Promise<PlanInput[]> {
  const where = ids ? and(eq(elderly.tenantId, tenantId), inArray(elderly.id, ids)) : and(eq(elderly.tenantId, tenantId), eq(elderly.status, 'active'));
  return q
    .select({ id: elderly.id, birthDate: residents.birthDate, livesAlone: elderly.livesAlone, careLevel: elderly.careLevel, registeredAt: elderly.registeredAt, lastVisitAt: elderly.lastVisitAt })
    .from(elderly)
    .innerJoin(residents, eq(residents.id, elderly.residentId))
    .where(where);
}

export async function replanEntries(tx: Tx, tenantId: string, ids: number[], today: string, cal: WorkingCalendar): Promise<void> {
  if (ids.length === 0) return;
  await writePlans(tx, await planInputs(tx, tenantId, ids), await loadRules(tx, tenantId), today, cal);
}
