// Activities as a resident or organiser sees them: counts of places, the caller's own
// registration (with their place in the waiting list), and walking distance from home.
import { and, asc, eq, gte, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import type { Actor } from '../../../core/auth/index.js';
import { can } from '../../../core/auth/index.js';
import { activities, activityRegistrations } from '../schema.js';
import { walk } from '../domain/distance.js';
import { waitlistPosition } from '../domain/waitlist.js';
import type { Home } from './home.js';

type ActivityRow = typeof activities.$inferSelect;

export async function registrationCounts(q: Queryable, ids: number[]) {
  const rows = ids.length
    ? await q
        .select({
          activityId: activityRegistrations.activityId,
          confirmed: sql<number>`count(*) filter (where ${activityRegistrations.status} = 'confirmed')`,
          waitlisted: sql<number>`count(*) filter (where ${activityRegistrations.status} = 'waitlisted')`,
          cancelled: sql<number>`count(*) filter (where ${activityRegistrations.status} = 'cancelled')`,
          checkedIn: sql<number>`count(*) filter (where ${activityRegistrations.checkedInAt} is not null)`,
        })
        .from(activityRegistrations)
        .where(inArray(activityRegistrations.activityId, ids))
        .groupBy(activityRegistrations.activityId)
    : [];
  const n = (v: unknown) => Number(v ?? 0);
  return new Map(rows.map((r) => [r.activityId, { confirmed: n(r.confirmed), waitlisted: n(r.waitlisted), cancelled: n(r.cancelled), checkedIn: n(r.checkedIn) }]));
}

/** The caller's live registrations for these activities, with waiting-list places. */
export async function myRegistrations(q: Queryable, userId: number, ids: number[]) {
  if (ids.length === 0) return new Map<number, { id: number; status: string; position: number | null; checkinCode: string; checkedInAt: string | null }>();
  const mine = await q
    .select()
    .from(activityRegistrations)
    .where(and(inArray(activityRegistrations.activityId, ids), eq(activityRegistrations.userId, userId), ne(activityRegistrations.status, 'cancelled')));
  const waitingIds = mine.filter((r) => r.status === 'waitlisted').map((r) => r.activityId);
  const waiting = waitingIds.length
    ? await q
        .select({ id: activityRegistrations.id, activityId: activityRegistrations.activityId, registeredAt: activityRegistrations.registeredAt })
        .from(activityRegistrations)
        .where(and(inArray(activityRegistrations.activityId, waitingIds), eq(activityRegistrations.status, 'waitlisted')))
    : [];
  return new Map(
    mine.map((r) => [
      r.activityId,
      {
        id: r.id,
        status: r.status,
        position: r.status === 'waitlisted' ? waitlistPosition(r, waiting.filter((w) => w.activityId === r.activityId)) : null,
        checkinCode: r.checkinCode,
        checkedInAt: r.checkedInAt?.toISOString() ?? null,
      },
    ]),
  );
}

export function presentActivity(a: ActivityRow, counts: { confirmed: number; waitlisted: number; checkedIn: number } | undefined, home: Home | undefined, actor: Actor) {
  const c = counts ?? { confirmed: 0, waitlisted: 0, checkedIn: 0 };
  return {
    id: a.id,
    kind: a.kind,
    format: a.format,
    series: a.series,
    title: a.title,
    description: a.description,
    audience: a.audience,
    partner: a.partner,
    venue: a.venue,
    lat: a.lat,
    lng: a.lng,
    areaId: a.areaId,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    capacity: a.capacity,
    status: a.status,
    organiserUserId: a.organiserUserId,
    confirmed: c.confirmed,
    waitlisted: c.waitlisted,
    checkedIn: c.checkedIn,
    placesLeft: a.capacity === null ? null : Math.max(0, a.capacity - c.confirmed),
    walk: home ? walk(home, a) : null,
    canRegister: can(actor, 'activities.register', a),
    canOrganise: can(actor, 'activities.organise', a),
  };
}

export interface ActivityFilter {
  from: Date;
  to?: Date;
  kind?: string;
  mine?: boolean;
}

export async function listActivities(q: Queryable, actor: Actor, f: ActivityFilter): Promise<ActivityRow[]> {
  const conds: SQL[] = [eq(activities.tenantId, actor.tenantId), gte(activities.endsAt, f.from)];
  if (f.to) conds.push(sql`${activities.startsAt} <= ${f.to.toISOString()}::timestamptz`);
  if (f.kind) conds.push(eq(activities.kind, f.kind));
  if (f.mine && actor.kind === 'user') conds.push(eq(activities.organiserUserId, actor.id));
  const rows = await q.select().from(activities).where(and(...conds)).orderBy(asc(activities.startsAt)).limit(300);
  // training for social workers is shown to those who may take part, and to organisers
  return rows.filter((a) => a.audience !== 'social_workers' || can(actor, 'activities.register', a) || can(actor, 'activities.organise', a));
}
