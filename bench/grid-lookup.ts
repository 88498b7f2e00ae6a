// Point → grid lookups per second through the spatial index, for 1,000 grids of
// 12-sided polygons (and for the demo's 12 grids + 130 unit grids), against a baseline
// of a plain bounding-box scan over the same 1,000 grids.
import { PolygonIndex, type Polygon } from '../src/core/geo/index.js';
import { responsibilityGrids, unitGrids } from '../demo/geography.js';
import { Rng } from '../demo/random.js';
import { round } from './lib.js';

function syntheticGrids(n: number): { geometry: Polygon; value: number }[] {
  const side = Math.ceil(Math.sqrt(n));
  const d = 0.03 / side;
  const out: { geometry: Polygon; value: number }[] = [];
  for (let i = 0; i < n; i++) {
    const cx = 121.44 + (i % side) * d + d / 2;
    const cy = 31.22 + Math.floor(i / side) * d + d / 2;
    const ring: number[][] = [];
    for (let k = 0; k < 12; k++) {
      const a = (k / 12) * 2 * Math.PI;
      ring.push([cx + Math.cos(a) * d * 0.7, cy + Math.sin(a) * d * 0.7]);
    }
    ring.push(ring[0]!);
    out.push({ geometry: { type: 'Polygon', coordinates: [ring] }, value: i });
  }
  return out;
}

function measure(find: (x: number, y: number) => unknown, pts: Float64Array, n: number): number {
  let hits = 0;
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    const j = (i % (pts.length / 2)) * 2;
    if (find(pts[j]!, pts[j + 1]!) !== undefined) hits++;
  }
  const s = (performance.now() - t) / 1000;
  if (hits === 0) throw new Error('no hits');
  return n / s;
}

export default async function gridLookup() {
  const rng = new Rng(7);
  const grids = syntheticGrids(1000);
  const index = new PolygonIndex(grids);
  const pts = new Float64Array(200_000);
  for (let i = 0; i < pts.length; i += 2) {
    pts[i] = 121.44 + rng.next() * 0.03;
    pts[i + 1] = 31.22 + rng.next() * 0.03;
  }
  measure((x, y) => index.find(x, y), pts, 200_000); // warm-up
  const perSec = measure((x, y) => index.find(x, y), pts, 3_000_000);

  // baseline: linear bounding-box scan with the same exact test
  const boxes = grids.map((g) => {
    const ring = g.geometry.coordinates[0]!;
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
  });
  const single = grids.map((g) => new PolygonIndex([g]));
  const scan = (x: number, y: number) => {
    for (let i = 0; i < boxes.length; i++) {
      const b = boxes[i]!;
      if (x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3] && single[i]!.find(x, y) !== undefined) return i;
    }
    return undefined;
  };
  const scanPerSec = measure(scan, pts, 100_000);

  const demo = new PolygonIndex([...responsibilityGrids(), ...unitGrids()].map((c) => ({ geometry: c.geometry, value: c.code })));
  const dpts = new Float64Array(200_000);
  for (let i = 0; i < dpts.length; i += 2) {
    dpts[i] = 121.4515 + rng.next() * 0.009;
    dpts[i + 1] = 31.2318 + rng.next() * 0.009;
  }
  const demoPerSec = measure((x, y) => demo.find(x, y), dpts, 2_000_000);

  return {
    grids: 1000,
    lookups_per_s: Math.round(perSec),
    baseline_linear_scan_per_s: Math.round(scanPerSec),
    ratio_to_baseline: round(perSec / scanPerSec, 1),
    demo_grids: demo.size,
    demo_lookups_per_s: Math.round(demoPerSec),
    target_lookups_per_s: 1_000_000,
  };
}
