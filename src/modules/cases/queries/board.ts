// What the operations screen (城运大屏) shows at a glance: today's cases by source,
// category and state, the overdue count, and the open cases as compact map points. Each
// is one grouped query on an index (cases_time_idx for today, cases_open_time_idx for
// the open ones), so the screen stays fast with a large case history.
import { and, count, desc, eq, gte, lt, sql } from 'drizzle-orm';
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

/** Open cases as map points [id, lng, lat, grade, state, overdue(0/1)], newest first. */
export async function openCasePoints(q: Queryable, tenantId: string, now: Date, limit: number) {
  const rows = await q
    .select({ id: cases.id, lng: cases.lng, lat: cases.lat, grade: cases.grade, state: cases.state, due: cases.stepDueAt })
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), OPEN))
    .orderBy(desc(cases.reportedAt), desc(cases.id))
    .limit(limit);
  // 6 decimals (~0.1 m) are all a map needs; a wall screen loads thousands of these
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  return rows.map((r) => [r.id, r6(r.lng), r6(r.lat), r.grade, r.state, r.due !== null && r.due <= now && r.state !== 'suspended' ? 1 : 0] as const);
}
