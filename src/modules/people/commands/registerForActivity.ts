// Register for an activity: the caller themself, or (by the organiser, at the desk or
// on the phone) a resident without a login. A confirmed place while places last, then
// the waiting list. The activity row is locked, so two people never take the last place.
import { and, count, eq, ne, or } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem, notFound } from '../../../core/http/problem.js';
import { activities, activityRegistrations, residents } from '../schema.js';
import { placeFor } from '../domain/waitlist.js';
import { canRegister } from '../domain/activity.js';
import { homeOf } from '../queries/home.js';
import { isUniqueViolation, toUsers } from '../shared.js';

export interface Registered {
  id: number;
  status: 'confirmed' | 'waitlisted';
  position: number | null;
  checkinCode: string;
}

export async function registerForActivity(ctx: AppContext, actor: UserActor, activityId: number, forResidentId?: number): Promise<Registered> {
  const tenantId = actor.tenantId;
  const now = ctx.clock.now();
  let who: { userId: number | null; residentId: number | null; name: string };
  if (forResidentId === undefined) {
    const home = await homeOf(ctx.db, actor);
    who = { userId: actor.id, residentId: home?.residentId ?? null, name: home?.name ?? actor.displayName };
  } else {
    const [r] = await ctx.db.select({ id: residents.id, name: residents.name, userId: residents.userId }).from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, forResidentId)));
    if (!r) throw notFound('thing.resident', forResidentId);
    who = { userId: r.userId, residentId: r.id, name: r.name };
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      const [a] = await tx.select().from(activities).where(and(eq(activities.tenantId, tenantId), eq(activities.id, activityId))).for('update');
      if (!a) throw notFound('thing.activity', activityId);
      if (forResidentId === undefined) authorize(actor, 'activities.register', a, { type: 'activity', id: activityId });
      else authorize(actor, 'activities.organise', a, { type: 'activity', id: activityId });
      const state = canRegister(a, now);
      if (state !== 'ok') throw new Problem(409, `activity.${state}`);
      const same = [who.userId !== null ? eq(activityRegistrations.userId, who.userId) : undefined, who.residentId !== null ? eq(activityRegistrations.residentId, who.residentId) : undefined].filter((c) => c !== undefined);
      const [mine] = await tx
        .select({ id: activityRegistrations.id })
        .from(activityRegistrations)
        .where(and(eq(activityRegistrations.activityId, activityId), ne(activityRegistrations.status, 'cancelled'), or(...same)));
      if (mine) throw new Problem(409, 'activity.already_registered', {}, undefined, { registrationId: mine.id });
      const counts = await tx.select({ status: activityRegistrations.status, n: count() }).from(activityRegistrations).where(eq(activityRegistrations.activityId, activityId)).groupBy(activityRegistrations.status);
      const n = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
      const status = placeFor(a.capacity, n('confirmed'));
      const checkinCode = String(randomInt(100_000, 1_000_000));
      const [r] = await tx
        .insert(activityRegistrations)
        .values({ tenantId, activityId, ...who, status, registeredAt: now, confirmedAt: status === 'confirmed' ? now : null, checkinCode })
        .returning({ id: activityRegistrations.id });
      const position = status === 'waitlisted' ? n('waitlisted') + 1 : null;
      await audit(tx, { tenantId, actor, action: 'activities.register', subjectType: 'activity', subjectId: activityId, detail: { registrationId: r!.id, status, position, residentId: who.residentId, byOrganiser: forResidentId !== undefined } });
      await emit(tx, [{ tenantId, type: 'people.registration.created', subjectType: 'activity', subjectId: String(activityId), scope: toUsers(who.userId, a.organiserUserId), payload: { registrationId: r!.id, status } }]);
      return { id: r!.id, status, position, checkinCode };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new Problem(409, 'activity.already_registered');
    throw e;
  }
}
