// KPIs for any period of local days, by one dimension, summed from the daily roll-up;
// hotspots by unit grid × hour of day, counted from the cases themselves.
import { and, between, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { departments, grids } from '../../places/index.js';
import { caseKpiDaily, cases } from '../schema.js';
import { KPI_FIELDS, rates, zeroVector, type KpiDimension, type KpiVector } from '../domain/kpi.js';
import { GRADE_LABELS, SOURCE_LABELS } from '../domain/types.js';
import type { TenantConfig } from '../services/config.js';

export interface KpiRow extends KpiVector {
  key: string;
  label: string;
  rates: ReturnType<typeof rates>;
}

const sums = Object.fromEntries(KPI_FIELDS.map((f) => [f, sql<number>`coalesce(sum(${caseKpiDaily[f]}), 0)::bigint`.mapWith(Number)])) as Record<keyof KpiVector, ReturnType<typeof sql<number>>>;

export async function kpiRows(q: Queryable, tenantId: string, by: KpiDimension, from: string, to: string, cfg: TenantConfig): Promise<{ total: KpiRow; rows: KpiRow[] }> {
  const rows = await q
    .select({ key: caseKpiDaily.key, ...sums })
    .from(caseKpiDaily)
    .where(and(eq(caseKpiDaily.tenantId, tenantId), inArray(caseKpiDaily.dim, by === 'tenant' ? ['tenant'] : ['tenant', by]), between(caseKpiDaily.day, from, to)))
    .groupBy(caseKpiDaily.dim, caseKpiDaily.key);
  // the tenant row is the only one with an empty key; no other dimension uses ''
  const labels = await labelsFor(q, tenantId, by, cfg);
  const toRow = (r: { key: string } & KpiVector): KpiRow => ({ ...r, label: r.key === '' ? '全街道' : (labels.get(r.key) ?? (r.key === '0' ? '未指定' : r.key)), rates: rates(r) });
  const totalRaw = rows.find((r) => r.key === '') ?? { key: '', ...zeroVector() };
  const list = by === 'tenant' ? [] : rows.filter((r) => r.key !== '').map(toRow);
  list.sort((a, b) => b.due - a.due || a.label.localeCompare(b.label));
  return { total: toRow(totalRaw), rows: list };
}

async function labelsFor(q: Queryable, tenantId: string, by: KpiDimension, cfg: TenantConfig): Promise<Map<string, string>> {
  switch (by) {
    case 'grid':
      return new Map((await q.select({ id: grids.id, name: grids.name }).from(grids).where(and(eq(grids.tenantId, tenantId), eq(grids.kind, 'responsibility')))).map((g) => [String(g.id), g.name]));
    case 'department':
      return new Map((await q.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.tenantId, tenantId))).map((d) => [String(d.id), d.name]));
    case 'category':
      return new Map(cfg.categories.map((c) => [String(c.id), `${c.code} ${c.name}`]));
    case 'source':
      return new Map(Object.entries(SOURCE_LABELS).map(([k, v]) => [k, v.zh]));
    case 'grade':
      return new Map(Object.entries(GRADE_LABELS).map(([k, v]) => [k, v.zh]));
    default:
      return new Map();
  }
}

export interface HotspotCell {
  unitGridId: number;
  code: string;
  name: string;
  hour: number;
  count: number;
}

/** Cases reported in [from, to) by unit grid and local hour of day. */
export async function hotspots(q: Queryable, tenantId: string, from: Date, to: Date, categoryIds?: number[]) {
  const hour = sql<number>`(floor(extract(epoch from ${cases.reportedAt}) / 3600)::bigint + 8) % 24`.mapWith(Number);
  const conds = [eq(cases.tenantId, tenantId), gte(cases.reportedAt, from), lt(cases.reportedAt, to), sql`${cases.unitGridId} is not null`];
  if (categoryIds?.length) conds.push(inArray(cases.categoryId, categoryIds));
  const rows = await q
    .select({ unitGridId: cases.unitGridId, hour, count: sql<number>`count(*)`.mapWith(Number) })
    .from(cases)
    .where(and(...conds))
    .groupBy(cases.unitGridId, hour);
  const names = new Map((await q.select({ id: grids.id, code: grids.code, name: grids.name }).from(grids).where(and(eq(grids.tenantId, tenantId), eq(grids.kind, 'unit')))).map((g) => [g.id, g]));
  const cells: HotspotCell[] = rows.map((r) => ({ unitGridId: r.unitGridId!, code: names.get(r.unitGridId!)?.code ?? '', name: names.get(r.unitGridId!)?.name ?? '', hour: r.hour, count: r.count }));
  const byHour = Array.from({ length: 24 }, (_, h) => cells.filter((c) => c.hour === h).reduce((s, c) => s + c.count, 0));
  const perGrid = new Map<number, { unitGridId: number; code: string; name: string; count: number; peakHour: number; peak: number }>();
  for (const c of cells) {
    const g = perGrid.get(c.unitGridId) ?? { unitGridId: c.unitGridId, code: c.code, name: c.name, count: 0, peakHour: c.hour, peak: 0 };
    g.count += c.count;
    if (c.count > g.peak) [g.peak, g.peakHour] = [c.count, c.hour];
    perGrid.set(c.unitGridId, g);
  }
  const top = [...perGrid.values()].sort((a, b) => b.count - a.count || a.unitGridId - b.unitGridId).slice(0, 20);
  return { total: cells.reduce((s, c) => s + c.count, 0), byHour, top, cells: cells.sort((a, b) => a.unitGridId - b.unitGridId || a.hour - b.hour) };
}

