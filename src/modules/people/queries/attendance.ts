// Attendance statistics: per activity and per kind (and training format) in a period.
// Attendance rate = checked in / confirmed places, over activities that have ended.
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { activities } from '../schema.js';
import { registrationCounts } from './activityList.js';

const rate = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);

export async function attendanceStats(q: Queryable, tenantId: string, from: Date, to: Date, now: Date) {
  const rows = await q
    .select()
    .from(activities)
    .where(and(eq(activities.tenantId, tenantId), gte(activities.startsAt, from), lt(activities.startsAt, to), eq(activities.status, 'open')))
    .orderBy(asc(activities.startsAt));
  const counts = await registrationCounts(q, rows.map((r) => r.id));
  const perActivity = rows.map((a) => {
    const c = counts.get(a.id) ?? { confirmed: 0, waitlisted: 0, cancelled: 0, checkedIn: 0 };
    const ended = a.endsAt <= now;
    return { id: a.id, title: a.title, kind: a.kind, format: a.format, startsAt: a.startsAt.toISOString(), ended, capacity: a.capacity, ...c, noShows: ended ? c.confirmed - c.checkedIn : null, attendanceRate: ended ? rate(c.checkedIn, c.confirmed) : null };
  });
  const groups = new Map<string, { kind: string; format: string | null; activities: number; ended: number; capacity: number; confirmed: number; waitlisted: number; checkedIn: number; endedConfirmed: number }>();
  for (const a of perActivity) {
    const key = `${a.kind}/${a.format ?? ''}`;
    const g = groups.get(key) ?? { kind: a.kind, format: a.format, activities: 0, ended: 0, capacity: 0, confirmed: 0, waitlisted: 0, checkedIn: 0, endedConfirmed: 0 };
    g.activities++;
    g.capacity += a.capacity ?? 0;
    g.confirmed += a.confirmed;
    g.waitlisted += a.waitlisted;
    if (a.ended) {
      g.ended++;
      g.checkedIn += a.checkedIn;
      g.endedConfirmed += a.confirmed;
    }
    groups.set(key, g);
  }
  const byKind = [...groups.values()].map(({ endedConfirmed, ...g }) => ({ ...g, attendanceRate: rate(g.checkedIn, endedConfirmed) }));
  const ended = perActivity.filter((a) => a.ended);
  const totals = { activities: perActivity.length, confirmed: perActivity.reduce((s, a) => s + a.confirmed, 0), checkedIn: ended.reduce((s, a) => s + a.checkedIn, 0), attendanceRate: rate(ended.reduce((s, a) => s + a.checkedIn, 0), ended.reduce((s, a) => s + a.confirmed, 0)) };
  return { from: from.toISOString(), to: to.toISOString(), totals, byKind, activities: perActivity };
}
