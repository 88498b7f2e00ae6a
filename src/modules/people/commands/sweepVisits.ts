// The visit sweep: (1) refresh plans whose day has passed (a birthday can move someone
// into a weekly rule); (2) raise one alert per missed deadline for the responsible
// committee. Both claim their rows atomically, so with several nodes each row is handled
// once; alerts and their events are written in the claiming transaction.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import { tenants } from '../../../core/db/schema.js';
import { localDate } from '../../../core/calendar/index.js';
import { auditMany } from '../../../core/audit/index.js';
import { systemActor } from '../../../core/auth/index.js';
import { emit } from '../../../core/bus/index.js';
import { careAlerts } from '../schema.js';
import { calendarOf, careScope, rowsOf } from '../shared.js';
import { loadRules, planInputs, writePlans } from './replan.js';

const PLAN_BATCH = 5000;
const ALERT_BATCH = 500;

export async function refreshPlans(ctx: AppContext): Promise<number> {
  const today = localDate(ctx.clock.now());
  let handled = 0;
  for (const { id: tenantId } of await ctx.db.select({ id: tenants.id }).from(tenants)) {
    const cal = await calendarOf(ctx, tenantId);
    for (;;) {
      const n = await ctx.db.transaction(async (tx) => {
        const claimed = rowsOf<{ id: number }>(
          await tx.execute(sql`
          update elderly set plan_day = ${today}
          where id in (select id from elderly where tenant_id = ${tenantId} and status = 'active' and (plan_day is null or plan_day < ${today})
                       limit ${PLAN_BATCH} for update skip locked)
          returning id`),
        );
        const ids = claimed.map((r) => Number(r.id));
        if (ids.length) await writePlans(tx, await planInputs(tx, tenantId, ids), await loadRules(tx, tenantId), today, cal);
        return ids.length;
      });
      handled += n;
      if (n < PLAN_BATCH) break;
    }
  }
  return handled;
}

export async function raiseOverdueAlerts(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const claimed = rowsOf<{ id: number; tenant_id: string; area_id: number; committee_id: number; due: string }>(
      await tx.execute(sql`
      update elderly e set overdue_alerted_for = e.next_visit_due
      where e.id in (select id from elderly where status = 'active' and next_visit_due < ${now.toISOString()}::timestamptz
                       and overdue_alerted_for is distinct from next_visit_due
                     order by next_visit_due limit ${ALERT_BATCH} for update skip locked)
      returning e.id, e.tenant_id, e.area_id, e.committee_id, e.next_visit_due as due`),
    );
    const rows = claimed.map((r) => ({ elderlyId: Number(r.id), tenantId: r.tenant_id, areaId: Number(r.area_id), committeeId: Number(r.committee_id), dueAt: new Date(r.due) }));
    if (rows.length === 0) return 0;
    const alerts = await tx
      .insert(careAlerts)
      .values(rows.map((r) => ({ tenantId: r.tenantId, elderlyId: r.elderlyId, committeeId: r.committeeId, kind: 'visit_overdue', raisedAt: now, dueAt: r.dueAt, detail: {} })))
      .returning({ id: careAlerts.id, elderlyId: careAlerts.elderlyId });
    const alertOf = new Map(alerts.map((a) => [a.elderlyId, a.id]));
    await auditMany(
      tx,
      rows.map((r) => ({ tenantId: r.tenantId, actor: systemActor(r.tenantId, 'people.visits'), action: 'people.alert.raise', subjectType: 'elderly', subjectId: r.elderlyId, detail: { kind: 'visit_overdue', alertId: alertOf.get(r.elderlyId), dueAt: r.dueAt.toISOString() } })),
    );
    await emit(
      tx,
      rows.map((r) => ({ tenantId: r.tenantId, type: 'people.visit.overdue', subjectType: 'elderly', subjectId: String(r.elderlyId), scope: careScope(r), payload: { alertId: alertOf.get(r.elderlyId), dueAt: r.dueAt.toISOString() } })),
    );
    return rows.length;
  });
}
