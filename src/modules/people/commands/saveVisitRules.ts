// Replace a tenant's visit rules (kept ids are updated, missing ones removed, new ones
// added) and replan every active register entry in the same transaction.
import { and, eq, notInArray } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { localDate } from '../../../core/calendar/index.js';
import { Problem, type FieldError } from '../../../core/http/problem.js';
import { visitRules } from '../schema.js';
import type { VisitRule, VisitUnit } from '../domain/visitPlan.js';
import { calendarOf } from '../shared.js';
import { loadRules, planInputs, writePlans } from './replan.js';

export type RuleInput = Omit<VisitRule, 'id' | 'position'> & { id?: number; name: string; nameEn: string };

const MAX_EVERY: Record<VisitUnit, number> = { day: 366, week: 52, month: 12, working_day: 60 };

export function ruleErrors(rules: RuleInput[]): FieldError[] {
  const out: FieldError[] = [];
  rules.forEach((r, i) => {
    if (r.maxAge !== null && r.maxAge < r.minAge) out.push({ field: `rules.${i}.maxAge`, in: 'body', code: 'people.rule_age_order', params: { min: r.minAge, max: r.maxAge } });
    if (r.every > MAX_EVERY[r.unit]) out.push({ field: `rules.${i}.every`, in: 'body', code: 'people.rule_every_max', params: { max: MAX_EVERY[r.unit] } });
  });
  return out;
}

export async function saveVisitRules(ctx: AppContext, actor: Actor, rules: RuleInput[]): Promise<{ rules: number; replanned: number }> {
  const tenantId = actor.tenantId;
  const errors = ruleErrors(rules);
  if (errors.length) throw new Problem(400, 'problem.validation', {}, errors);
  const now = ctx.clock.now();
  const cal = await calendarOf(ctx, tenantId);
  return ctx.db.transaction(async (tx) => {
    const existing = new Set((await loadRules(tx, tenantId)).map((r) => r.id));
    const unknown = rules.findIndex((r) => r.id !== undefined && !existing.has(r.id));
    if (unknown >= 0) throw new Problem(422, 'problem.validation', {}, [{ field: `rules.${unknown}.id`, in: 'body', code: 'people.rule_unknown', params: { id: rules[unknown]!.id } }]);
    const kept = rules.filter((r) => r.id !== undefined).map((r) => r.id!);
    await tx.delete(visitRules).where(kept.length ? and(eq(visitRules.tenantId, tenantId), notInArray(visitRules.id, kept)) : eq(visitRules.tenantId, tenantId));
    for (const [position, { id, ...r }] of rules.entries()) {
      if (id !== undefined) await tx.update(visitRules).set({ ...r, position }).where(eq(visitRules.id, id));
      else await tx.insert(visitRules).values({ tenantId, ...r, position });
    }
    const inputs = await planInputs(tx, tenantId);
    await writePlans(tx, inputs, await loadRules(tx, tenantId), localDate(now), cal);
    await audit(tx, { tenantId, actor, action: 'people.visitRules.save', subjectType: 'visit_rules', subjectId: tenantId, detail: { rules } });
    await emit(tx, [{ tenantId, type: 'people.visitRules.changed', subjectType: 'visit_rules', subjectId: tenantId, scope: { roles: ['care_staff', 'committee_member'] }, payload: { rules: rules.length, replanned: inputs.length } }]);
    return { rules: rules.length, replanned: inputs.length };
  });
}
