export type Position = [number, number] | number[];
export type Ring = Position[];
export interface Polygon {
  type: 'Polygon';
  coordinates: Ring[];
}
export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}
export type Areal = Polygon | MultiPolygon;
export interface LngLat {
  lng: number;
  lat: number;
}
