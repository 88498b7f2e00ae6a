// The data of the operations screen's first view, requested as early as possible — on boot
// when the page is opened on the screen with a session, else when the route is entered —
// so the requests run while the app and the screen's code (Leaflet) load instead of after
// (bench/web.ts measures it).
import { get } from '../../api';
import { askWhoEarly } from '../../stores/session';

export interface Tenant { name: string; nameEn: string; center: [number, number]; tileUrl: string | null; tileCrs: string }
export interface Labelled { key: string; label: string; labelEn: string; count: number }
export interface Today { day: string; total: number; bySource: Labelled[]; byCategory: { code: string; name: string; count: number }[]; open: number; overdue: number }
export interface KpiRow { key: string; label: string; due: number; rates: { handleOnTimeRate: number | null; closeOnTimeRate: number | null } }
export interface CaseItem { id: number; number: string; categoryName: string; departmentName: string | null; stepDueAt: string | null; gridName: string | null }
export type Point = [number, number, number, string, string, number];

/** open cases drawn at most (newest first); a subdistrict has a few hundred open at a time */
export const POINT_LIMIT = 3000;

export const fetchToday = () => get<Today>('/api/v1/cases/today');
export const fetchKpi = () => get<{ total: KpiRow; rows: KpiRow[] }>('/api/v1/cases/kpis?by=department');
export const fetchOverdue = () => get<{ items: CaseItem[] }>('/api/v1/cases?overdue=true&limit=12');

function fetchAll() {
  return {
    tenant: get<Tenant>('/api/v1/tenant'),
    grids: get<GeoJSON.FeatureCollection>('/api/v1/places/geojson/responsibility'),
    units: get<GeoJSON.FeatureCollection>('/api/v1/places/geojson/unit'),
    points: get<{ points: Point[] }>(`/api/v1/cases/points?limit=${POINT_LIMIT}`),
    today: fetchToday(),
    kpi: fetchKpi(),
    overdue: fetchOverdue(),
  };
}
export type ScreenData = ReturnType<typeof fetchAll>;

let early: { at: number; data: ScreenData } | null = null;

export function prefetchScreen(): void {
  if (early && Date.now() - early.at < 10_000) return;
  const data = fetchAll();
  // a failed prefetch is retried by the screen itself; never an unhandled rejection here
  for (const p of Object.values(data)) (p as Promise<unknown>).catch(() => undefined);
  early = { at: Date.now(), data };
}

/** Opened straight on the wall screen with a session cookie: ask for the data while the
 * app is still booting (a stale session gets 401 and the log-in page, as it would anyway). */
export function prefetchOnBoot(): void {
  if (typeof location === 'undefined' || location.pathname !== '/ops/screen') return;
  if (!document.cookie.split('; ').some((c) => c.startsWith('jd_csrf='))) return;
  askWhoEarly();
  prefetchScreen();
}

/** the prefetched data if fresh (entered just now), else new requests */
export function takeScreenData(): ScreenData {
  const e = early;
  early = null;
  return e && Date.now() - e.at < 10_000 ? e.data : fetchAll();
}
