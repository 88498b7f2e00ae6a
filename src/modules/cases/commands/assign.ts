// Choosing people: the nearest on-duty member of the responsible department (ties by open
// workload) to handle a case, and the grid's inspector (or the nearest on-duty one) to
// verify or check it. Each choice comes with its reason for the timeline.
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { cases } from '../schema.js';
import { choose, type Candidate, type Choice } from '../domain/staffIndex.js';
import type { Engine, Prepared } from '../services/engine.js';

export interface Pick {
  userId: number;
  name: string;
  why: Choice['why'] | 'grid_inspector' | 'grid_inspector_off_duty' | 'nearest_inspector' | 'named';
  distanceM: number | null;
  workload: number | null;
  considered: number;
  runnerUp?: { userId: number; name: string; distanceM: number | null; workload: number };
}

export async function workloads(q: Queryable, tenantId: string, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await q
    .select({ id: cases.assigneeId, n: count() })
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), inArray(cases.state, ['dispatched', 'accepted']), inArray(cases.assigneeId, ids)))
    .groupBy(cases.assigneeId);
  return new Map(rows.map((r) => [r.id!, Number(r.n)]));
}

const nameOf = (eng: Engine, tenantId: string, id: number) => eng.staff.member(tenantId, id)?.name ?? `#${id}`;

async function best(q: Queryable, eng: Engine, tenantId: string, cands: Candidate[]): Promise<Pick | null> {
  const load = await workloads(
    q,
    tenantId,
    cands.map((c) => c.userId),
  );
  const choice = choose(cands.map((c) => ({ ...c, workload: load.get(c.userId) ?? 0 })));
  if (!choice) return null;
  return {
    userId: choice.userId,
    name: nameOf(eng, tenantId, choice.userId),
    why: choice.why,
    distanceM: choice.distanceM === null ? null : Math.round(choice.distanceM),
    workload: choice.workload,
    considered: cands.length,
    ...(choice.runnerUp ? { runnerUp: { ...choice.runnerUp, distanceM: choice.runnerUp.distanceM === null ? null : Math.round(choice.runnerUp.distanceM), name: nameOf(eng, tenantId, choice.runnerUp.userId) } } : {}),
  };
}

/** The handler for a department's case at (lng, lat), skipping people already tried. */
export async function pickHandler(q: Queryable, eng: Engine, prep: Prepared, departmentId: number, lng: number, lat: number, now: Date, exclude: readonly number[] = []): Promise<Pick | null> {
  const tenantId = prep.tenantId;
  const cands = await eng.staff.candidates(tenantId, { departmentId }, lng, lat, now, prep.cal, exclude, q);
  return best(q, eng, tenantId, cands);
}

/** The inspector to verify or check a case: the grid's own when on duty, else the nearest
 * on-duty inspector, else the grid's own anyway. */
export async function pickInspector(q: Queryable, eng: Engine, prep: Prepared, gridId: number | null, lng: number, lat: number, now: Date): Promise<Pick | null> {
  const tenantId = prep.tenantId;
  const own = gridId !== null ? (eng.grids.grid(tenantId, gridId)?.inspectorUserId ?? null) : null;
  const duty = await eng.staff.onDuty(tenantId, now, prep.cal, q);
  if (own !== null && duty.has(own)) return { userId: own, name: nameOf(eng, tenantId, own), why: 'grid_inspector', distanceM: null, workload: null, considered: 1 };
  const cands = await eng.staff.candidates(tenantId, 'inspectors', lng, lat, now, prep.cal, [], q);
  const pick = await best(q, eng, tenantId, cands);
  if (pick) return { ...pick, why: 'nearest_inspector' };
  if (own !== null) return { userId: own, name: nameOf(eng, tenantId, own), why: 'grid_inspector_off_duty', distanceM: null, workload: null, considered: 0 };
  return null;
}

/** A Chinese sentence for the timeline. */
export function describePick(p: Pick): string {
  const dist = p.distanceM !== null ? `约 ${p.distanceM} 米` : '位置未知';
  switch (p.why) {
    case 'nearest':
      return `${p.name}：在岗人员中距离最近（${dist}），在办 ${p.workload} 件${p.runnerUp ? `；其次为 ${p.runnerUp.name}（${p.runnerUp.distanceM ?? '?'} 米）` : ''}`;
    case 'tie_workload':
      return `${p.name}：与 ${p.runnerUp?.name} 距离相近（${dist}，相差不超过 50 米），在办案件较少（${p.workload} 件，对方 ${p.runnerUp?.workload} 件）`;
    case 'no_position':
      return `${p.name}：在岗人员均无近期位置，按在办案件最少（${p.workload} 件）选择`;
    case 'grid_inspector':
      return `${p.name}：本网格监督员，在岗`;
    case 'nearest_inspector':
      return `${p.name}：本网格监督员不在岗，改由距离最近的在岗监督员（${dist}）`;
    case 'grid_inspector_off_duty':
      return `${p.name}：本网格监督员（当前不在岗，无其他在岗监督员）`;
    case 'named':
      return `${p.name}：由派遣员指定`;
  }
}
