import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { apportion, splitCost, type SplitUnit, type Split } from './costSplit.js';
import { parseHundredths, formatHundredths } from './amounts.js';

const u = (unitId: number, floor: number, area: string, ownerIds: number[] = [unitId + 1000]): SplitUnit => ({ unitId, code: `${floor}0${unitId}`, floor, areaCents: parseHundredths(area)!, ownerIds });
const ok = (r: Split | unknown[]): Split => {
  if (Array.isArray(r)) throw new Error(JSON.stringify(r));
  return r as Split;
};

describe('largest remainder apportionment', () => {
  it('¥100.00 over three equal units: 33.34 + 33.33 + 33.33, the extra cent to the lowest floor', () => {
    const items = [u(3, 3, '50'), u(1, 1, '50'), u(2, 2, '50')];
    expect(apportion(10_000n, items, (x) => x.areaCents)).toEqual([3333n, 3334n, 3333n]);
  });
  it('the shares always sum to the amount and each is within a cent of its exact quota', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 11n }), fc.array(fc.integer({ min: 1, max: 500_00 }), { minLength: 1, maxLength: 60 }), (amount, areas) => {
        const items = areas.map((a, i) => ({ floor: i % 7, code: String(i), w: BigInt(a) }));
        const parts = apportion(amount, items, (x) => x.w);
        expect(parts.reduce((s, p) => s + p, 0n)).toBe(amount);
        const W = items.reduce((s, x) => s + x.w, 0n);
        parts.forEach((p, i) => {
          const exactTimesW = amount * items[i]!.w;
          expect(p * W <= exactTimesW + W).toBe(true);
          expect(p * W >= exactTimesW - W).toBe(true);
        });
      }),
    );
  });
});

describe('cost-sharing plan: the 凯迪克 lift example', () => {
  // 8 suites; owner 900 (a large owner) holds units 1 and 2
  const units = [u(1, 3, '210.50', [900]), u(2, 3, '189.50', [900]), u(3, 4, '120.00'), u(4, 4, '95.35'), u(5, 12, '101.01'), u(6, 12, '98.99'), u(7, 20, '300.00'), u(8, 28, '77.77')];

  it('fund, property company and a fixed share come off first; the rest is split by area to the cent', () => {
    const s = ok(splitCost({ totalCents: 100_000_00n, fundCents: 92_000_00n, propertyCents: 1_000_00n, fixed: [{ ownerId: 900, amountCents: 2_000_00n }], formula: 'area', floorWeights: [] }, units));
    expect(s.fixedCents).toBe(2_000_00n);
    expect(s.splitCents).toBe(5_000_00n);
    const fixed = s.shares.filter((x) => x.basis === 'fixed');
    expect(fixed.map((x) => x.unitId)).toEqual([1, 2]);
    expect(fixed.reduce((a, x) => a + x.amountCents, 0n)).toBe(2_000_00n);
    // 210.50 : 189.50 of ¥2,000.00 → 1052.50 + 947.50 exactly
    expect(fixed.map((x) => formatHundredths(x.amountCents))).toEqual(['1052.50', '947.50']);
    const rest = s.shares.filter((x) => x.basis === 'formula');
    expect(rest.reduce((a, x) => a + x.amountCents, 0n)).toBe(5_000_00n);
    // everything reconciles to the total
    expect(92_000_00n + 1_000_00n + s.shares.reduce((a, x) => a + x.amountCents, 0n)).toBe(100_000_00n);
  });

  it('by floor with weights: ground floors pay less, unlisted floors weigh 1', () => {
    const s = ok(splitCost({ totalCents: 10_000_00n, fundCents: 0n, propertyCents: 0n, fixed: [], formula: 'floor', floorWeights: [{ from: 1, to: 4, weight: 50n }, { from: 20, to: 28, weight: 150n }] }, units));
    const by = new Map(s.shares.map((x) => [x.unitId, x.amountCents]));
    expect(s.shares.reduce((a, x) => a + x.amountCents, 0n)).toBe(10_000_00n);
    // unit 7 (300 m², weight 1.5) pays 3× unit 3-ish per m² than a weight-0.5 unit: 300×1.5 vs 120×0.5
    expect(by.get(7)! > by.get(3)! * 7n).toBe(true);
  });

  it('equal parts per unit', () => {
    const s = ok(splitCost({ totalCents: 1_00n, fundCents: 0n, propertyCents: 0n, fixed: [], formula: 'unit', floorWeights: [] }, units));
    expect(s.shares.map((x) => x.amountCents)).toEqual([13n, 13n, 13n, 13n, 12n, 12n, 12n, 12n]);
  });

  it('refuses more allocated than the total, a fixed owner without units, overlapping floor ranges', () => {
    const r = splitCost({ totalCents: 100n, fundCents: 90n, propertyCents: 20n, fixed: [{ ownerId: 77, amountCents: 1n }], formula: 'floor', floorWeights: [{ from: 1, to: 5, weight: 50n }, { from: 5, to: 9, weight: 80n }] }, units);
    expect(Array.isArray(r)).toBe(true);
    expect((r as { code: string }[]).map((i) => i.code).sort()).toEqual(['plan.fixed_owner_no_units', 'plan.floor_ranges', 'plan.over_allocated']);
  });

  it('any plan reconciles exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 10n }), fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.constantFrom('area' as const, 'floor' as const, 'unit' as const), (total, fund, formula) => {
        fc.pre(fund <= total);
        const s = ok(splitCost({ totalCents: total, fundCents: fund, propertyCents: 0n, fixed: [], formula, floorWeights: [{ from: 1, to: 3, weight: 0n }] }, units));
        expect(fund + s.shares.reduce((a, x) => a + x.amountCents, 0n)).toBe(total);
      }),
    );
  });
});

describe('amounts', () => {
  it('parses decimal strings without floats', () => {
    expect(parseHundredths('0.1')).toBe(10n);
    expect(parseHundredths('1234567.89')).toBe(123456789n);
    expect(parseHundredths('1.234')).toBeNull();
    expect(parseHundredths('-1')).toBeNull();
    expect(formatHundredths(5n)).toBe('0.05');
  });
});
