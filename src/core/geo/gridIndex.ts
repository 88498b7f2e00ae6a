// Spatial index of polygons (grids): Flatbush over bounding boxes, then an exact
// point-in-polygon test on the few candidates.
import Flatbush from 'flatbush';
import { bbox, pack, pointInPacked, type PackedAreal } from './pointInPolygon.js';
import type { Areal } from './types.js';

export interface IndexedArea<T> {
  geometry: Areal;
  value: T;
}

export class PolygonIndex<T> {
  private readonly tree: Flatbush | null;
  private readonly shapes: PackedAreal[];
  private readonly values: T[];

  constructor(items: IndexedArea<T>[]) {
    this.shapes = items.map((i) => pack(i.geometry));
    this.values = items.map((i) => i.value);
    if (items.length === 0) {
      this.tree = null;
      return;
    }
    const tree = new Flatbush(items.length);
    for (const i of items) {
      const [a, b, c, d] = bbox(i.geometry);
      tree.add(a, b, c, d);
    }
    tree.finish();
    this.tree = tree;
  }

  get size(): number {
    return this.values.length;
  }

  /** The first area containing the point (grids do not overlap), or undefined. */
  find(lng: number, lat: number): T | undefined {
    if (!this.tree) return undefined;
    const ids = this.tree.search(lng, lat, lng, lat, undefined);
    for (const id of ids) if (pointInPacked(lng, lat, this.shapes[id]!)) return this.values[id];
    return undefined;
  }

  /** Every area containing the point. */
  findAll(lng: number, lat: number): T[] {
    if (!this.tree) return [];
    return this.tree.search(lng, lat, lng, lat).filter((id) => pointInPacked(lng, lat, this.shapes[id]!)).map((id) => this.values[id]!);
  }
}
