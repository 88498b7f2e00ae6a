// Where a signed-in resident lives (their resident record's building), for "near me".
import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import type { Actor } from '../../../core/auth/index.js';
import { buildings, residentialAreas, units } from '../../places/index.js';
import { residents } from '../schema.js';

export interface Home {
  residentId: number;
  name: string;
  birthDate: string;
  buildingId: number;
  buildingName: string;
  unitCode: string;
  areaId: number | null;
  areaName: string | null;
  lat: number;
  lng: number;
}

export async function homeOf(q: Queryable, actor: Actor): Promise<Home | undefined> {
  if (actor.kind !== 'user') return undefined;
  const [h] = await q
    .select({ residentId: residents.id, name: residents.name, birthDate: residents.birthDate, buildingId: residents.buildingId, buildingName: buildings.name, unitCode: units.code, areaId: residents.areaId, areaName: residentialAreas.name, lat: buildings.lat, lng: buildings.lng })
    .from(residents)
    .innerJoin(buildings, eq(buildings.id, residents.buildingId))
    .innerJoin(units, eq(units.id, residents.unitId))
    .leftJoin(residentialAreas, eq(residentialAreas.id, residents.areaId))
    .where(and(eq(residents.tenantId, actor.tenantId), eq(residents.userId, actor.id), isNull(residents.movedOutAt)))
    .limit(1);
  return h;
}
