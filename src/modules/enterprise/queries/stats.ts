// The leader's view: requests by category and stage, on-time completion, satisfaction,
// by month and by agent, and this month's visit coverage. Aggregated in SQL over the
// period, shaped here.
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { users } from '../../../core/auth/index.js';
import { localDate } from '../../../core/calendar/index.js';
import { enterprises, entCategories, entItems, entRequests, entSubcategories } from '../schema.js';
import { average, monthsBetween, ratio } from '../domain/stats.js';
import { REQUEST_STATUSES } from '../domain/requestRules.js';
import { monthCoverage } from './visits.js';

const completedOnTime = sql<number>`count(*) filter (where ${entRequests.completedAt} is not null and ${entRequests.completedAt} <= ${entRequests.dueAt})::int`;
const completed = sql<number>`count(*) filter (where ${entRequests.completedAt} is not null)::int`;
const rated = sql<number>`count(${entRequests.ratingScore})::int`;
const ratingSum = sql<number>`coalesce(sum(${entRequests.ratingScore}), 0)::int`;
const total = sql<number>`count(*)::int`;
const n = (v: unknown) => Number(v ?? 0);

export async function centreStats(q: Queryable, tenantId: string, from: Date, to: Date, now: Date) {
  const inPeriod = and(eq(entRequests.tenantId, tenantId), gte(entRequests.createdAt, from), lt(entRequests.createdAt, to));
  const month = sql<string>`to_char(${entRequests.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`;

  const [byCat, byStage, byChannel, byMonth, byAgent, [tot], [openNow], dist] = await Promise.all([
    q
      .select({ id: entCategories.id, name: entCategories.name, nameEn: entCategories.nameEn, status: entRequests.status, total, completed, completedOnTime })
      .from(entRequests)
      .innerJoin(entItems, eq(entItems.id, entRequests.itemId))
      .innerJoin(entSubcategories, eq(entSubcategories.id, entItems.subcategoryId))
      .innerJoin(entCategories, eq(entCategories.id, entSubcategories.categoryId))
      .where(inPeriod)
      .groupBy(entCategories.id, entCategories.name, entCategories.nameEn, entRequests.status),
    q.select({ stage: enterprises.stage, total }).from(entRequests).innerJoin(enterprises, eq(enterprises.id, entRequests.enterpriseId)).where(inPeriod).groupBy(enterprises.stage),
    q.select({ channel: entRequests.channel, total }).from(entRequests).where(inPeriod).groupBy(entRequests.channel),
    q.select({ month, total, completed, completedOnTime, rated, ratingSum }).from(entRequests).where(inPeriod).groupBy(month),
    q
      .select({ id: users.id, name: users.displayName, total, completed, completedOnTime, rated, ratingSum, open: sql<number>`count(*) filter (where ${entRequests.status} in ('submitted','accepted','in_progress'))::int` })
      .from(entRequests)
      .innerJoin(users, eq(users.id, entRequests.ownerId))
      .where(inPeriod)
      .groupBy(users.id, users.displayName),
    q.select({ total, completed, completedOnTime, rated, ratingSum, cancelled: sql<number>`count(*) filter (where ${entRequests.status} = 'cancelled')::int` }).from(entRequests).where(inPeriod),
    q
      .select({ open: sql<number>`count(*)::int`, overdue: sql<number>`count(*) filter (where ${entRequests.dueAt} < ${now.toISOString()})::int`, unowned: sql<number>`count(*) filter (where ${entRequests.ownerId} is null)::int` })
      .from(entRequests)
      .where(and(eq(entRequests.tenantId, tenantId), sql`${entRequests.status} in ('submitted','accepted','in_progress')`)),
    q.select({ score: entRequests.ratingScore, total }).from(entRequests).where(and(inPeriod, sql`${entRequests.ratingScore} is not null`)).groupBy(entRequests.ratingScore),
  ]);

  const categories = new Map<number, { id: number; name: string; nameEn: string; total: number; completed: number; onTimeRate: number | null; byStatus: Record<string, number>; _onTime: number }>();
  for (const r of byCat) {
    const c = categories.get(r.id) ?? { id: r.id, name: r.name, nameEn: r.nameEn, total: 0, completed: 0, onTimeRate: null, byStatus: Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])), _onTime: 0 };
    c.total += n(r.total);
    c.completed += n(r.completed);
    c._onTime += n(r.completedOnTime);
    c.byStatus[r.status] = n(r.total);
    categories.set(r.id, c);
  }
  const monthRows = new Map(byMonth.map((m) => [m.month, m]));
  const currentMonth = localDate(now).slice(0, 7);
  const coverage = await monthCoverage(q, tenantId, currentMonth);

  return {
    period: { from: from.toISOString(), to: to.toISOString() },
    totals: {
      received: n(tot?.total),
      completed: n(tot?.completed),
      completedOnTime: n(tot?.completedOnTime),
      cancelled: n(tot?.cancelled),
      onTimeRate: ratio(n(tot?.completedOnTime), n(tot?.completed)),
      rated: n(tot?.rated),
      avgScore: average(n(tot?.ratingSum), n(tot?.rated)),
      ratedShare: ratio(n(tot?.rated), n(tot?.completed)),
      openNow: n(openNow?.open),
      overdueNow: n(openNow?.overdue),
      unownedNow: n(openNow?.unowned),
    },
    scores: [1, 2, 3, 4, 5].map((s) => ({ score: s, count: n(dist.find((d) => d.score === s)?.total) })),
    byCategory: [...categories.values()].sort((a, b) => a.id - b.id).map(({ _onTime, ...c }) => ({ ...c, onTimeRate: ratio(_onTime, c.completed) })),
    byEnterpriseStage: byStage.map((s) => ({ stage: s.stage, total: n(s.total) })),
    byChannel: byChannel.map((c) => ({ channel: c.channel, total: n(c.total) })),
    byMonth: monthsBetween(localDate(from).slice(0, 7), localDate(new Date(to.getTime() - 1)).slice(0, 7)).map((m) => {
      const r = monthRows.get(m);
      return { month: m, received: n(r?.total), completed: n(r?.completed), onTimeRate: ratio(n(r?.completedOnTime), n(r?.completed)), avgScore: average(n(r?.ratingSum), n(r?.rated)) };
    }),
    byAgent: byAgent
      .map((a) => ({ id: a.id, name: a.name, total: n(a.total), open: n(a.open), completed: n(a.completed), onTimeRate: ratio(n(a.completedOnTime), n(a.completed)), avgScore: average(n(a.ratingSum), n(a.rated)) }))
      .sort((a, b) => b.total - a.total),
    coverage: { month: coverage.month, buildings: coverage.buildings, covered: coverage.covered, rate: coverage.rate, notVisited: coverage.rows.filter((r) => !r.covered).map((r) => ({ id: r.building.id, name: r.building.name, plannedOn: r.plan?.plannedOn ?? null, agent: r.plan?.agent?.name ?? null })) },
  };
}
