// Withdraw a sensor consent: from now on the device's alarms no longer name the person.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem, notFound } from '../../../core/http/problem.js';
import { elderly, sensorConsents } from '../schema.js';
import { careScope } from '../shared.js';

export async function withdrawConsent(ctx: AppContext, actor: Actor, consentId: number): Promise<void> {
  const tenantId = actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const [c] = await tx.select().from(sensorConsents).where(and(eq(sensorConsents.tenantId, tenantId), eq(sensorConsents.id, consentId))).for('update');
    if (!c) throw notFound('thing.consent', consentId);
    const [e] = await tx.select().from(elderly).where(eq(elderly.id, c.elderlyId));
    authorize(actor, 'people.elderly.manage', e, { type: 'elderly', id: c.elderlyId });
    if (c.withdrawnAt) throw new Problem(409, 'people.consent_withdrawn');
    await tx.update(sensorConsents).set({ withdrawnAt: ctx.clock.now(), withdrawnBy: actor.kind === 'user' ? actor.id : null }).where(eq(sensorConsents.id, consentId));
    await audit(tx, { tenantId, actor, action: 'people.consent.withdraw', subjectType: 'elderly', subjectId: c.elderlyId, detail: { consentId, deviceCode: c.deviceCode } });
    await emit(tx, [{ tenantId, type: 'people.consent.withdrawn', subjectType: 'sensor_consent', subjectId: String(consentId), scope: careScope(e!), payload: { elderlyId: c.elderlyId, deviceCode: c.deviceCode } }]);
  });
}
