// Who counts as one owner "by head". The Supreme People's Court interpretation on
// building-division ownership (法释〔2009〕7号, art. 9) counts owners by the number of
// exclusive units, one unit one person, except that a buyer holding more than one unit
// counts as one person (and so do a developer's unsold units). `per_holder` applies
// that exception (the default); `per_unit` counts every unit as one head.
//
// A holder is the exact set of registered owners of a unit: a flat co-owned by A and B
// is held by {A, B}, a different holder from A alone. Units with no registered owner
// (unsold) form one holder.
export const HEAD_RULES = ['per_holder', 'per_unit'] as const;
export type HeadRule = (typeof HEAD_RULES)[number];

export interface UnitHolding {
  unitId: number;
  ownerIds: readonly number[];
}

/** unitId → head key: the smallest unit id among the units of the same holder. */
export function assignHeads(units: readonly UnitHolding[], rule: HeadRule): Map<number, number> {
  const out = new Map<number, number>();
  if (rule === 'per_unit') {
    for (const u of units) out.set(u.unitId, u.unitId);
    return out;
  }
  const keys = units.map((u) => [...new Set(u.ownerIds)].sort((a, b) => a - b).join(','));
  const first = new Map<string, number>();
  units.forEach((u, i) => {
    const prev = first.get(keys[i]!);
    if (prev === undefined || u.unitId < prev) first.set(keys[i]!, u.unitId);
  });
  units.forEach((u, i) => out.set(u.unitId, first.get(keys[i]!)!));
  return out;
}
