// Withdrawing a consultation that has not closed (a draft, or an open vote called off);
// the ballots stay for the audit but no result is published.
import { and, eq } from 'drizzle-orm';
import { authorize, type Actor } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { consultations, costPlans } from '../schema.js';
import { loadConsultation } from './loadConsultation.js';
import { stateConflict } from './common.js';
import { scopeOf } from './createConsultation.js';

export async function cancelConsultation(ctx: AppContext, actor: Actor, id: number, reason: string): Promise<void> {
  const tenantId = actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const { c, subject } = await loadConsultation(tx, tenantId, id, 'update');
    authorize(actor, 'community.manage', subject);
    if (c.status !== 'draft' && c.status !== 'open') throw stateConflict('consultation.state', c.status, 'cancel');
    await tx.update(consultations).set({ status: 'cancelled', closedAt: ctx.clock.now() }).where(eq(consultations.id, id));
    if (c.planId) await tx.update(costPlans).set({ status: 'draft' }).where(and(eq(costPlans.id, c.planId), eq(costPlans.status, 'voting')));
    await audit(tx, { tenantId, actor, action: 'community.consultation.cancel', subjectType: 'consultation', subjectId: id, detail: { from: c.status, reason } });
    await emit(tx, [{ tenantId, type: 'community.consultation.cancelled', subjectType: 'consultation', subjectId: String(id), scope: scopeOf(subject), payload: { id } }]);
  });
}
