// Splitting the part of a project's cost that owners pay (出资方案), to the cent.
//
//   due to owners = total − maintenance fund − property company − fixed shares
//   fixed shares: named (large) owners pay an agreed sum, spread over their own units
//   the rest:     split over every other unit by weight —
//                 area:  registered area
//                 floor: registered area × the floor's weight (unlisted floors weigh 1)
//                 unit:  one equal part per unit
//
// Rounding (stated on every plan): largest remainder (Hamilton). Each unit first gets
// its exact share rounded down to the cent; the cents left over go one each to the
// units with the largest remainders, ties to the lower floor, then the lower unit code.
// The shares therefore always sum exactly to the amount split.
export const FORMULAS = ['area', 'floor', 'unit'] as const;
export type Formula = (typeof FORMULAS)[number];

export const ROUNDING_RULE = {
  zh: '最大余额法：各户按比例计算后先向下取整到分，剩余的分按余数从大到小逐户补 1 分，余数相同时楼层低者、房号小者优先；各户分摊额合计与应分摊总额分毫不差。',
  en: 'Largest remainder: each unit’s exact share is rounded down to the cent; the cents left over go one each to the units with the largest remainders (ties: lower floor, then lower unit code), so the shares add up exactly to the amount split.',
};

export interface SplitUnit {
  unitId: number;
  code: string;
  floor: number;
  areaCents: bigint;
  ownerIds: readonly number[];
}

export interface FloorWeight {
  from: number;
  to: number;
  /** hundredths: 120 = weight 1.2 */
  weight: bigint;
}

export interface FixedShare {
  ownerId: number;
  amountCents: bigint;
}

export interface PlanInput {
  totalCents: bigint;
  fundCents: bigint;
  propertyCents: bigint;
  fixed: readonly FixedShare[];
  formula: Formula;
  floorWeights: readonly FloorWeight[];
}

export interface UnitShare {
  unitId: number;
  amountCents: bigint;
  basis: 'formula' | 'fixed';
  /** the fixed owner this unit's share comes from */
  ownerId: number | null;
}

export interface Split {
  fixedCents: bigint;
  splitCents: bigint;
  shares: UnitShare[];
}

export type SplitIssue =
  | { code: 'plan.over_allocated'; field: string; params: Record<string, string> }
  | { code: 'plan.fixed_owner_no_units'; field: string; params: Record<string, string> }
  | { code: 'plan.fixed_owner_twice'; field: string; params: Record<string, string> }
  | { code: 'plan.no_weight'; field: string; params: Record<string, string> }
  | { code: 'plan.floor_ranges'; field: string; params: Record<string, string> };

/** Largest-remainder apportionment of `amount` by non-negative integer weights. */
export function apportion<T extends { floor: number; code: string }>(amount: bigint, items: readonly T[], weight: (t: T) => bigint): bigint[] {
  const ws = items.map(weight);
  const total = ws.reduce((s, w) => s + w, 0n);
  if (items.length === 0 || total === 0n) {
    if (amount === 0n) return items.map(() => 0n);
    throw new Error('nothing to apportion over');
  }
  const base = ws.map((w) => (amount * w) / total);
  let left = amount - base.reduce((s, v) => s + v, 0n);
  const order = items
    .map((it, i) => ({ i, rem: (amount * ws[i]!) % total, it }))
    .sort((a, b) => (a.rem === b.rem ? a.it.floor - b.it.floor || (a.it.code < b.it.code ? -1 : a.it.code > b.it.code ? 1 : a.i - b.i) : a.rem > b.rem ? -1 : 1));
  for (const o of order) {
    if (left === 0n) break;
    base[o.i]! += 1n;
    left -= 1n;
  }
  return base;
}

export function floorWeightOf(floor: number, weights: readonly FloorWeight[]): bigint {
  return weights.find((w) => floor >= w.from && floor <= w.to)?.weight ?? 100n;
}

export function checkPlan(p: PlanInput, units: readonly SplitUnit[]): SplitIssue[] {
  const issues: SplitIssue[] = [];
  const fixedSum = p.fixed.reduce((s, f) => s + f.amountCents, 0n);
  if (p.fundCents + p.propertyCents + fixedSum > p.totalCents) {
    issues.push({ code: 'plan.over_allocated', field: 'total', params: { total: String(p.totalCents), allocated: String(p.fundCents + p.propertyCents + fixedSum) } });
  }
  const seen = new Set<number>();
  p.fixed.forEach((f, i) => {
    if (seen.has(f.ownerId)) issues.push({ code: 'plan.fixed_owner_twice', field: `fixedShares.${i}.ownerId`, params: { owner: String(f.ownerId) } });
    seen.add(f.ownerId);
    if (!units.some((u) => u.ownerIds.includes(f.ownerId))) issues.push({ code: 'plan.fixed_owner_no_units', field: `fixedShares.${i}.ownerId`, params: { owner: String(f.ownerId) } });
  });
  const ranges = [...p.floorWeights].sort((a, b) => a.from - b.from);
  ranges.forEach((r, i) => {
    if (r.from > r.to || (i > 0 && r.from <= ranges[i - 1]!.to)) issues.push({ code: 'plan.floor_ranges', field: `floorWeights.${p.floorWeights.indexOf(r)}`, params: { from: String(r.from), to: String(r.to) } });
  });
  return issues;
}

/** Each unit's share, or the issues that make the plan impossible. */
export function splitCost(p: PlanInput, units: readonly SplitUnit[]): Split | SplitIssue[] {
  const issues = checkPlan(p, units);
  if (issues.length) return issues;
  const sorted = [...units].sort((a, b) => a.floor - b.floor || (a.code < b.code ? -1 : a.code > b.code ? 1 : a.unitId - b.unitId));
  const fixedOf = new Map<number, FixedShare>();
  for (const f of p.fixed) for (const u of sorted) if (u.ownerIds.includes(f.ownerId) && !fixedOf.has(u.unitId)) fixedOf.set(u.unitId, f);

  const shares = new Map<number, UnitShare>();
  for (const f of p.fixed) {
    const mine = sorted.filter((u) => fixedOf.get(u.unitId) === f);
    const byArea = mine.some((u) => u.areaCents > 0n);
    const parts = apportion(f.amountCents, mine, (u) => (byArea ? u.areaCents : 1n));
    mine.forEach((u, i) => shares.set(u.unitId, { unitId: u.unitId, amountCents: parts[i]!, basis: 'fixed', ownerId: f.ownerId }));
  }
  const fixedCents = p.fixed.reduce((s, f) => s + f.amountCents, 0n);
  const splitCents = p.totalCents - p.fundCents - p.propertyCents - fixedCents;
  const rest = sorted.filter((u) => !fixedOf.has(u.unitId));
  const weight = (u: SplitUnit): bigint => (p.formula === 'unit' ? 1n : p.formula === 'area' ? u.areaCents : u.areaCents * floorWeightOf(u.floor, p.floorWeights));
  if (splitCents > 0n && rest.reduce((s, u) => s + weight(u), 0n) === 0n) {
    return [{ code: 'plan.no_weight', field: 'formula', params: { amount: String(splitCents) } }];
  }
  const parts = apportion(splitCents, rest, weight);
  rest.forEach((u, i) => shares.set(u.unitId, { unitId: u.unitId, amountCents: parts[i]!, basis: 'formula', ownerId: null }));
  return { fixedCents, splitCents, shares: sorted.map((u) => shares.get(u.unitId)!) };
}
