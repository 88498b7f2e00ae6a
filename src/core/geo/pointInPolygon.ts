// Point-in-polygon on packed coordinates. Hand-written because the grid lookup runs a
// million times a second (see bench/grid-lookup.ts and docs/adr/0004): GeoJSON-object
// based library calls cost several times more per test. Validation of imported
// geometry still goes through turf.
import type { Areal } from './types.js';

/** Rings packed as Float64Array [x0,y0,x1,y1,…]; polygon = outer ring then holes. */
export type PackedPolygon = Float64Array[];
export type PackedAreal = PackedPolygon[];

export function pack(geom: Areal): PackedAreal {
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  return polys.map((rings) =>
    rings.map((ring) => {
      const a = new Float64Array(ring.length * 2);
      ring.forEach((p, i) => {
        a[i * 2] = p[0]!;
        a[i * 2 + 1] = p[1]!;
      });
      return a;
    }),
  );
}

function inRing(x: number, y: number, r: Float64Array): boolean {
  let inside = false;
  const n = r.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const yi = r[i + 1]!;
    const yj = r[j + 1]!;
    if (yi > y !== yj > y) {
      const xi = r[i]!;
      const xj = r[j]!;
      if (x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

export function pointInPacked(x: number, y: number, geom: PackedAreal): boolean {
  for (const poly of geom) {
    if (!inRing(x, y, poly[0]!)) continue;
    let inHole = false;
    for (let h = 1; h < poly.length; h++) {
      if (inRing(x, y, poly[h]!)) {
        inHole = true;
        break;
      }
    }
    if (!inHole) return true;
  }
  return false;
}

export function bbox(geom: Areal): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  for (const rings of polys)
    for (const p of rings[0] ?? []) {
      if (p[0]! < minX) minX = p[0]!;
      if (p[0]! > maxX) maxX = p[0]!;
      if (p[1]! < minY) minY = p[1]!;
      if (p[1]! > maxY) maxY = p[1]!;
    }
  return [minX, minY, maxX, maxY];
}
