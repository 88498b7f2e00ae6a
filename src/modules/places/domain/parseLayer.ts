// Pure checks of an imported GeoJSON layer: structure, required properties, valid
// polygons, no overlaps between grids, all inside the subdistrict boundary.
import Flatbush from 'flatbush';
import intersect from '@turf/intersect';
import area from '@turf/area';
import { feature, featureCollection } from '@turf/helpers';
import { areaOutside, bbox, validateAreal, type Areal, type GeoIssue } from '../../../core/geo/index.js';

export type Layer = 'boundary' | 'areas' | 'responsibility' | 'unit';
export const LAYERS: Layer[] = ['boundary', 'areas', 'responsibility', 'unit'];

export interface ParsedFeature {
  code: string;
  name: string;
  geometry: Areal;
  properties: Record<string, unknown>;
}

/** Tolerances in m²: imported edges that follow the boundary differ by rounding. */
const OUTSIDE_TOLERANCE_M2 = 1;
const OVERLAP_TOLERANCE_M2 = 1;

export function parseLayer(layer: Layer, body: unknown, boundary: Areal | null): { features: ParsedFeature[]; issues: GeoIssue[] } {
  const issues: GeoIssue[] = [];
  const fc = body as { type?: unknown; features?: unknown };
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return { features: [], issues: [{ path: 'type', code: 'geo.not_feature_collection' }] };
  }
  if (fc.features.length === 0) return { features: [], issues: [{ path: 'features', code: 'geo.empty' }] };
  if (layer === 'boundary' && fc.features.length !== 1) return { features: [], issues: [{ path: 'features', code: 'geo.boundary_one', params: { count: fc.features.length } }] };
  if (fc.features.length > 20_000) return { features: [], issues: [{ path: 'features', code: 'geo.too_many', params: { max: 20000 } }] };

  const features: ParsedFeature[] = [];
  const codes = new Map<string, number>();
  fc.features.forEach((f: unknown, i: number) => {
    const path = `features.${i}`;
    const ft = f as { type?: unknown; geometry?: unknown; properties?: unknown };
    if (!ft || ft.type !== 'Feature') return void issues.push({ path: `${path}.type`, code: 'geo.not_feature' });
    const props = (ft.properties && typeof ft.properties === 'object' ? ft.properties : {}) as Record<string, unknown>;
    const geomIssues = validateAreal(ft.geometry, `${path}.geometry`);
    if (geomIssues.length) return void issues.push(...geomIssues);
    let code = typeof props.code === 'string' ? props.code.trim() : '';
    const name = typeof props.name === 'string' ? props.name.trim() : '';
    if (layer === 'boundary') code = code || 'boundary';
    if (!code || code.length > 40) return void issues.push({ path: `${path}.properties.code`, code: 'geo.code_required' });
    if (!name && layer !== 'boundary') return void issues.push({ path: `${path}.properties.name`, code: 'geo.name_required' });
    if (codes.has(code)) return void issues.push({ path: `${path}.properties.code`, code: 'geo.code_duplicate', params: { code, other: codes.get(code) } });
    codes.set(code, i);
    const geometry = ft.geometry as Areal;
    if (boundary && layer !== 'boundary') {
      const outside = areaOutside(geometry, boundary);
      if (outside > OUTSIDE_TOLERANCE_M2) return void issues.push({ path: `${path}.geometry`, code: 'geo.outside_tenant', params: { area: Math.round(outside) } });
    }
    features.push({ code, name, geometry, properties: props });
  });
  if (issues.length === 0 && (layer === 'responsibility' || layer === 'unit')) issues.push(...overlaps(features));
  return { features: issues.length ? [] : features, issues };
}

function overlaps(features: ParsedFeature[]): GeoIssue[] {
  if (features.length < 2) return [];
  const tree = new Flatbush(features.length);
  for (const f of features) tree.add(...bbox(f.geometry));
  tree.finish();
  const issues: GeoIssue[] = [];
  features.forEach((f, i) => {
    for (const j of tree.search(...bbox(f.geometry))) {
      if (j <= i) continue;
      const common = intersect(featureCollection([feature(f.geometry), feature(features[j]!.geometry)]));
      const m2 = common ? area(common) : 0;
      if (m2 > OVERLAP_TOLERANCE_M2) {
        issues.push({ path: `features.${j}.geometry`, code: 'geo.overlap', params: { code: features[j]!.code, other: f.code, area: Math.round(m2) } });
        if (issues.length >= 20) return;
      }
    }
  });
  return issues;
}
