// Events as read: upcoming and past events with their seats taken and attendance; the
// registrations an actor may see (staff: all; an enterprise user: their enterprise's).
import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { enterprises, entEventRegistrations, entEvents } from '../schema.js';

export async function listEvents(q: Queryable, tenantId: string, f: { when?: 'upcoming' | 'past'; now: Date; ownEnterprises?: number[] }) {
  const conds = [eq(entEvents.tenantId, tenantId)];
  if (f.when === 'upcoming') conds.push(gte(entEvents.startsAt, f.now));
  if (f.when === 'past') conds.push(lt(entEvents.startsAt, f.now));
  const rows = await q
    .select({
      e: entEvents,
      taken: sql<number>`(select count(*) from ent_event_registrations r where r.event_id = ent_events.id and r.cancelled_at is null)::int`,
      attended: sql<number>`(select count(*) from ent_event_registrations r where r.event_id = ent_events.id and r.cancelled_at is null and r.attended)::int`,
    })
    .from(entEvents)
    .where(and(...conds))
    .orderBy(f.when === 'past' ? desc(entEvents.startsAt) : asc(entEvents.startsAt))
    .limit(200);
  const mine = f.ownEnterprises?.length && rows.length
    ? await q
        .select({ eventId: entEventRegistrations.eventId, n: sql<number>`count(*)::int` })
        .from(entEventRegistrations)
        .where(and(inArray(entEventRegistrations.eventId, rows.map((r) => r.e.id)), inArray(entEventRegistrations.enterpriseId, f.ownEnterprises), isNull(entEventRegistrations.cancelledAt)))
        .groupBy(entEventRegistrations.eventId)
    : [];
  const mineBy = new Map(mine.map((m) => [m.eventId, Number(m.n)]));
  return rows.map(({ e, taken, attended }) => ({ ...presentEvent(e), taken: Number(taken), attended: Number(attended), seatsLeft: Math.max(0, e.capacity - Number(taken)), mine: mineBy.get(e.id) ?? 0 }));
}

export function presentEvent(e: typeof entEvents.$inferSelect) {
  return { id: e.id, kind: e.kind, title: e.title, description: e.description, place: e.place, startsAt: e.startsAt.toISOString(), endsAt: e.endsAt.toISOString(), capacity: e.capacity, status: e.status };
}

export async function eventRegistrations(q: Queryable, eventId: number, ownEnterprises?: number[]) {
  const conds = [eq(entEventRegistrations.eventId, eventId), isNull(entEventRegistrations.cancelledAt)];
  if (ownEnterprises) conds.push(ownEnterprises.length ? inArray(entEventRegistrations.enterpriseId, ownEnterprises) : sql`false`);
  const rows = await q
    .select({ r: entEventRegistrations, enterpriseName: enterprises.name })
    .from(entEventRegistrations)
    .innerJoin(enterprises, eq(enterprises.id, entEventRegistrations.enterpriseId))
    .where(and(...conds))
    .orderBy(asc(entEventRegistrations.registeredAt), asc(entEventRegistrations.id));
  return rows.map(({ r, enterpriseName }) => ({ id: r.id, enterprise: { id: r.enterpriseId, name: enterpriseName }, attendeeName: r.attendeeName, attendeePhone: r.attendeePhone, registeredAt: r.registeredAt.toISOString(), attended: r.attended }));
}
