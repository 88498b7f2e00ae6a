// Cost-sharing plans: the 凯迪克大厦 lift renovation with the maintenance fund 8% short,
// large owners' fixed shares and the property company's contribution; shares sum to the
// amount due to the cent; the plan goes to the owners' vote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { buildings, residentialAreas } from '../places/index.js';
import { parseHundredths } from './domain/amounts.js';
import { makeBuilding, manualClock } from './testFixtures.js';

const clock = manualClock();
let tp: TestPlatform;
let kdk: number;
let xfkl: number;
const DAY = 86_400_000;
const cents = (s: string) => parseHundredths(s)!;

beforeAll(async () => {
  tp = await startTestPlatform({ clock });
  kdk = (await tp.platform.ctx.db.select({ id: buildings.id }).from(buildings).where(eq(buildings.code, 'B-KDK')))[0]!.id;
  xfkl = (await tp.platform.ctx.db.select({ id: residentialAreas.id }).from(residentialAreas).where(eq(residentialAreas.code, 'XFKL')))[0]!.id;
});
afterAll(async () => tp?.close());

describe('the 凯迪克大厦 lift plan', () => {
  let planId: number;
  let bigOwners: { id: number; name: string; units: number }[];

  it('names the large owners of the building, largest first', async () => {
    const c = await tp.as('kdk');
    const owners = (await c.get(`/api/v1/community/buildings/${kdk}/owners`)).json();
    bigOwners = owners.slice(0, 3);
    expect(bigOwners.map((o) => o.units)).toEqual([24, 24, 24]);
  });

  it('fund 92%, property company ¥30,000, three large owners ¥40,000 each, the rest by area: every cent accounted for', async () => {
    const c = await tp.as('kdk');
    const res = await c.post('/api/v1/community/plans', {
      buildingId: kdk,
      title: '凯迪克大厦电梯改造出资方案',
      total: '3600000',
      fund: '3312000.00',
      property: '30000',
      fixedShares: bigOwners.map((o) => ({ ownerId: o.id, amount: '40000', note: '大业主协商' })),
      formula: 'area',
      floorWeights: [],
    });
    expect(res.statusCode, res.body).toBe(201);
    planId = res.json().id;
    const p = (await c.get(`/api/v1/community/plans/${planId}`)).json();
    expect(p).toMatchObject({ total: '3600000.00', fund: '3312000.00', property: '30000.00', split: '138000.00', sharesTotal: '258000.00', reconciles: true, status: 'draft', version: 1 });
    expect(p.rounding).toContain('最大余额法');
    expect(p.shares).toHaveLength(216);
    const sum = p.shares.reduce((s: bigint, x: { amount: string }) => s + cents(x.amount), 0n);
    expect(sum).toBe(cents('258000.00'));
    expect(cents(p.fund) + cents(p.property) + sum).toBe(cents(p.total));
    const fixed = p.shares.filter((s: { basis: string }) => s.basis === 'fixed');
    expect(fixed).toHaveLength(72);
    expect(p.fixedShares.map((f: { units: number; amount: string }) => [f.units, f.amount])).toEqual([
      [24, '40000.00'],
      [24, '40000.00'],
      [24, '40000.00'],
    ]);
    // by area: a larger suite never pays less than a smaller one
    const formula = p.shares.filter((s: { basis: string }) => s.basis === 'formula').map((s: { area: string; amount: string }) => [cents(s.area), cents(s.amount)] as const);
    formula.sort((a: readonly [bigint, bigint], b: readonly [bigint, bigint]) => (a[0] < b[0] ? -1 : 1));
    for (let i = 1; i < formula.length; i++) expect(formula[i]![1] >= formula[i - 1]![1]).toBe(true);
  });

  it('in English the rounding rule is stated in English', async () => {
    const c = await tp.as('kdk');
    const p = (await c.get(`/api/v1/community/plans/${planId}`, { 'accept-language': 'en' })).json();
    expect(p.rounding).toMatch(/^Largest remainder/);
  });

  it('refuses a plan that gives away more than the total, naming the field; and a fixed owner without units here', async () => {
    const c = await tp.as('kdk');
    const res = await c.post('/api/v1/community/plans', { buildingId: kdk, title: '错误方案', total: '1000', fund: '900', property: '200', fixedShares: [{ ownerId: 1, amount: '1' }], formula: 'area', floorWeights: [] });
    expect(res.statusCode).toBe(422);
    const fields = res.json().errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['fixedShares.0.ownerId', 'total']);
    const money = await c.post('/api/v1/community/plans', { buildingId: kdk, title: '错误金额', total: '10.005', fund: '0', property: '0', fixedShares: [], formula: 'area', floorWeights: [] });
    expect(money.statusCode).toBe(400);
    expect(money.json().errors[0].field).toBe('total');
  });

  it('by floor with weights: lower floors pay less per m², still to the cent', async () => {
    const c = await tp.as('kdk');
    const res = await c.put(`/api/v1/community/plans/${planId}`, { version: 1, title: '凯迪克大厦电梯改造出资方案（按楼层）', total: '3600000', fund: '3312000', property: '30000', fixedShares: [], formula: 'floor', floorWeights: [{ from: 2, to: 5, weight: '0.6' }, { from: 20, to: 28, weight: '1.3' }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(2);
    const p = (await c.get(`/api/v1/community/plans/${planId}`)).json();
    expect(p.reconciles).toBe(true);
    expect(p.floorWeights).toEqual([{ from: 2, to: 5, weight: '0.60' }, { from: 20, to: 28, weight: '1.30' }]);
    const perM2 = (floor: number) => {
      const s = p.shares.filter((x: { floor: number }) => x.floor === floor);
      return Number(s.reduce((a: bigint, x: { amount: string }) => a + cents(x.amount), 0n)) / Number(s.reduce((a: bigint, x: { area: string }) => a + cents(x.area), 0n));
    };
    expect(perM2(3)).toBeLessThan(perM2(12));
    expect(perM2(12)).toBeLessThan(perM2(25));
    // an edit made on an old version is refused
    const stale = await c.put(`/api/v1/community/plans/${planId}`, { version: 1, title: '旧版', total: '1', fund: '0', property: '0', fixedShares: [], formula: 'unit', floorWeights: [] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('plan.version');
  });

  it('put to the vote: the owner sees their share on the phone page; without a quorum the plan is rejected', async () => {
    const c = await tp.as('kdk');
    const res = await c.post(`/api/v1/community/plans/${planId}/vote`, { matter: 'fund_raise', closesAt: new Date(clock.t + 10 * DAY).toISOString() });
    expect(res.statusCode, res.body).toBe(201);
    const cid = res.json().consultationId;
    expect((await c.get(`/api/v1/community/plans/${planId}`)).json()).toMatchObject({ status: 'voting', consultation: { id: cid, status: 'open' } });
    expect((await c.put(`/api/v1/community/plans/${planId}`, { version: 2, title: '旧版', total: '1', fund: '0', property: '0', fixedShares: [], formula: 'unit', floorWeights: [] })).statusCode).toBe(409);

    const owner = await tp.as('owner');
    const mine = (await owner.get('/api/v1/community/my/consultations')).json().find((x: { id: number }) => x.id === cid);
    expect(mine.rule).toBe('three_quarters');
    expect(mine.units).toHaveLength(1);
    expect(cents(mine.units[0].share)).toBeGreaterThan(0n);

    clock.advance(10 * DAY);
    expect((await c.post(`/api/v1/community/consultations/${cid}/close`)).json().passed).toBe(false);
    expect((await c.get(`/api/v1/community/plans/${planId}`)).json().status).toBe('rejected');
  });

  it('a plan passed by its owners is adopted', async () => {
    const f = await makeBuilding(tp, { areaId: xfkl, units: { '101': [1, '80.00', ['a']], '201': [2, '80.00', ['b']], '301': [3, '80.00', ['c']] } });
    const com = await tp.as('committee');
    const res = await com.post('/api/v1/community/plans', { buildingId: f.buildingId, title: '加装电梯出资', total: '600000', fund: '0', property: '0', fixedShares: [], formula: 'floor', floorWeights: [{ from: 1, to: 1, weight: '0' }] });
    const id = res.json().id;
    const plan = (await com.get(`/api/v1/community/plans/${id}`)).json();
    // the ground floor pays nothing; the rest split evenly by area
    expect(plan.shares.map((s: { amount: string }) => s.amount)).toEqual(['0.00', '300000.00', '300000.00']);
    const cid = (await com.post(`/api/v1/community/plans/${id}/vote`, { matter: 'rebuild', workingDays: 5 })).json().consultationId;
    for (const u of ['101', '201', '301']) await com.post(`/api/v1/community/consultations/${cid}/ballots`, { unitId: f.unit.get(u), choice: 'agree', paperRef: `P-${u}` });
    clock.advance(30 * DAY);
    expect((await com.post(`/api/v1/community/consultations/${cid}/close`)).json().passed).toBe(true);
    expect((await com.get(`/api/v1/community/plans/${id}`)).json().status).toBe('adopted');
  });

  it('a committee member of another building cannot read the plan', async () => {
    expect((await (await tp.as('committee')).get(`/api/v1/community/plans/${planId}`)).statusCode).toBe(403);
    expect(((await (await tp.as('committee')).get('/api/v1/community/plans')).json() as { id: number }[]).some((p) => p.id === planId)).toBe(false);
  });
});
