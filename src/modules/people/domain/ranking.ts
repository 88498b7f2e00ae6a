// 楼组志愿星: volunteers ranked by confirmed hours within their building group, with
// shared places for equal hours (1, 2, 2, 4).
export interface HoursRow {
  volunteerId: number;
  name: string;
  buildingId: number;
  hours: number;
}
export interface Ranked extends HoursRow {
  rank: number;
}

export function rankWithin(rows: readonly HoursRow[]): Map<number, Ranked[]> {
  const byBuilding = new Map<number, HoursRow[]>();
  for (const r of rows) byBuilding.set(r.buildingId, [...(byBuilding.get(r.buildingId) ?? []), r]);
  const out = new Map<number, Ranked[]>();
  for (const [b, list] of byBuilding) {
    const sorted = [...list].sort((x, y) => y.hours - x.hours || x.name.localeCompare(y.name, 'zh') || x.volunteerId - y.volunteerId);
    const ranked: Ranked[] = [];
    sorted.forEach((r, i) => ranked.push({ ...r, rank: i > 0 && sorted[i - 1]!.hours === r.hours ? ranked[i - 1]!.rank : i + 1 }));
    out.set(b, ranked);
  }
  return out;
}

/** Hours in one entry: half-hour steps, at most 12 in a day. */
export function validHours(h: number): boolean {
  return h >= 0.5 && h <= 12 && Math.round(h * 2) === h * 2;
}
