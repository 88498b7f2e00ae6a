// What the operations screen (城运大屏) shows at a glance: today's cases by source,
// category and state, the overdue count, and the open cases as compact map points. Each
// is one grouped query on an index (cases_time_idx for today, cases_open_time_idx for
// the open ones), so the screen stays fast with a large case history.
import { and, count, eq, gte, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { cases } from '../schema.js';
import { SOURCE_LABELS, STATE_LABELS, type CaseState, type Source } from '../domain/types.js';
import type { TenantConfig } from '../services/config.js';

const OPEN = sql`${cases.state} not in ('closed', 'cancelled')`;

export interface TodayBoard {
  day: string;
  total: number;
  bySource: { key: string; label: string; labelEn: string; count: number }[];
  byCategory: { code: string; name: string; count: number }[];
  byState: { key: string; label: string; labelEn: string; count: number }[];
  open: number;
  overdue: number;
}

/** Cases reported on the local day [from, to), and the open/overdue totals now. */
export async function todayBoard(q: Queryable, tenantId: string, day: string, from: Date, to: Date, now: Date, cfg: TenantConfig): Promise<TodayBoard> {
  const today = and(eq(cases.tenantId, tenantId), gte(cases.reportedAt, from), lt(cases.reportedAt, to));
  const [bySource, byCategory, byState, [totals]] = await Promise.all([
    q.select({ key: cases.source, n: count() }).from(cases).where(today).groupBy(cases.source),
    q.select({ id: cases.categoryId, n: count() }).from(cases).where(today).groupBy(cases.categoryId),
    q.select({ key: cases.state, n: count() }).from(cases).where(today).groupBy(cases.state),
    q
      .select({ open: count(), overdue: sql<number>`count(*) filter (where ${cases.stepDueAt} <= ${now} and ${cases.state} <> 'suspended')`.mapWith(Number) })
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), OPEN)),
  ]);
  const total = bySource.reduce((s, r) => s + r.n, 0);
  return {
    day,
    total,
    bySource: bySource.map((r) => ({ key: r.key, label: SOURCE_LABELS[r.key as Source]?.zh ?? r.key, labelEn: SOURCE_LABELS[r.key as Source]?.en ?? r.key, count: r.n })).sort((a, b) => b.count - a.count),
    byCategory: byCategory
      .map((r) => ({ code: cfg.byId.get(r.id)?.code ?? String(r.id), name: cfg.byId.get(r.id)?.name ?? String(r.id), count: r.n }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    byState: byState.map((r) => ({ key: r.key, label: STATE_LABELS[r.key as CaseState]?.zh ?? r.key, labelEn: STATE_LABELS[r.key as CaseState]?.en ?? r.key, count: r.n })),
    open: totals?.open ?? 0,
    overdue: totals?.overdue ?? 0,
  };
}

/** Open cases as map points [id, lng, lat, grade, state, overdue(0/1)], newest first, as
 * the JSON text of that array. The database builds it: a wall screen loads thousands of
 * points, and mapping each row to an object and back to JSON cost more than the query
 * (with the embedded database all of it runs on the server's one thread, ADR 0503). */
export async function openCasePointsJson(q: Queryable, tenantId: string, now: Date, limit: number): Promise<string> {
  // 6 decimals (~0.1 m) are all a map needs
  const r = (await q.execute(sql`
    select coalesce(json_agg(json_build_array(c.id, round(c.lng::numeric, 6), round(c.lat::numeric, 6), c.grade, c.state,
             (c.step_due_at is not null and c.step_due_at <= ${now.toISOString()}::timestamptz and c.state <> 'suspended')::int)
           order by c.reported_at desc, c.id desc), '[]')::text as points
    from (select id, lng, lat, grade, state, step_due_at, reported_at from ${cases}
          where ${cases.tenantId} = ${tenantId} and ${OPEN}
          order by ${cases.reportedAt} desc, ${cases.id} desc limit ${limit}) c`)) as unknown as { rows: { points: string }[] };
  return r.rows[0]?.points ?? '[]';
}
