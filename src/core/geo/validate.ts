// Checks of imported GeoJSON areas: structure, closed rings, no self-intersection, and
// lying inside the tenant's boundary. Each problem names the JSON path it found.
import kinks from '@turf/kinks';
import difference from '@turf/difference';
import area from '@turf/area';
import { featureCollection, feature } from '@turf/helpers';
import type { Areal } from './types.js';

export interface GeoIssue {
  path: string;
  code: string;
  params?: Record<string, unknown>;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function checkRing(ring: unknown, path: string, issues: GeoIssue[]): void {
  if (!Array.isArray(ring)) return void issues.push({ path, code: 'geo.ring_not_array' });
  if (ring.length < 4) return void issues.push({ path, code: 'geo.ring_too_short', params: { count: ring.length } });
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i] as unknown;
    if (!Array.isArray(p) || p.length < 2 || !isNum(p[0]) || !isNum(p[1])) return void issues.push({ path: `${path}.${i}`, code: 'geo.bad_position' });
    if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) return void issues.push({ path: `${path}.${i}`, code: 'geo.out_of_range', params: { lng: p[0], lat: p[1] } });
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) issues.push({ path, code: 'geo.ring_not_closed' });
}

/** Structure of a Polygon or MultiPolygon, then self-intersection. */
export function validateAreal(geom: unknown, path: string): GeoIssue[] {
  const issues: GeoIssue[] = [];
  const g = geom as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object') return [{ path, code: 'geo.missing_geometry' }];
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return [{ path: `${path}.type`, code: 'geo.not_polygon', params: { type: String(g.type) } }];
  if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return [{ path: `${path}.coordinates`, code: 'geo.bad_coordinates' }];
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown[];
  polys.forEach((rings, pi) => {
    const base = g.type === 'Polygon' ? `${path}.coordinates` : `${path}.coordinates.${pi}`;
    if (!Array.isArray(rings) || rings.length === 0) return void issues.push({ path: base, code: 'geo.bad_coordinates' });
    rings.forEach((ring, ri) => checkRing(ring, `${base}.${ri}`, issues));
  });
  if (issues.length) return issues;
  try {
    const k = kinks(feature(g as Areal));
    if (k.features.length > 0) {
      const at = k.features[0]!.geometry.coordinates;
      issues.push({ path: `${path}.coordinates`, code: 'geo.self_intersection', params: { lng: at[0]!.toFixed(6), lat: at[1]!.toFixed(6) } });
    }
  } catch {
    issues.push({ path: `${path}.coordinates`, code: 'geo.bad_coordinates' });
  }
  return issues;
}

/** Square metres of `geom` lying outside `boundary` (0 when fully inside). */
export function areaOutside(geom: Areal, boundary: Areal): number {
  const diff = difference(featureCollection([feature(geom), feature(boundary)]));
  return diff ? area(diff) : 0;
}

export const GEO_MESSAGES = {
  zh: {
    'geo.ring_not_array': '环必须是坐标数组',
    'geo.ring_too_short': '环至少需要 4 个点（首尾相同），实际 {count} 个',
    'geo.bad_position': '坐标必须是 [经度, 纬度] 数值',
    'geo.out_of_range': '坐标超出经纬度范围：{lng}, {lat}',
    'geo.ring_not_closed': '环未闭合：首点与末点必须相同',
    'geo.missing_geometry': '缺少几何对象',
    'geo.not_polygon': '几何类型必须是 Polygon 或 MultiPolygon，实际为 {type}',
    'geo.bad_coordinates': '坐标结构无效',
    'geo.self_intersection': '多边形自相交（约在 {lng}, {lat}）',
    'geo.outside_tenant': '区域超出本街道边界约 {area} 平方米',
  },
  en: {
    'geo.ring_not_array': 'A ring must be an array of positions',
    'geo.ring_too_short': 'A ring needs at least 4 positions (first = last), got {count}',
    'geo.bad_position': 'A position must be [longitude, latitude] numbers',
    'geo.out_of_range': 'Position out of range: {lng}, {lat}',
    'geo.ring_not_closed': 'Ring is not closed: the first and last positions must be equal',
    'geo.missing_geometry': 'Geometry is missing',
    'geo.not_polygon': 'Geometry must be a Polygon or MultiPolygon, got {type}',
    'geo.bad_coordinates': 'Invalid coordinates',
    'geo.self_intersection': 'Polygon intersects itself (near {lng}, {lat})',
    'geo.outside_tenant': 'Area lies about {area} m² outside the subdistrict boundary',
  },
};
