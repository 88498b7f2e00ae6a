// Enterprise staff sign up for an event (or an agent signs them up). The event row is
// locked while the seats are counted, so two sign-ups never take the last seat twice.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem, fieldProblem, notFound } from '../../../core/http/problem.js';
import { enterprises, entEventRegistrations, entEvents } from '../schema.js';

export async function registerForEvent(ctx: AppContext, actor: UserActor, eventId: number, input: { enterpriseId: number; attendeeName: string; attendeePhone?: string | null }): Promise<{ id: number; seatsLeft: number }> {
  const tenantId = actor.tenantId;
  authorize(actor, 'enterprise.events.register', { tenantId, enterpriseId: input.enterpriseId });
  return ctx.db.transaction(async (tx) => {
    const [ev] = await tx.select().from(entEvents).where(and(eq(entEvents.tenantId, tenantId), eq(entEvents.id, eventId))).for('update');
    if (!ev) throw notFound('thing.ent_event', eventId);
    const now = ctx.clock.now();
    if (ev.status !== 'open' || ev.startsAt <= now) throw new Problem(409, 'ent.event.closed');
    const [ent] = await tx.select({ id: enterprises.id, name: enterprises.name }).from(enterprises).where(and(eq(enterprises.tenantId, tenantId), eq(enterprises.id, input.enterpriseId)));
    if (!ent) throw fieldProblem('enterpriseId', 'ent.enterprise.unknown', { id: input.enterpriseId }, 'body', 422);
    const active = and(eq(entEventRegistrations.eventId, ev.id), isNull(entEventRegistrations.cancelledAt));
    const [taken] = await tx.select({ n: sql<number>`count(*)::int` }).from(entEventRegistrations).where(active);
    const [dup] = await tx
      .select({ id: entEventRegistrations.id })
      .from(entEventRegistrations)
      .where(and(active, eq(entEventRegistrations.enterpriseId, ent.id), eq(entEventRegistrations.attendeeName, input.attendeeName.trim())));
    if (dup) throw new Problem(409, 'ent.event.already_registered', { name: input.attendeeName });
    if (Number(taken?.n ?? 0) >= ev.capacity) throw new Problem(409, 'ent.event.full', { capacity: ev.capacity });
    const [row] = await tx
      .insert(entEventRegistrations)
      .values({ tenantId, eventId: ev.id, enterpriseId: ent.id, attendeeName: input.attendeeName.trim(), attendeePhone: input.attendeePhone ?? null, registeredBy: actor.id, registeredAt: now })
      .returning({ id: entEventRegistrations.id });
    await audit(tx, { tenantId, actor, action: 'enterprise.event.register', subjectType: 'ent_event', subjectId: ev.id, detail: { registrationId: row!.id, enterpriseId: ent.id, attendeeName: input.attendeeName } });
    await emit(tx, [{ tenantId, type: 'enterprise.event.registered', subjectType: 'ent_event', subjectId: String(ev.id), scope: { enterprises: [ent.id], roles: ['agent', 'agent_chief'] }, payload: { registrationId: row!.id, enterpriseId: ent.id } }]);
    return { id: row!.id, seatsLeft: ev.capacity - Number(taken?.n ?? 0) - 1 };
  });
}
