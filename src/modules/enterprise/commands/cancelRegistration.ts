// A sign-up is withdrawn before the event starts; the seat is free again.
import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem, notFound } from '../../../core/http/problem.js';
import { entEventRegistrations, entEvents } from '../schema.js';

export async function cancelRegistration(ctx: AppContext, actor: UserActor, eventId: number, registrationId: number): Promise<void> {
  const tenantId = actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const [ev] = await tx.select().from(entEvents).where(and(eq(entEvents.tenantId, tenantId), eq(entEvents.id, eventId))).for('update');
    if (!ev) throw notFound('thing.ent_event', eventId);
    const [reg] = await tx.select().from(entEventRegistrations).where(and(eq(entEventRegistrations.eventId, ev.id), eq(entEventRegistrations.id, registrationId), isNull(entEventRegistrations.cancelledAt)));
    if (!reg) throw notFound('thing.ent_registration', registrationId);
    authorize(actor, 'enterprise.events.register', reg);
    const now = ctx.clock.now();
    if (ev.startsAt <= now) throw new Problem(409, 'ent.event.started');
    await tx.update(entEventRegistrations).set({ cancelledAt: now }).where(eq(entEventRegistrations.id, reg.id));
    await audit(tx, { tenantId, actor, action: 'enterprise.event.unregister', subjectType: 'ent_event', subjectId: ev.id, detail: { registrationId: reg.id } });
    await emit(tx, [{ tenantId, type: 'enterprise.event.unregistered', subjectType: 'ent_event', subjectId: String(ev.id), scope: { enterprises: [reg.enterpriseId], roles: ['agent', 'agent_chief'] }, payload: { registrationId: reg.id } }]);
  });
}
