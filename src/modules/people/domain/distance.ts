// The 15-minute life circle: walking distance and minutes from a home to a service point.
import turfDistance from '@turf/distance';

/** An older person's walking pace: about 4 km/h (a 15-minute circle is about 1 km). */
export const WALK_M_PER_MIN = 4000 / 60;
/** Street paths are longer than the straight line; a common detour factor. */
const DETOUR = 1.3;

export function walk(from: { lng: number; lat: number }, to: { lng: number; lat: number }): { metres: number; minutes: number } {
  const metres = Math.round(turfDistance([from.lng, from.lat], [to.lng, to.lat], { units: 'kilometers' }) * 1000);
  return { metres, minutes: Math.max(1, Math.round((metres * DETOUR) / WALK_M_PER_MIN)) };
}
