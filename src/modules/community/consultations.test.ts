// Owners' votes end to end: draft → open (frozen electorate) → ballots online and on
// paper → close at the deadline → published totals, reproducible from the ballots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { residentialAreas } from '../places/index.js';
import { makeBuilding, manualClock, type Fixture } from './testFixtures.js';

const clock = manualClock();
let tp: TestPlatform;
let xfkl: number;
const DAY = 86_400_000;

beforeAll(async () => {
  tp = await startTestPlatform({ clock });
  const [a] = await tp.platform.ctx.db.select({ id: residentialAreas.id }).from(residentialAreas).where(eq(residentialAreas.code, 'XFKL'));
  xfkl = a!.id;
});
afterAll(async () => tp?.close());

async function draftAndOpen(f: Fixture, matter: string, extra: Record<string, unknown> = {}): Promise<number> {
  const com = await tp.as('committee');
  const res = await com.post('/api/v1/community/consultations', { title: '测试征询', matter, buildingId: f.buildingId, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  const open = await com.post(`/api/v1/community/consultations/${id}/open`, { closesAt: new Date(clock.t + 7 * DAY).toISOString() });
  expect(open.statusCode, open.body).toBe(200);
  return id;
}

describe('a vote in a small building (3 units of 100 m², one co-owned)', () => {
  let f: Fixture;
  let id: number;
  beforeAll(async () => {
    f = await makeBuilding(tp, { areaId: xfkl, units: { '101': [1, '100.00', ['a']], '201': [2, '100.00', ['b', 'c']], '301': [3, '100.00', ['d']] }, logins: ['a', 'b', 'c'] });
    id = await draftAndOpen(f, 'fund_use');
  });

  it('the electorate is frozen when the vote opens: 3 units, 3 heads, 300.00 m²', async () => {
    const com = await tp.as('committee');
    const d = (await com.get(`/api/v1/community/consultations/${id}`)).json();
    expect(d.status).toBe('open');
    expect(d.rule).toBe('majority');
    expect(d.progress.electorate).toEqual({ units: 3, heads: 3, area: '300.00' });
    expect(d.progress.participating).toEqual({ units: 0, heads: 0, area: '0.00' });
    expect(d.result).toBeNull();
  });

  it('an owner votes online, changes the vote before the close; each change is audited', async () => {
    const a = await f.login('a');
    const mine = (await a.get('/api/v1/community/my/consultations')).json();
    const c = mine.find((x: { id: number }) => x.id === id);
    expect(c.units).toHaveLength(1);
    expect(c.units[0]).toMatchObject({ unitCode: '101', ballot: null, area: '100.00' });
    const v1 = await a.post(`/api/v1/community/my/consultations/${id}/ballots`, { unitId: f.unit.get('101'), choice: 'disagree' });
    expect(v1.statusCode, v1.body).toBe(200);
    expect(v1.json().units[0].previous).toBeNull();
    const v2 = await a.post(`/api/v1/community/my/consultations/${id}/ballots`, { unitId: f.unit.get('101'), choice: 'agree' });
    expect(v2.json().units[0].previous).toBe('disagree');
    const again = (await a.get('/api/v1/community/my/consultations')).json().find((x: { id: number }) => x.id === id);
    expect(again.units[0].ballot).toMatchObject({ choice: 'agree', channel: 'online', mine: true });
    const audit = await tp.platform.ctx.database.query<{ action: string; detail: { choice: string; previous: string | null } }>(`select action, detail from audit_log where subject_type = 'consultation' and subject_id = $1 and action like 'community.ballot.%' order by id`, [String(id)]);
    expect(audit.map((r) => [r.action, r.detail.choice, r.detail.previous])).toEqual([
      ['community.ballot.cast', 'disagree', null],
      ['community.ballot.change', 'agree', 'disagree'],
    ]);
  });

  it('co-owners share one ballot for their unit: the later one replaces the earlier', async () => {
    const b = await f.login('b');
    const c = await f.login('c');
    await b.post(`/api/v1/community/my/consultations/${id}/ballots`, { unitId: f.unit.get('201'), choice: 'disagree' });
    const res = await c.post(`/api/v1/community/my/consultations/${id}/ballots`, { unitId: f.unit.get('201'), choice: 'agree' });
    expect(res.json().units).toEqual([{ unitId: f.unit.get('201'), unitCode: '201', previous: 'disagree' }]);
    const p = (await (await tp.as('committee')).get(`/api/v1/community/consultations/${id}/progress`)).json();
    // two units, two heads: exactly 2/3 of the area and of the heads take part
    expect(p.progress.participating).toEqual({ units: 2, heads: 2, area: '200.00' });
    expect(p.progress.participationArea).toMatchObject({ met: true, percent: '66.67', threshold: '≥2/3' });
    expect(p.progress.participationHeads.met).toBe(true);
    // b sees that their unit has a ballot, cast by the co-owner (not theirs)
    const seen = (await b.get('/api/v1/community/my/consultations')).json().find((x: { id: number }) => x.id === id);
    expect(seen.units[0].ballot).toMatchObject({ choice: 'agree', mine: false });
  });

  it('a non-owner is refused, and so is a unit outside the consultation', async () => {
    const a = await f.login('a');
    const other = await a.post(`/api/v1/community/my/consultations/${id}/ballots`, { unitId: f.unit.get('301'), choice: 'agree' });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('ballot.not_owner');
    const owner = await tp.as('owner'); // owns a flat in 新福康里 and a suite in 凯迪克大厦, nothing here
    const notMine = await owner.post(`/api/v1/community/my/consultations/${id}/ballots`, { unitId: f.unit.get('101'), choice: 'agree' });
    expect(notMine.statusCode).toBe(403);
    const outside = await a.post(`/api/v1/community/my/consultations/${id}/ballots`, { unitId: 999_999, choice: 'agree' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0]).toMatchObject({ field: 'unitId', code: 'ballot.unit_outside' });
    // a committee member is not a resident: the route refuses before looking
    expect((await (await tp.as('committee')).post(`/api/v1/community/my/consultations/${id}/ballots`, { unitId: f.unit.get('101'), choice: 'agree' })).statusCode).toBe(403);
  });

  it('ballots are not readable by other owners or by the committee: the unit list says only whether a unit voted', async () => {
    const list = (await (await tp.as('committee')).get(`/api/v1/community/consultations/${id}/units`)).json();
    expect(list.total).toBe(3);
    expect(list.units.map((u: { unitCode: string; voted: boolean }) => [u.unitCode, u.voted])).toEqual([
      ['101', true],
      ['201', true],
      ['301', false],
    ]);
    expect(JSON.stringify(list)).not.toMatch(/agree|disagree|abstain/);
    const progress = (await (await tp.as('committee')).get(`/api/v1/community/consultations/${id}`)).json();
    expect(progress.result).toBeNull();
    expect(JSON.stringify(progress.progress)).not.toMatch(/agree/);
  });

  it('a paper ballot needs its reference; the committee records it', async () => {
    const com = await tp.as('committee');
    const bad = await com.post(`/api/v1/community/consultations/${id}/ballots`, { unitId: f.unit.get('301'), choice: 'disagree', paperRef: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('paperRef');
    const ok = await com.post(`/api/v1/community/consultations/${id}/ballots`, { unitId: f.unit.get('301'), choice: 'disagree', paperRef: 'ZX-2026-0301' });
    expect(ok.statusCode, ok.body).toBe(200);
    const units = (await com.get(`/api/v1/community/consultations/${id}/units?voted=true`)).json();
    expect(units.units.find((u: { unitCode: string }) => u.unitCode === '301')).toMatchObject({ channel: 'paper', paperRef: 'ZX-2026-0301' });
  });

  it('another committee cannot see or act on it', async () => {
    const kdk = await tp.as('kdk');
    expect((await kdk.get(`/api/v1/community/consultations/${id}`)).statusCode).toBe(403);
    expect((await kdk.post(`/api/v1/community/consultations/${id}/ballots`, { unitId: f.unit.get('301'), choice: 'agree', paperRef: 'X' })).statusCode).toBe(403);
    expect(((await kdk.get('/api/v1/community/consultations')).json() as { id: number }[]).some((c) => c.id === id)).toBe(false);
  });

  it('cannot close before the deadline; after it, votes are refused and the close publishes the totals', async () => {
    const com = await tp.as('committee');
    const early = await com.post(`/api/v1/community/consultations/${id}/close`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('consultation.not_due');

    clock.advance(7 * DAY);
    const a = await f.login('a');
    const late = await a.post(`/api/v1/community/my/consultations/${id}/ballots`, { unitId: f.unit.get('101'), choice: 'disagree' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('consultation.closed');
    const latePaper = await com.post(`/api/v1/community/consultations/${id}/ballots`, { unitId: f.unit.get('101'), choice: 'disagree', paperRef: 'late' });
    expect(latePaper.statusCode).toBe(409);

    const closed = await com.post(`/api/v1/community/consultations/${id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    // 2 agree (200 m², 2 heads) and 1 disagree of 3: more than half of both
    expect(closed.json().passed).toBe(true);
    const d = (await com.get(`/api/v1/community/consultations/${id}`)).json();
    expect(d.result).toMatchObject({ agree: { units: 2, heads: 2, area: '200.00' }, disagree: { units: 1, heads: 1, area: '100.00' }, abstain: { units: 0 }, quorum: true, passed: true, rule: 'majority' });
    expect(d.result.approvalArea).toMatchObject({ met: true, percent: '66.67', threshold: '>1/2' });
    expect(d.result.ballotsDigest).toMatch(/^[0-9a-f]{64}$/);

    // after the close a vote is refused even by its own owner, and a second close is a conflict
    expect((await a.post(`/api/v1/community/my/consultations/${id}/ballots`, { unitId: f.unit.get('101'), choice: 'agree' })).json().code).toBe('consultation.closed');
    expect((await com.post(`/api/v1/community/consultations/${id}/close`)).statusCode).toBe(409);

    // reproducible: recounting the stored ballots gives the published result
    const v = (await com.get(`/api/v1/community/consultations/${id}/verify`)).json();
    expect(v).toMatchObject({ matches: true, countsMatch: true, digestMatches: true, passedMatches: true, ballots: 3 });

    // the public page has totals only
    const pub = await tp.request({ method: 'GET', url: `/api/v1/public/community/consultations/${d.publicCode}` });
    expect(pub.statusCode).toBe(200);
    const body = pub.json();
    expect(body.result.passed).toBe(true);
    expect(body.result.participating).toEqual({ units: 3, heads: 3, area: '300.00' });
    expect(JSON.stringify(body)).not.toMatch(/unitId|unitCode|ownerId|paperRef|"101"/);
  });
});

describe('exact edges end to end, area and head apart', () => {
  it('three quarters (renovation): 3 of 4 owners with exactly 3/4 of the area pass; the vote of a large owner counts as one head', async () => {
    // owner L holds two units (one head under the judicial interpretation's rule)
    const f = await makeBuilding(tp, { areaId: xfkl, units: { '101': [1, '50.00', ['L']], '102': [1, '50.00', ['L']], '201': [2, '100.00', ['m']], '301': [3, '100.00', ['n']], '401': [4, '100.00', ['o']] } });
    const id = await draftAndOpen(f, 'rebuild');
    const com = await tp.as('committee');
    // one paper ballot for L's first unit speaks for both of L's units
    const l = await com.post(`/api/v1/community/consultations/${id}/ballots`, { unitId: f.unit.get('101'), choice: 'agree', paperRef: 'P-1' });
    expect(l.json().units.map((u: { unitCode: string }) => u.unitCode)).toEqual(['101', '102']);
    await com.post(`/api/v1/community/consultations/${id}/ballots`, { unitId: f.unit.get('201'), choice: 'agree', paperRef: 'P-2' });
    await com.post(`/api/v1/community/consultations/${id}/ballots`, { unitId: f.unit.get('301'), choice: 'agree', paperRef: 'P-3' });
    await com.post(`/api/v1/community/consultations/${id}/ballots`, { unitId: f.unit.get('401'), choice: 'disagree', paperRef: 'P-4' });
    clock.advance(7 * DAY);
    await com.post(`/api/v1/community/consultations/${id}/close`);
    const r = (await com.get(`/api/v1/community/consultations/${id}`)).json().result;
    expect(r.electorate).toEqual({ units: 5, heads: 4, area: '400.00' });
    expect(r.agree).toEqual({ units: 4, heads: 3, area: '300.00' });
    expect(r.approvalArea).toMatchObject({ met: true, percent: '75.00', threshold: '≥3/4' });
    expect(r.approvalHeads).toMatchObject({ met: true, percent: '75.00' });
    expect(r.passed).toBe(true);
  });

  it('the same ballots counted per unit: 4 of 5 heads agree — and the head rule is configurable', async () => {
    const f = await makeBuilding(tp, { areaId: xfkl, units: { '101': [1, '50.00', ['L']], '102': [1, '50.00', ['L']], '201': [2, '100.00', ['m']] } });
    const id = await draftAndOpen(f, 'rebuild', { headRule: 'per_unit' });
    const com = await tp.as('committee');
    const l = await com.post(`/api/v1/community/consultations/${id}/ballots`, { unitId: f.unit.get('101'), choice: 'agree', paperRef: 'P-1' });
    expect(l.json().units).toHaveLength(1);
    const p = (await com.get(`/api/v1/community/consultations/${id}/progress`)).json().progress;
    expect(p.electorate.heads).toBe(3);
    // 1 of 3 heads and 50 of 200 m²: neither threshold of participation is met
    expect([p.participationArea.met, p.participationHeads.met]).toEqual([false, false]);
  });

  it('two thirds of the heads without two thirds of the area does not make a quorum', async () => {
    const f = await makeBuilding(tp, { areaId: xfkl, units: { '101': [1, '40.00', ['p']], '201': [2, '40.00', ['q']], '301': [3, '120.00', ['r']] } });
    const id = await draftAndOpen(f, 'fund_use');
    const com = await tp.as('committee');
    await com.post(`/api/v1/community/consultations/${id}/ballots`, { unitId: f.unit.get('101'), choice: 'agree', paperRef: 'A' });
    await com.post(`/api/v1/community/consultations/${id}/ballots`, { unitId: f.unit.get('201'), choice: 'agree', paperRef: 'B' });
    clock.advance(7 * DAY);
    // the sweep closes it: nobody has to press the button
    expect(await tp.platform.ctx.sweeper.runNow('community.close_due')).toBeGreaterThanOrEqual(1);
    const r = (await com.get(`/api/v1/community/consultations/${id}`)).json();
    expect(r.status).toBe('closed');
    expect(r.result.participationHeads).toMatchObject({ met: true, percent: '66.67' });
    expect(r.result.participationArea).toMatchObject({ met: false, percent: '40.00' });
    expect(r.result.quorum).toBe(false);
    expect(r.result.passed).toBe(false);
  });
});

describe('drafting and opening', () => {
  it('a consultation names one building or one area; a deadline in the past is refused; a draft opens once', async () => {
    const com = await tp.as('committee');
    const none = await com.post('/api/v1/community/consultations', { title: '无范围', matter: 'other' });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].field).toBe('buildingId');
    const badMatter = await com.post('/api/v1/community/consultations', { title: '事项错误', matter: 'item10', areaId: xfkl });
    expect(badMatter.statusCode).toBe(400);
    const res = await com.post('/api/v1/community/consultations', { title: '新福康里居民公约修订', matter: 'bylaws', areaId: xfkl });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const past = await com.post(`/api/v1/community/consultations/${id}/open`, { closesAt: new Date(clock.t - DAY).toISOString() });
    expect(past.statusCode).toBe(422);
    const open = await com.post(`/api/v1/community/consultations/${id}/open`, { workingDays: 10 });
    expect(open.statusCode, open.body).toBe(200);
    const d = (await com.get(`/api/v1/community/consultations/${id}`)).json();
    // the whole residential area: every unit of its buildings
    expect(d.progress.electorate.units).toBeGreaterThan(1000);
    expect(Date.parse(d.closesAt) - clock.t).toBeGreaterThan(10 * DAY);
    const twice = await com.post(`/api/v1/community/consultations/${id}/open`, { workingDays: 10 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'consultation.state', allowed: ['close'] });
  });
});
