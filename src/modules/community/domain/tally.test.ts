import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { count, decide, TallyError, type Amount, type Counts } from './tally.js';
import { ruleFor, MATTERS } from './matters.js';
import { assignHeads } from './heads.js';
import { ratio } from './amounts.js';

const amt = (heads: number, areaCents: number, units = heads): Amount => ({ heads, units, areaCents: BigInt(areaCents) });
/** electorate 3000.00 m² (300000 cents) and 300 heads unless given */
function counts(p: { agree: [number, number]; disagree?: [number, number]; abstain?: [number, number]; electorate?: [number, number] }): Counts {
  const [eh, ea] = p.electorate ?? [300, 300_000];
  const ag = amt(...p.agree);
  const di = amt(...(p.disagree ?? [0, 0]));
  const ab = amt(...(p.abstain ?? [0, 0]));
  return { electorate: amt(eh, ea), agree: ag, disagree: di, abstain: ab, participating: amt(ag.heads + di.heads + ab.heads, Number(ag.areaCents + di.areaCents + ab.areaCents)) };
}

describe('the matters of art. 278', () => {
  it('items 6–8 take three quarters, all others (using the fund too) more than half', () => {
    expect(MATTERS.map(ruleFor)).toEqual(['majority', 'majority', 'majority', 'majority', 'majority', 'three_quarters', 'three_quarters', 'three_quarters', 'majority']);
    expect(ruleFor('fund_use')).toBe('majority');
    expect(ruleFor('fund_raise')).toBe('three_quarters');
  });
});

describe('participation: ≥ 2/3 of area AND ≥ 2/3 of heads, exactly at the edge', () => {
  it('exactly 2/3 of the area and of the heads is enough', () => {
    const d = decide(counts({ agree: [200, 200_000] }), 'majority');
    expect(d.participationArea.met).toBe(true);
    expect(d.participationHeads.met).toBe(true);
    expect(d.quorum).toBe(true);
    expect(d.participationArea.value.percent).toBe('66.67');
  });
  it('one hundredth of a m² short of 2/3 of the area fails, even with every head but the area short', () => {
    const d = decide(counts({ agree: [300, 199_999], electorate: [300, 300_000] }), 'majority');
    expect(d.participationArea.met).toBe(false);
    expect(d.participationHeads.met).toBe(true);
    expect(d.quorum).toBe(false);
    expect(d.passed).toBe(false);
  });
  it('one head short of 2/3 fails even with all the area', () => {
    const d = decide(counts({ agree: [199, 300_000] }), 'majority');
    expect(d.participationArea.met).toBe(true);
    expect(d.participationHeads.met).toBe(false);
    expect(d.passed).toBe(false);
  });
  it('an electorate not divisible by 3: 2 of 3 heads pass, 66 of 100 heads fail, 67 pass', () => {
    expect(decide(counts({ agree: [2, 300_000], electorate: [3, 300_000] }), 'majority').participationHeads.met).toBe(true);
    expect(decide(counts({ agree: [66, 300_000], electorate: [100, 300_000] }), 'majority').participationHeads.met).toBe(false);
    expect(decide(counts({ agree: [67, 300_000], electorate: [100, 300_000] }), 'majority').participationHeads.met).toBe(true);
  });
});

describe('approval under the three-quarter rule (items 6–8), area and heads separately', () => {
  it('exactly 3/4 of participating area and heads passes', () => {
    const d = decide(counts({ agree: [150, 150_000], disagree: [50, 50_000] }), 'three_quarters');
    expect([d.approvalArea.met, d.approvalHeads.met, d.passed]).toEqual([true, true, true]);
    expect(d.approvalArea.value.percent).toBe('75.00');
  });
  it('one cent of area short of 3/4 fails although the heads are there', () => {
    const d = decide(counts({ agree: [150, 149_999], disagree: [50, 50_001] }), 'three_quarters');
    expect([d.approvalArea.met, d.approvalHeads.met, d.passed]).toEqual([false, true, false]);
  });
  it('one head short of 3/4 fails although the area is there', () => {
    const d = decide(counts({ agree: [149, 150_000], disagree: [51, 50_000] }), 'three_quarters');
    expect([d.approvalArea.met, d.approvalHeads.met, d.passed]).toEqual([true, false, false]);
  });
  it('abstentions take part and weigh against: 3 agree + 1 abstain is 3/4, 3 + 2 is not', () => {
    expect(decide(counts({ agree: [150, 150_000], abstain: [50, 50_000] }), 'three_quarters').passed).toBe(true);
    expect(decide(counts({ agree: [150, 150_000], abstain: [51, 50_001] }), 'three_quarters').passed).toBe(false);
  });
});

describe('approval by more than half (every other item)', () => {
  it('exactly half of the area is not more than half', () => {
    const d = decide(counts({ agree: [101, 100_000], disagree: [99, 100_000] }), 'majority');
    expect([d.approvalArea.met, d.approvalHeads.met, d.passed]).toEqual([false, true, false]);
  });
  it('one cent over half of the area passes', () => {
    expect(decide(counts({ agree: [101, 100_001], disagree: [99, 99_999] }), 'majority').passed).toBe(true);
  });
  it('exactly half of the heads fails, one more passes', () => {
    expect(decide(counts({ agree: [100, 150_000], disagree: [100, 50_000] }), 'majority').approvalHeads.met).toBe(false);
    const d = decide(counts({ agree: [101, 150_000], disagree: [99, 50_000] }), 'majority');
    expect([d.approvalHeads.met, d.approvalArea.met, d.passed]).toEqual([true, true, true]);
  });
  it('the same counts pass by majority and fail by three quarters', () => {
    const c = counts({ agree: [140, 140_000], disagree: [60, 60_000] });
    expect(decide(c, 'majority').passed).toBe(true);
    expect(decide(c, 'three_quarters').passed).toBe(false);
  });
  it('nobody voting meets nothing', () => {
    const d = decide(counts({ agree: [0, 0] }), 'majority');
    expect([d.quorum, d.approvalArea.met, d.passed]).toEqual([false, false, false]);
  });
});

describe('counting ballots over the frozen electorate', () => {
  // units 1..4; unit 2 co-owned by owners 20 and 21; owner 30 holds units 3 and 4
  const holdings = [
    { unitId: 1, ownerIds: [10] },
    { unitId: 2, ownerIds: [21, 20] },
    { unitId: 3, ownerIds: [30] },
    { unitId: 4, ownerIds: [30] },
  ];
  const area = [0, 8000, 9000, 10_000, 12_000];
  const electors = (rule: 'per_holder' | 'per_unit') => {
    const heads = assignHeads(holdings, rule);
    return holdings.map((h) => ({ unitId: h.unitId, areaCents: BigInt(area[h.unitId]!), headKey: heads.get(h.unitId)! }));
  };

  it('a co-owned unit is one ballot and one head; one holder of two units is one head by default', () => {
    const c = count(electors('per_holder'), [
      { unitId: 2, choice: 'agree' },
      { unitId: 3, choice: 'disagree' },
      { unitId: 4, choice: 'disagree' },
    ]);
    expect(c.electorate).toEqual({ units: 4, heads: 3, areaCents: 39_000n });
    expect(c.agree).toEqual({ units: 1, heads: 1, areaCents: 9000n });
    expect(c.disagree).toEqual({ units: 2, heads: 1, areaCents: 22_000n });
    expect(c.participating).toEqual({ units: 3, heads: 2, areaCents: 31_000n });
  });

  it('per unit counting makes every unit a head', () => {
    const c = count(electors('per_unit'), [
      { unitId: 3, choice: 'agree' },
      { unitId: 4, choice: 'disagree' },
    ]);
    expect(c.electorate.heads).toBe(4);
    expect(c.participating.heads).toBe(2);
  });

  it('refuses a ballot outside the electorate, twice for a unit, or a holder split across units', () => {
    expect(() => count(electors('per_holder'), [{ unitId: 9, choice: 'agree' }])).toThrow(TallyError);
    expect(() => count(electors('per_holder'), [{ unitId: 1, choice: 'agree' }, { unitId: 1, choice: 'agree' }])).toThrow(/duplicate/);
    expect(() => count(electors('per_holder'), [{ unitId: 3, choice: 'agree' }, { unitId: 4, choice: 'abstain' }])).toThrow(/split_head/);
  });

  it('participating totals are the sum of the three choices (any ballots)', () => {
    const es = electors('per_unit');
    fc.assert(
      fc.property(fc.subarray([1, 2, 3, 4]), fc.array(fc.constantFrom('agree' as const, 'disagree' as const, 'abstain' as const), { minLength: 4, maxLength: 4 }), (ids, chs) => {
        const c = count(es, ids.map((unitId, i) => ({ unitId, choice: chs[i]! })));
        expect(c.participating.areaCents).toBe(c.agree.areaCents + c.disagree.areaCents + c.abstain.areaCents);
        expect(c.participating.heads).toBe(c.agree.heads + c.disagree.heads + c.abstain.heads);
      }),
    );
  });
});

describe('ratios for display', () => {
  it('round half up to two decimals, exact inputs kept', () => {
    expect(ratio(2n, 3n)).toEqual({ num: '2', den: '3', percent: '66.67' });
    expect(ratio(1n, 8n).percent).toBe('12.50');
    expect(ratio(1n, 1n).percent).toBe('100.00');
  });
});
