// Stored coordinates are WGS-84; Chinese base maps (Amap, Tencent) use GCJ-02.
import gcoordModule from 'gcoord';
import { interopDefault } from '../interop.js';
import distance from '@turf/distance';

const gcoord = interopDefault(gcoordModule as unknown as { default: typeof gcoordModule.default }) as typeof gcoordModule.default;

export function wgs84ToGcj02(lng: number, lat: number): [number, number] {
  return gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
}

export function gcj02ToWgs84(lng: number, lat: number): [number, number] {
  return gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
}

/** Great-circle distance in metres. */
export function metresBetween(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  return distance([a.lng, a.lat], [b.lng, b.lat], { units: 'meters' });
}
