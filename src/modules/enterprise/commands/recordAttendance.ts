// After an event has begun, agents mark who came. Attending goes into the enterprise's
// lifecycle.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem, fieldProblem, notFound } from '../../../core/http/problem.js';
import { entEventRegistrations, entEvents, entLifecycle } from '../schema.js';

export async function recordAttendance(ctx: AppContext, actor: UserActor, eventId: number, marks: { registrationId: number; attended: boolean }[]): Promise<{ attended: number }> {
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const [ev] = await tx.select().from(entEvents).where(and(eq(entEvents.tenantId, tenantId), eq(entEvents.id, eventId))).for('update');
    if (!ev) throw notFound('thing.ent_event', eventId);
    const now = ctx.clock.now();
    if (ev.startsAt > now) throw new Problem(409, 'ent.event.not_started');
    const ids = marks.map((m) => m.registrationId);
    const regs = ids.length ? await tx.select().from(entEventRegistrations).where(and(eq(entEventRegistrations.eventId, ev.id), inArray(entEventRegistrations.id, ids), isNull(entEventRegistrations.cancelledAt))) : [];
    const byId = new Map(regs.map((r) => [r.id, r]));
    marks.forEach((m, i) => {
      if (!byId.has(m.registrationId)) throw fieldProblem(`${i}.registrationId`, 'ent.event.unknown_registration', { id: m.registrationId }, 'body', 422);
    });
    for (const m of marks) {
      const reg = byId.get(m.registrationId)!;
      await tx.update(entEventRegistrations).set({ attended: m.attended, attendanceAt: now }).where(eq(entEventRegistrations.id, reg.id));
      if (m.attended && !reg.attended) await tx.insert(entLifecycle).values({ tenantId, enterpriseId: reg.enterpriseId, at: ev.startsAt, kind: 'event', refType: 'ent_event', refId: ev.id, note: ev.title, byUserId: actor.id });
    }
    const attended = marks.filter((m) => m.attended).length;
    await audit(tx, { tenantId, actor, action: 'enterprise.event.attendance', subjectType: 'ent_event', subjectId: ev.id, detail: { marks } });
    await emit(tx, [{ tenantId, type: 'enterprise.event.attendance', subjectType: 'ent_event', subjectId: String(ev.id), scope: { roles: ['agent', 'agent_chief'] }, payload: { attended, marked: marks.length } }]);
    return { attended };
  });
}
