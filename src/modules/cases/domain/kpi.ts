// The indicators of DOMAIN.md §3, counted over the cases registered (立案) in a period:
//   处置率 = handled / due            按期处置率 = handled on time / due
//   结案率 = closed / due             按期结案率 = closed on time / (due − suspended)
//   准确派遣率 = (dispatched − returned) / dispatched
//   返工率 = reworked / due           平均处置时长 = mean time from dispatch to handling
// Each case contributes one vector of counts to the day it was registered, per dimension;
// every change of a case applies the difference of its vector before and after to a
// daily roll-up, so a KPI query for any period sums a few hundred small rows.
import type { CloseType, Grade, Source } from './types.js';

export const KPI_FIELDS = ['due', 'handled', 'handledOnTime', 'closed', 'closedOnTime', 'suspended', 'dispatched', 'returned', 'reworked', 'handleMs', 'urgentDue', 'urgentClosedOnTime'] as const;
export type KpiField = (typeof KPI_FIELDS)[number];
export type KpiVector = Record<KpiField, number>;

export const KPI_DIMENSIONS = ['tenant', 'grid', 'department', 'category', 'source', 'grade'] as const;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];

/** The fields of a case the indicators depend on. */
export interface KpiCase {
  state: string;
  registeredAt: Date | null;
  dispatchedAt: Date | null;
  handledAt: Date | null;
  handledOnTime: boolean | null;
  closeType: CloseType | null;
  returns: number;
  reworks: number;
  gridId: number | null;
  departmentId: number | null;
  categoryId: number;
  source: Source;
  grade: Grade;
}

export const zeroVector = (): KpiVector => Object.fromEntries(KPI_FIELDS.map((f) => [f, 0])) as KpiVector;

/** A case's contribution, or null when it counts nowhere (not registered, or closed as
 * registered in error). */
export function contribution(c: KpiCase): KpiVector | null {
  if (!c.registeredAt || c.closeType === 'error') return null;
  const v = zeroVector();
  const closed = c.state === 'closed';
  const closedOnTime = closed && c.closeType === 'normal';
  v.due = 1;
  v.handled = c.handledAt ? 1 : 0;
  v.handledOnTime = c.handledAt && c.handledOnTime ? 1 : 0;
  v.closed = closed ? 1 : 0;
  v.closedOnTime = closedOnTime ? 1 : 0;
  v.suspended = c.state === 'suspended' ? 1 : 0;
  v.dispatched = c.dispatchedAt ? 1 : 0;
  v.returned = c.dispatchedAt && c.returns > 0 ? 1 : 0;
  v.reworked = c.reworks > 0 ? 1 : 0;
  v.handleMs = c.handledAt && c.dispatchedAt ? Math.max(0, c.handledAt.getTime() - c.dispatchedAt.getTime()) : 0;
  v.urgentDue = c.grade === 'urgent' ? 1 : 0;
  v.urgentClosedOnTime = c.grade === 'urgent' && closedOnTime ? 1 : 0;
  return v;
}

/** Local (Asia/Shanghai) date of an instant. */
export const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export interface KpiBucket {
  day: string;
  dim: KpiDimension;
  key: string;
}

export function bucketsOf(c: KpiCase): KpiBucket[] {
  const day = shanghaiDay(c.registeredAt!);
  return [
    { day, dim: 'tenant', key: '' },
    { day, dim: 'grid', key: String(c.gridId ?? 0) },
    { day, dim: 'department', key: String(c.departmentId ?? 0) },
    { day, dim: 'category', key: String(c.categoryId) },
    { day, dim: 'source', key: c.source },
    { day, dim: 'grade', key: c.grade },
  ];
}

const bucketId = (b: KpiBucket) => `${b.dim}|${b.key}|${b.day}`;

/** The roll-up changes that turn `before` into `after` (either may be absent). */
export function kpiDelta(before: KpiCase | null, after: KpiCase | null): (KpiBucket & { v: KpiVector })[] {
  const out = new Map<string, KpiBucket & { v: KpiVector }>();
  const add = (c: KpiCase | null, sign: 1 | -1) => {
    const vec = c ? contribution(c) : null;
    if (!c || !vec) return;
    for (const b of bucketsOf(c)) {
      const id = bucketId(b);
      let e = out.get(id);
      if (!e) out.set(id, (e = { ...b, v: zeroVector() }));
      for (const f of KPI_FIELDS) e.v[f] += sign * vec[f];
    }
  };
  add(before, -1);
  add(after, 1);
  // a stable order keeps concurrent transactions from locking roll-up rows in opposite orders
  return [...out.entries()]
    .filter(([, e]) => KPI_FIELDS.some((f) => e.v[f] !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, e]) => e);
}

export interface KpiRates {
  handleRate: number | null;
  handleOnTimeRate: number | null;
  closeRate: number | null;
  closeOnTimeRate: number | null;
  dispatchAccuracy: number | null;
  reworkRate: number | null;
  avgHandleHours: number | null;
  urgentCloseOnTimeRate: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);

export function rates(v: KpiVector): KpiRates {
  return {
    handleRate: ratio(v.handled, v.due),
    handleOnTimeRate: ratio(v.handledOnTime, v.due),
    closeRate: ratio(v.closed, v.due),
    closeOnTimeRate: ratio(v.closedOnTime, v.due - v.suspended),
    dispatchAccuracy: ratio(v.dispatched - v.returned, v.dispatched),
    reworkRate: ratio(v.reworked, v.due),
    avgHandleHours: v.handled > 0 ? Math.round((v.handleMs / v.handled / 3600_000) * 100) / 100 : null,
    urgentCloseOnTimeRate: ratio(v.urgentClosedOnTime, v.urgentDue),
  };
}
