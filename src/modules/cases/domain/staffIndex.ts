// The nearest on-duty people, from the last positions staff reported. One static
// spatial index (flatbush, k-nearest-neighbour search) per group — a department, or all
// inspectors — rebuilt lazily when a position in that group changes. Longitudes are
// scaled by cos(latitude) so plain distances in the index order points as on the ground.
import Flatbush from 'flatbush';
import { distanceM } from './geo.js';

export interface StaffPoint {
  userId: number;
  lng: number;
  lat: number;
  /** when the position was reported (ms) */
  at: number;
  departmentId: number | null;
  inspector: boolean;
}

export interface Candidate {
  userId: number;
  /** null when the person has no recent position */
  distanceM: number | null;
}

interface Group {
  ids: number[];
  index: Flatbush | null;
  k: number;
}

const groupsOf = (p: StaffPoint): string[] => [...(p.departmentId !== null ? [`d${p.departmentId}`] : []), ...(p.inspector ? ['inspectors'] : [])];
export const departmentGroup = (id: number) => `d${id}`;
export const INSPECTORS = 'inspectors';

export class StaffIndex {
  private readonly points = new Map<number, StaffPoint>();
  private readonly groups = new Map<string, Group>();

  get size(): number {
    return this.points.size;
  }

  get(userId: number): StaffPoint | undefined {
    return this.points.get(userId);
  }

  all(): StaffPoint[] {
    return [...this.points.values()];
  }

  upsert(p: StaffPoint): void {
    const old = this.points.get(p.userId);
    if (old) for (const g of groupsOf(old)) this.dirty(g);
    this.points.set(p.userId, p);
    for (const g of groupsOf(p)) this.dirty(g);
  }

  private dirty(key: string): void {
    const g = this.groups.get(key);
    if (g) g.index = null;
    else this.groups.set(key, { ids: [], index: null, k: 1 });
  }

  private build(key: string): Group | undefined {
    const g = this.groups.get(key);
    if (!g) return undefined;
    if (g.index) return g;
    const members = [...this.points.values()].filter((p) => groupsOf(p).includes(key));
    g.ids = members.map((p) => p.userId);
    if (members.length === 0) return g;
    const meanLat = members.reduce((s, p) => s + p.lat, 0) / members.length;
    g.k = Math.cos((meanLat * Math.PI) / 180);
    const index = new Flatbush(members.length);
    for (const p of members) index.add(p.lng * g.k, p.lat, p.lng * g.k, p.lat);
    index.finish();
    g.index = index;
    return g;
  }

  /** Up to `k` nearest members of a group with a position reported between `freshSince`
   * and `notAfter` that `eligible` accepts, nearest first (metres on the ground). */
  nearest(group: string, lng: number, lat: number, k: number, freshSince: number, eligible: (userId: number) => boolean, notAfter = Infinity): Candidate[] {
    const g = this.build(group);
    if (!g?.index) return [];
    const hits = g.index.neighbors(lng * g.k, lat, k, Infinity, (i) => {
      const id = g.ids[i]!;
      const at = this.points.get(id)!.at;
      return at >= freshSince && at <= notAfter && eligible(id);
    });
    return hits
      .map((i) => {
        const p = this.points.get(g.ids[i]!)!;
        return { userId: p.userId, distanceM: distanceM(lng, lat, p.lng, p.lat) };
      })
      .sort((a, b) => a.distanceM - b.distanceM);
  }
}

export interface Choice {
  userId: number;
  distanceM: number | null;
  workload: number;
  /** nearest | tie_workload | no_position */
  why: 'nearest' | 'tie_workload' | 'no_position';
  runnerUp?: { userId: number; distanceM: number | null; workload: number };
}

/** People within this many metres of the nearest count as equally near; the one with
 * fewer open cases is chosen among them. */
export const TIE_METRES = 50;

/** The pick among candidates: the nearest; among equally near ones the least busy;
 * people without a recent position only when nobody with one is available. */
export function choose(cands: readonly (Candidate & { workload: number })[], tieM = TIE_METRES): Choice | null {
  const placed = cands.filter((c) => c.distanceM !== null).sort((a, b) => a.distanceM! - b.distanceM! || a.userId - b.userId);
  if (placed.length) {
    const nearest = placed[0]!;
    const tied = placed.filter((c) => c.distanceM! - nearest.distanceM! <= tieM);
    const pick = [...tied].sort((a, b) => a.workload - b.workload || a.distanceM! - b.distanceM! || a.userId - b.userId)[0]!;
    const why = pick.userId !== nearest.userId ? 'tie_workload' : 'nearest';
    const runnerUp = why === 'tie_workload' ? nearest : placed.find((c) => c.userId !== pick.userId);
    return { userId: pick.userId, distanceM: pick.distanceM, workload: pick.workload, why, ...(runnerUp ? { runnerUp: { userId: runnerUp.userId, distanceM: runnerUp.distanceM, workload: runnerUp.workload } } : {}) };
  }
  const unplaced = [...cands].sort((a, b) => a.workload - b.workload || a.userId - b.userId);
  const pick = unplaced[0];
  return pick ? { userId: pick.userId, distanceM: null, workload: pick.workload, why: 'no_position' } : null;
}
