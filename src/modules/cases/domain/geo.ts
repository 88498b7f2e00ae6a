// Distances on the ground (metres) between WGS-84 points; good to a few centimetres over
// the few kilometres of a subdistrict.
const R = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

export function distanceM(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLng = rad(lng2 - lng1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** A bounding box around a point, for a coarse index filter before the exact distance. */
export function boxAround(lng: number, lat: number, radiusM: number): { minLng: number; maxLng: number; minLat: number; maxLat: number } {
  const dLat = radiusM / 111_195;
  const dLng = radiusM / (111_195 * Math.cos(rad(lat)));
  return { minLng: lng - dLng, maxLng: lng + dLng, minLat: lat - dLat, maxLat: lat + dLat };
}
