// The decision rule of Civil Code art. 278, in exact integer arithmetic.
//   participation: ≥ 2/3 of the exclusive area AND ≥ 2/3 of the owners by head;
//   approval: three_quarters → ≥ 3/4 of the participating area AND of participating
//             owners; majority → more than half of both.
// "以上" includes the number itself (Civil Code art. 1259); "过半数" is strictly more.
// Abstentions take part: they count in the participating totals, not as agreement.
import { ratio, type Ratio } from './amounts.js';
import type { ApprovalRule } from './matters.js';

export const CHOICES = ['agree', 'disagree', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];

export interface Amount {
  units: number;
  heads: number;
  areaCents: bigint;
}
export const zero = (): Amount => ({ units: 0, heads: 0, areaCents: 0n });

export interface Counts {
  electorate: Amount;
  agree: Amount;
  disagree: Amount;
  abstain: Amount;
  participating: Amount;
}

export interface Check {
  met: boolean;
  value: Ratio;
  /** the threshold as a fraction; strict = "more than" */
  threshold: { num: number; den: number; strict: boolean };
}

export interface Decision {
  rule: ApprovalRule;
  participationArea: Check;
  participationHeads: Check;
  approvalArea: Check;
  approvalHeads: Check;
  quorum: boolean;
  passed: boolean;
}

function check(part: bigint, whole: bigint, num: number, den: number, strict: boolean): Check {
  // part/whole ≥ num/den  ⇔  part·den ≥ num·whole (whole > 0); an empty whole meets nothing
  const l = part * BigInt(den);
  const r = BigInt(num) * whole;
  const met = whole > 0n && (strict ? l > r : l >= r);
  return { met, value: ratio(part, whole), threshold: { num, den, strict } };
}

export function decide(c: Counts, rule: ApprovalRule): Decision {
  const participationArea = check(c.participating.areaCents, c.electorate.areaCents, 2, 3, false);
  const participationHeads = check(BigInt(c.participating.heads), BigInt(c.electorate.heads), 2, 3, false);
  const [num, den, strict] = rule === 'three_quarters' ? [3, 4, false] : [1, 2, true];
  const approvalArea = check(c.agree.areaCents, c.participating.areaCents, num, den, strict);
  const approvalHeads = check(BigInt(c.agree.heads), BigInt(c.participating.heads), num, den, strict);
  const quorum = participationArea.met && participationHeads.met;
  return { rule, participationArea, participationHeads, approvalArea, approvalHeads, quorum, passed: quorum && approvalArea.met && approvalHeads.met };
}

export interface Elector {
  unitId: number;
  areaCents: bigint;
  headKey: number;
}
export interface CastBallot {
  unitId: number;
  choice: Choice;
}

export class TallyError extends Error {
  constructor(
    readonly code: 'unit_outside' | 'duplicate' | 'split_head',
    readonly unitId: number,
  ) {
    super(`${code}: unit ${unitId}`);
  }
}

/** Counts from the frozen electorate and the ballots, recomputed from scratch. A head
 * (one holder) must not have split choices across its units. */
export function count(electors: readonly Elector[], ballots: readonly CastBallot[]): Counts {
  const byUnit = new Map(electors.map((e) => [e.unitId, e]));
  const electorate = zero();
  const heads = new Set<number>();
  for (const e of electors) {
    electorate.units++;
    electorate.areaCents += e.areaCents;
    heads.add(e.headKey);
  }
  electorate.heads = heads.size;

  const seen = new Set<number>();
  const headChoice = new Map<number, Choice>();
  const out: Counts = { electorate, agree: zero(), disagree: zero(), abstain: zero(), participating: zero() };
  for (const b of ballots) {
    const e = byUnit.get(b.unitId);
    if (!e) throw new TallyError('unit_outside', b.unitId);
    if (seen.has(b.unitId)) throw new TallyError('duplicate', b.unitId);
    seen.add(b.unitId);
    const prior = headChoice.get(e.headKey);
    if (prior !== undefined && prior !== b.choice) throw new TallyError('split_head', b.unitId);
    for (const a of [out[b.choice], out.participating]) {
      a.units++;
      a.areaCents += e.areaCents;
      if (prior === undefined) a.heads++;
    }
    headChoice.set(e.headKey, b.choice);
  }
  return out;
}

/** JSON form (BigInt areas as decimal strings of hundredths of m²). */
export interface AmountJson {
  units: number;
  heads: number;
  areaCents: string;
}
export const amountJson = (a: Amount): AmountJson => ({ units: a.units, heads: a.heads, areaCents: String(a.areaCents) });
export const countsJson = (c: Counts) => ({
  electorate: amountJson(c.electorate),
  agree: amountJson(c.agree),
  disagree: amountJson(c.disagree),
  abstain: amountJson(c.abstain),
  participating: amountJson(c.participating),
});

const amountFromJson = (a: AmountJson): Amount => ({ units: a.units, heads: a.heads, areaCents: BigInt(a.areaCents) });
export const countsFromJson = (c: ReturnType<typeof countsJson>): Counts => ({
  electorate: amountFromJson(c.electorate),
  agree: amountFromJson(c.agree),
  disagree: amountFromJson(c.disagree),
  abstain: amountFromJson(c.abstain),
  participating: amountFromJson(c.participating),
});
