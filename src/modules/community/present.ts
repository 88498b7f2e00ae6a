// Shapes shared by the community routes: areas in m² and money in yuan as exact decimal
// strings, ratios as exact fractions with a display percentage.
import { Type, type TSchema } from '@sinclair/typebox';
import { formatHundredths } from './domain/amounts.js';
import type { Amount, Check, Counts, Decision } from './domain/tally.js';

export const lit = <T extends readonly string[]>(xs: T) => Type.Union(xs.map((x) => Type.Literal(x)));
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const Id = Type.Integer({ minimum: 1 });
export const IdParams = Type.Object({ id: Id });

export const AmountOut = Type.Object({ units: Type.Integer(), heads: Type.Integer(), area: Type.String({ description: 'm², exact, two decimals' }) });
export const amountOut = (a: Amount) => ({ units: a.units, heads: a.heads, area: formatHundredths(a.areaCents) });

export const CheckOut = Type.Object({ met: Type.Boolean(), percent: Type.String(), num: Type.String(), den: Type.String(), threshold: Type.String({ description: 'e.g. ≥2/3, ≥3/4, >1/2' }) });
export const checkOut = (c: Check) => ({ met: c.met, percent: c.value.percent, num: c.value.num, den: c.value.den, threshold: `${c.threshold.strict ? '>' : '≥'}${c.threshold.num}/${c.threshold.den}` });

export const ProgressOut = Type.Object({
  electorate: AmountOut,
  participating: AmountOut,
  participationArea: CheckOut,
  participationHeads: CheckOut,
});

export const ResultOut = Type.Object({
  electorate: AmountOut,
  participating: AmountOut,
  agree: AmountOut,
  disagree: AmountOut,
  abstain: AmountOut,
  rule: Type.String(),
  participationArea: CheckOut,
  participationHeads: CheckOut,
  approvalArea: CheckOut,
  approvalHeads: CheckOut,
  quorum: Type.Boolean(),
  passed: Type.Boolean(),
  closedAt: Nullable(Type.String()),
  ballotsDigest: Nullable(Type.String()),
});

export function progressOut(c: Counts, d: Decision) {
  return { electorate: amountOut(c.electorate), participating: amountOut(c.participating), participationArea: checkOut(d.participationArea), participationHeads: checkOut(d.participationHeads) };
}

export function resultOut(c: Counts, d: Decision, closedAt: string | null, digest: string | null) {
  return {
    ...progressOut(c, d),
    agree: amountOut(c.agree),
    disagree: amountOut(c.disagree),
    abstain: amountOut(c.abstain),
    rule: d.rule,
    approvalArea: checkOut(d.approvalArea),
    approvalHeads: checkOut(d.approvalHeads),
    quorum: d.quorum,
    passed: d.passed,
    closedAt,
    ballotsDigest: digest,
  };
}
