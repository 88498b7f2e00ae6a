// The organiser checks a registrant in at the door, by registration or by the six-digit
// code on the registrant's phone. Only confirmed places can be checked in, once.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem, fieldProblem, notFound } from '../../../core/http/problem.js';
import { activities, activityRegistrations } from '../schema.js';
import { toUsers } from '../shared.js';
import { checkinWindow } from '../domain/activity.js';

export async function checkIn(ctx: AppContext, actor: Actor, activityId: number, by: { registrationId?: number; code?: string }): Promise<{ registrationId: number; name: string; checkedInAt: Date }> {
  const tenantId = actor.tenantId;
  const now = ctx.clock.now();
  if (!by.registrationId && !by.code) throw fieldProblem('code', 'activity.code_or_registration');
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx.select().from(activities).where(and(eq(activities.tenantId, tenantId), eq(activities.id, activityId)));
    if (!a) throw notFound('thing.activity', activityId);
    authorize(actor, 'activities.organise', a, { type: 'activity', id: activityId });
    if (a.status === 'cancelled') throw new Problem(409, 'activity.cancelled');
    const window = checkinWindow(a, now);
    if (window !== 'open') throw new Problem(409, `activity.checkin_${window}`);
    const match = by.registrationId ? eq(activityRegistrations.id, by.registrationId) : and(eq(activityRegistrations.checkinCode, by.code!), eq(activityRegistrations.status, 'confirmed'));
    const [r] = await tx.select().from(activityRegistrations).where(and(eq(activityRegistrations.activityId, activityId), match)).for('update');
    if (!r) throw by.code ? fieldProblem('code', 'activity.code_unknown', { code: by.code }, 'body', 422) : notFound('thing.registration', by.registrationId);
    if (r.status !== 'confirmed') throw new Problem(409, 'activity.checkin_not_confirmed', { status: r.status });
    if (r.checkedInAt) throw new Problem(409, 'activity.already_checked_in');
    await tx.update(activityRegistrations).set({ checkedInAt: now, checkedInBy: actor.kind === 'user' ? actor.id : null }).where(eq(activityRegistrations.id, r.id));
    await audit(tx, { tenantId, actor, action: 'activities.checkin', subjectType: 'activity', subjectId: activityId, detail: { registrationId: r.id, by: by.code ? 'code' : 'list' } });
    await emit(tx, [{ tenantId, type: 'people.registration.checkedIn', subjectType: 'activity', subjectId: String(activityId), scope: toUsers(r.userId, a.organiserUserId), payload: { registrationId: r.id } }]);
    return { registrationId: r.id, name: r.name, checkedInAt: now };
  });
}
