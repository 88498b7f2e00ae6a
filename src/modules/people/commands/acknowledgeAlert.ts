// A committee worker marks an alert as seen (the follow-up is a visit or a case).
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem, notFound } from '../../../core/http/problem.js';
import { careAlerts, elderly } from '../schema.js';
import { careScope } from '../shared.js';

export async function acknowledgeAlert(ctx: AppContext, actor: Actor, alertId: number): Promise<void> {
  const tenantId = actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const [a] = await tx.select().from(careAlerts).where(and(eq(careAlerts.tenantId, tenantId), eq(careAlerts.id, alertId))).for('update');
    if (!a) throw notFound('thing.alert', alertId);
    const [e] = await tx.select({ tenantId: elderly.tenantId, areaId: elderly.areaId, committeeId: elderly.committeeId }).from(elderly).where(eq(elderly.id, a.elderlyId));
    authorize(actor, 'people.alerts.read', e, { type: 'care_alert', id: alertId });
    if (a.acknowledgedAt) throw new Problem(409, 'people.alert_acknowledged');
    await tx.update(careAlerts).set({ acknowledgedAt: ctx.clock.now(), acknowledgedBy: actor.kind === 'user' ? actor.id : null }).where(eq(careAlerts.id, alertId));
    await audit(tx, { tenantId, actor, action: 'people.alert.acknowledge', subjectType: 'elderly', subjectId: a.elderlyId, detail: { alertId, kind: a.kind } });
    await emit(tx, [{ tenantId, type: 'people.alert.acknowledged', subjectType: 'care_alert', subjectId: String(alertId), scope: careScope(e!), payload: { elderlyId: a.elderlyId } }]);
  });
}
