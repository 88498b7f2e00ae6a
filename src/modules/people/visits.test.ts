import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform, type Client } from '../../../test/harness.js';

// Tuesday 1 December 2026, 10:00 in Shanghai
let now = new Date('2026-12-01T02:00:00Z');
const setNow = (iso: string) => (now = new Date(iso));
let tp: TestPlatform;
let committee: Client;
let entry: number;
let residentId: number;

beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => now } });
  committee = await tp.as('committee');
  // a resident of 新福康里 aged 85, living alone, put on the register today
  const [r] = await q<{ id: number }>(`select r.id from residents r join residential_areas a on a.id = r.area_id where a.code = 'XFKL' and r.birth_date > '1990-01-01' order by r.id limit 1`);
  residentId = Number(r!.id);
  await q(`update residents set birth_date = '1941-06-15' where id = $1`, [residentId]);
  const res = await committee.post('/api/v1/people/elderly', { residentId, livesAlone: true, contacts: [{ name: '王芳', relation: 'child', phone: '13900009999' }] });
  expect(res.statusCode).toBe(201);
  entry = res.json().id;
});
afterAll(async () => tp?.close());

const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => tp.platform.ctx.database.query<T>(text, params);
const record = async () => (await committee.get(`/api/v1/people/elderly/${entry}`)).json();
const sweepOverdue = async () => {
  let total = 0;
  for (let n = 1; n > 0; total += n) n = await tp.platform.ctx.sweeper.runNow('people.overdue');
  return total;
};
const alertsFor = async (id: number) => q<{ id: number; due_at: Date; acknowledged_at: Date | null }>(`select id, due_at, acknowledged_at from care_alerts where elderly_id = $1 and kind = 'visit_overdue' order by id`, [id]);

describe('care visits by rule', () => {
  it('80+ living alone: weekly, counted from registration, due by the end of office hours', async () => {
    const r = await record();
    expect(r.plan.rule.nameEn).toBe('80+ living alone: weekly');
    expect(r.plan.nextVisitDue).toBe('2026-12-08T09:30:00.000Z');
    expect(r.plan.dueState).toBe('due');
  });

  it('a visit where nobody was home is recorded but the visit is still due', async () => {
    setNow('2026-12-07T03:00:00Z');
    const res = await committee.post(`/api/v1/people/elderly/${entry}/visits`, { mode: 'home', outcome: 'not_home', notes: '敲门无人应答' });
    expect(res.statusCode).toBe(201);
    expect(res.json().nextVisitDue).toBe('2026-12-08T09:30:00.000Z');
  });

  it('a visit where the person was met moves the plan on a week', async () => {
    const res = await committee.post(`/api/v1/people/elderly/${entry}/visits`, { mode: 'home', outcome: 'well', visitedAt: '2026-12-07T02:30:00Z' });
    expect(res.json().nextVisitDue).toBe('2026-12-14T09:30:00.000Z');
    const r = await record();
    expect(r.visits.map((v: { outcome: string }) => v.outcome)).toEqual(['not_home', 'well']);
    expect(r.plan.lastVisitAt).toBe('2026-12-07T02:30:00.000Z');
  });

  it('a visit in the future is refused', async () => {
    const res = await committee.post(`/api/v1/people/elderly/${entry}/visits`, { mode: 'phone', outcome: 'well', visitedAt: '2026-12-09T02:30:00Z' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('visitedAt');
  });

  it('past the deadline the entry is overdue, and the sweep raises exactly one alert for the committee', async () => {
    setNow('2026-12-14T09:29:00Z');
    await sweepOverdue();
    expect(await alertsFor(entry)).toHaveLength(0);
    setNow('2026-12-14T09:31:00Z');
    expect((await record()).plan.dueState).toBe('overdue');
    // two sweeps at once (two nodes) and a later one: still one alert for this deadline
    await Promise.all([sweepOverdue(), sweepOverdue()]);
    await sweepOverdue();
    const alerts = await alertsFor(entry);
    expect(alerts).toHaveLength(1);
    expect(new Date(alerts[0]!.due_at).toISOString()).toBe('2026-12-14T09:30:00.000Z');
    const list = (await committee.get('/api/v1/people/alerts')).json() as { id: number; elderly: { id: number } }[];
    expect(list.some((a) => a.elderly.id === entry)).toBe(true);
    const events = await q(`select 1 from events where type = 'people.visit.overdue' and subject_id = $1`, [String(entry)]);
    expect(events).toHaveLength(1);
    // another committee does not see it
    const other = (await (await tp.as('jw_hf')).get('/api/v1/people/alerts?limit=200')).json() as { elderly: { id: number } }[];
    expect(other.some((a) => a.elderly.id === entry)).toBe(false);
    // the overdue list holds it
    const name = (await record()).name as string;
    const due = (await committee.get(`/api/v1/people/elderly?due=overdue&q=${encodeURIComponent(name)}`)).json().items as { id: number }[];
    expect(due.map((d) => d.id)).toContain(entry);
  });

  it('the visit that follows closes the alert and plans the next week', async () => {
    const res = await committee.post(`/api/v1/people/elderly/${entry}/visits`, { mode: 'home', outcome: 'needs_help', notes: '需要助餐' });
    expect(res.json().nextVisitDue).toBe('2026-12-21T09:30:00.000Z');
    expect((await alertsFor(entry))[0]!.acknowledged_at).not.toBeNull();
    expect((await record()).plan.dueState).toBe('due');
  });

  it('the other committee’s worker cannot record a visit here', async () => {
    const other = await tp.as('jw_hf');
    const res = await other.post(`/api/v1/people/elderly/${entry}/visits`, { mode: 'home', outcome: 'well' });
    expect(res.statusCode).toBe(403);
    const [a] = await q<{ subject_id: string; action: string }>(`select subject_id, action from audit_log where outcome = 'denied' and action = 'people.visits.record' order by id desc limit 1`);
    expect(a).toEqual({ subject_id: String(entry), action: 'people.visits.record' });
  });

  it('the rules are data: care staff change them and every entry is replanned at once', async () => {
    const care = await tp.as('care');
    const rules = (await care.get('/api/v1/people/visit-rules')).json() as { id: number; every: number; unit: string }[];
    expect(rules).toHaveLength(5);
    const changed = rules.map(({ id, ...r }, i) => ({ id, ...r, ...(i === 0 ? { every: 3, unit: 'day' } : {}) }));
    const res = await care.put('/api/v1/people/visit-rules', { rules: changed });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().replanned).toBeGreaterThan(9000);
    // last visit Monday 14 December + 3 days = Thursday 17 December
    expect((await record()).plan.nextVisitDue).toBe('2026-12-17T09:30:00.000Z');
    // a committee worker may read the rules but not change them
    expect((await committee.put('/api/v1/people/visit-rules', { rules: changed })).statusCode).toBe(403);
    // a rule with its ages the wrong way round is named
    const bad = await care.put('/api/v1/people/visit-rules', { rules: [{ ...changed[0], minAge: 90, maxAge: 80 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('rules.0.maxAge');
    await care.put('/api/v1/people/visit-rules', { rules: rules.map(({ id, ...r }) => ({ id, ...r })) });
  });

  it('the daily plan refresh moves someone who turns 80 onto the weekly rule', async () => {
    // a resident living alone who turns 80 on Saturday 19 December 2026
    const [r] = await q<{ id: number }>(`select r.id from residents r join residential_areas a on a.id = r.area_id where a.code = 'XFKL' and r.birth_date > '1990-01-01' and r.id <> $1 order by r.id limit 1`, [residentId]);
    await q(`update residents set birth_date = '1946-12-19' where id = $1`, [r!.id]);
    setNow('2026-12-15T02:00:00Z');
    const id = (await committee.post('/api/v1/people/elderly', { residentId: Number(r!.id), livesAlone: true, contacts: [] })).json().id;
    const before = (await committee.get(`/api/v1/people/elderly/${id}`)).json().plan;
    expect(before.rule.nameEn).toBe('Living alone: every two weeks');
    expect(before.nextVisitDue).toBe('2026-12-29T09:30:00.000Z');
    // the same day, the refresh changes nothing; after the birthday it does
    await tp.platform.ctx.sweeper.runNow('people.plans');
    expect((await committee.get(`/api/v1/people/elderly/${id}`)).json().plan.nextVisitDue).toBe('2026-12-29T09:30:00.000Z');
    setNow('2026-12-19T02:00:00Z');
    expect(await tp.platform.ctx.sweeper.runNow('people.plans')).toBeGreaterThan(9000);
    const after = (await committee.get(`/api/v1/people/elderly/${id}`)).json().plan;
    expect(after.rule.nameEn).toBe('80+ living alone: weekly');
    expect(after.nextVisitDue).toBe('2026-12-22T09:30:00.000Z');
    // a second run the same day claims nothing
    expect(await tp.platform.ctx.sweeper.runNow('people.plans')).toBe(0);
  });

  it('an entry closed as moved away has no plan and raises no alerts', async () => {
    const r = await record();
    expect((await committee.patch(`/api/v1/people/elderly/${entry}`, { version: r.version, status: 'moved' })).statusCode).toBe(200);
    const closed = await record();
    expect(closed.plan.nextVisitDue).toBeNull();
    expect(closed.plan.dueState).toBe('none');
    setNow('2027-02-01T02:00:00Z');
    await sweepOverdue();
    expect(await alertsFor(entry)).toHaveLength(1);
    expect((await committee.post(`/api/v1/people/elderly/${entry}/visits`, { mode: 'home', outcome: 'well' })).statusCode).toBe(409);
  });
});
