// Cancel a registration (the registrant, or the organiser). A freed confirmed place goes
// to the first person waiting.
import { and, count, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem, notFound } from '../../../core/http/problem.js';
import { activities, activityRegistrations } from '../schema.js';
import { toUsers } from '../shared.js';
import { promoteWaiting } from './promoteWaiting.js';

export async function cancelRegistration(ctx: AppContext, actor: Actor, registrationId: number): Promise<{ promoted: number[] }> {
  const tenantId = actor.tenantId;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [r0] = await tx.select().from(activityRegistrations).where(and(eq(activityRegistrations.tenantId, tenantId), eq(activityRegistrations.id, registrationId)));
    if (!r0) throw notFound('thing.registration', registrationId);
    // lock the activity first (same order as registering), then read the registration again
    const [a] = await tx.select().from(activities).where(eq(activities.id, r0.activityId)).for('update');
    const [r] = await tx.select().from(activityRegistrations).where(eq(activityRegistrations.id, registrationId));
    const own = actor.kind === 'user' && actor.id === r!.userId;
    if (!own) authorize(actor, 'activities.organise', a, { type: 'activity_registration', id: registrationId });
    if (r!.status === 'cancelled') throw new Problem(409, 'activity.registration_cancelled');
    if (r!.checkedInAt) throw new Problem(409, 'activity.already_checked_in');
    if (own && now >= a!.startsAt) throw new Problem(409, 'activity.started');
    await tx.update(activityRegistrations).set({ status: 'cancelled', cancelledAt: now }).where(eq(activityRegistrations.id, registrationId));
    let promoted: number[] = [];
    if (r!.status === 'confirmed' && a!.status !== 'cancelled') {
      const [{ n }] = (await tx.select({ n: count() }).from(activityRegistrations).where(and(eq(activityRegistrations.activityId, a!.id), eq(activityRegistrations.status, 'confirmed')))) as [{ n: number }];
      promoted = await promoteWaiting(tx, actor, a!, Number(n), now);
    }
    await audit(tx, { tenantId, actor, action: 'activities.cancelRegistration', subjectType: 'activity', subjectId: a!.id, detail: { registrationId, was: r!.status, promoted } });
    await emit(tx, [{ tenantId, type: 'people.registration.cancelled', subjectType: 'activity', subjectId: String(a!.id), scope: toUsers(r!.userId, a!.organiserUserId), payload: { registrationId, promoted } }]);
    return { promoted };
  });
}
