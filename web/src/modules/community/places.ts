// Buildings and residential areas the signed-in committee member acts for (the server
// checks again; this only keeps the pickers short).
import { get } from '../../api';
import { useSession } from '../../stores/session';

export interface BuildingLite {
  id: number;
  code: string;
  name: string;
  kind: string;
  areaId: number | null;
  floors: number;
}
export interface AreaLite {
  id: number;
  code: string;
  name: string;
}

export async function myPlaces(): Promise<{ buildings: BuildingLite[]; areas: AreaLite[] }> {
  const s = useSession();
  const [bs, as] = await Promise.all([get<BuildingLite[]>('/api/v1/buildings'), get<AreaLite[]>('/api/v1/areas')]);
  const me = s.me;
  if (!me || me.roles.includes('admin')) return { buildings: bs, areas: as };
  const inB = new Set(me.scopes.building ?? []);
  const inA = new Set(me.scopes.area ?? []);
  return { buildings: bs.filter((b) => inB.has(b.id) || (b.areaId !== null && inA.has(b.areaId))), areas: as.filter((a) => inA.has(a.id)) };
}
