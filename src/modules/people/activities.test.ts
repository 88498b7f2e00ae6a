import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform, type Client } from '../../../test/harness.js';
import { DEMO_PASSWORD } from '../../../demo/accounts.js';

// Monday 7 December 2026, 09:00 in Shanghai
let now = new Date('2026-12-07T01:00:00Z');
const setNow = (iso: string) => (now = new Date(iso));
let tp: TestPlatform;
let organiser: Client;
let residentsLogins: Client[];

const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => tp.platform.ctx.database.query<T>(text, params);

beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => now } });
  organiser = await tp.as('committee');
  // five more residents with logins (admin creates the accounts)
  const admin = await tp.as('admin');
  residentsLogins = [];
  for (let i = 1; i <= 5; i++) {
    const res = await admin.post('/api/v1/users', { username: `res${i}`, displayName: `居民${i}`, password: `${DEMO_PASSWORD}-x`, roles: ['resident'] });
    expect(res.statusCode).toBe(201);
    residentsLogins.push(await tp.as(`res${i}`, `${DEMO_PASSWORD}-x`));
  }
});
afterAll(async () => tp?.close());

async function lecture(capacity: number | null, extra: Record<string, unknown> = {}): Promise<number> {
  const [area] = await q<{ id: number }>(`select id from residential_areas where code = 'XFKL'`);
  const res = await organiser.post('/api/v1/people/activities', {
    kind: 'health_lecture',
    title: '高血压防治健康讲座',
    audience: 'residents',
    partner: '社区卫生服务中心',
    venue: '新福康里花园绿地',
    lat: 31.2375,
    lng: 121.4555,
    areaId: Number(area!.id),
    startsAt: '2026-12-10T06:00:00Z',
    endsAt: '2026-12-10T07:30:00Z',
    capacity,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('activities: capacity, waiting list, check-in', () => {
  it('registration beyond capacity goes to the waiting list and moves up on a cancellation', async () => {
    const id = await lecture(2);
    const [a, b, c, d] = residentsLogins;
    const ra = (await a!.post(`/api/v1/people/activities/${id}/registrations`)).json();
    const rb = (await b!.post(`/api/v1/people/activities/${id}/registrations`)).json();
    const rc = (await c!.post(`/api/v1/people/activities/${id}/registrations`)).json();
    const rd = (await d!.post(`/api/v1/people/activities/${id}/registrations`)).json();
    expect([ra.status, rb.status, rc.status, rd.status]).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    expect([rc.position, rd.position]).toEqual([1, 2]);
    let view = (await d!.get(`/api/v1/people/activities/${id}`)).json();
    expect(view).toMatchObject({ capacity: 2, confirmed: 2, waitlisted: 2, placesLeft: 0, mine: { status: 'waitlisted', position: 2 } });

    // a registers twice: 409
    expect((await a!.post(`/api/v1/people/activities/${id}/registrations`)).statusCode).toBe(409);
    // b cancels: c (first waiting) moves up, d becomes first in line
    const cancel = await b!.post(`/api/v1/people/registrations/${rb.id}/cancel`);
    expect(cancel.json().promoted).toEqual([rc.id]);
    expect((await c!.get(`/api/v1/people/activities/${id}`)).json().mine).toMatchObject({ status: 'confirmed', position: null });
    view = (await d!.get(`/api/v1/people/activities/${id}`)).json();
    expect(view.mine).toMatchObject({ status: 'waitlisted', position: 1 });
    // c is told
    const told = await q<{ scope: { users: number[] } }>(`select scope from events where type = 'people.registration.promoted' and subject_id = $1`, [String(rc.id)]);
    expect(told).toHaveLength(1);
    // someone waiting who cancels frees no place
    expect((await d!.post(`/api/v1/people/registrations/${rd.id}/cancel`)).json().promoted).toEqual([]);
    // one cannot cancel another's registration, unless organiser
    expect((await a!.post(`/api/v1/people/registrations/${rc.id}/cancel`)).statusCode).toBe(403);
    const list = (await organiser.get(`/api/v1/people/activities/${id}/registrations`)).json() as { id: number; status: string }[];
    expect(list.map((r) => r.status)).toEqual(['confirmed', 'cancelled', 'confirmed', 'cancelled']);
  });

  it('raising the capacity moves the waiting list up in order; it cannot drop below the confirmed places', async () => {
    const id = await lecture(1);
    const regs = [];
    for (const c of residentsLogins.slice(0, 4)) regs.push((await c.post(`/api/v1/people/activities/${id}/registrations`)).json());
    expect(regs.map((r) => r.status)).toEqual(['confirmed', 'waitlisted', 'waitlisted', 'waitlisted']);
    const up = await organiser.patch(`/api/v1/people/activities/${id}`, { capacity: 3 });
    expect(up.json().promoted).toBe(2);
    const list = (await organiser.get(`/api/v1/people/activities/${id}/registrations`)).json() as { id: number; status: string }[];
    expect(list.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'waitlisted']);
    const down = await organiser.patch(`/api/v1/people/activities/${id}`, { capacity: 2 });
    expect(down.statusCode).toBe(422);
    expect(down.json().errors[0]).toMatchObject({ field: 'capacity', code: 'activity.capacity_below' });
  });

  it('many registering at once for the last places: never more confirmed than the capacity', async () => {
    const id = await lecture(3);
    const all = await Promise.all(residentsLogins.map((c) => c.post(`/api/v1/people/activities/${id}/registrations`)));
    const statuses = all.map((r) => r.json().status);
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(2);
    const [row] = await q<{ n: number }>(`select count(*)::int as n from activity_registrations where activity_id = $1 and status = 'confirmed'`, [id]);
    expect(row!.n).toBe(3);
  });

  it('the organiser checks in a confirmed registrant by list or by code, once, from three hours before the start', async () => {
    const id = await lecture(1);
    const [a, b] = residentsLogins;
    const ra = (await a!.post(`/api/v1/people/activities/${id}/registrations`)).json();
    const rb = (await b!.post(`/api/v1/people/activities/${id}/registrations`)).json();
    // too early (Monday; the lecture is on Thursday)
    expect((await organiser.post(`/api/v1/people/activities/${id}/check-in`, { code: ra.checkinCode })).json().code).toBe('activity.checkin_early');
    setNow('2026-12-10T05:30:00Z');
    // a waiting registrant cannot be checked in, and their code is not accepted
    expect((await organiser.post(`/api/v1/people/activities/${id}/check-in`, { registrationId: rb.id })).json().code).toBe('activity.checkin_not_confirmed');
    expect((await organiser.post(`/api/v1/people/activities/${id}/check-in`, { code: rb.checkinCode })).statusCode).toBe(422);
    const ok = await organiser.post(`/api/v1/people/activities/${id}/check-in`, { code: ra.checkinCode });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ registrationId: ra.id, name: '居民1' });
    expect((await organiser.post(`/api/v1/people/activities/${id}/check-in`, { registrationId: ra.id })).json().code).toBe('activity.already_checked_in');
    // a checked-in registration cannot be cancelled; registering after the start is refused
    expect((await a!.post(`/api/v1/people/registrations/${ra.id}/cancel`)).statusCode).toBe(409);
    setNow('2026-12-10T06:10:00Z');
    expect((await residentsLogins[2]!.post(`/api/v1/people/activities/${id}/registrations`)).json().code).toBe('activity.started');
    // residents cannot check anyone in; another committee's worker neither
    expect((await a!.post(`/api/v1/people/activities/${id}/check-in`, { registrationId: ra.id })).statusCode).toBe(403);
    expect((await (await tp.as('jw_hf')).post(`/api/v1/people/activities/${id}/check-in`, { registrationId: rb.id })).statusCode).toBe(403);
    setNow('2026-12-10T08:00:00Z');
    expect((await organiser.post(`/api/v1/people/activities/${id}/check-in`, { registrationId: rb.id })).json().code).toBe('activity.checkin_closed');
  });

  it('attendance statistics count confirmed places and check-ins of ended activities, by kind', async () => {
    setNow('2026-12-20T01:00:00Z');
    const stats = (await organiser.get('/api/v1/people/activity-stats?from=2026-12-10T00:00:00Z&to=2026-12-11T00:00:00Z')).json();
    const lectures = stats.byKind.find((k: { kind: string }) => k.kind === 'health_lecture');
    expect(lectures.activities).toBe(4);
    expect(lectures.ended).toBe(4);
    // 2 + 3 + 3 + 1 confirmed; one checked in
    expect(lectures.confirmed).toBe(9);
    expect(lectures.checkedIn).toBe(1);
    expect(lectures.attendanceRate).toBeCloseTo(1 / 9, 3);
    expect(stats.activities.find((a: { checkedIn: number }) => a.checkedIn === 1)).toMatchObject({ noShows: 0, attendanceRate: 1 });
    // the demo's past lectures show real attendance
    const demo = (await organiser.get('/api/v1/people/activity-stats?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z')).json();
    expect(demo.totals.checkedIn).toBeGreaterThan(0);
    expect(demo.totals.attendanceRate).toBeGreaterThan(0.5);
    expect((await residentsLogins[0]!.get('/api/v1/people/activity-stats?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z')).statusCode).toBe(403);
  });

  it('training for social workers is for committee and care staff; residents neither see nor join it', async () => {
    setNow('2026-12-07T01:00:00Z');
    const care = await tp.as('care');
    const res = await care.post('/api/v1/people/activities', { kind: 'social_work_training', series: '邻里益社·提质增效', title: '专题沙龙：楼组会客厅', audience: 'social_workers', venue: '恒丰大楼会客厅', lat: 31.2385, lng: 121.4525, startsAt: '2026-12-11T06:00:00Z', endsAt: '2026-12-11T07:30:00Z', capacity: 20 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('format');
    const ok = await care.post('/api/v1/people/activities', { kind: 'social_work_training', format: 'salon', series: '邻里益社·提质增效', title: '专题沙龙：楼组会客厅', audience: 'social_workers', venue: '恒丰大楼会客厅', lat: 31.2385, lng: 121.4525, startsAt: '2026-12-11T06:00:00Z', endsAt: '2026-12-11T07:30:00Z', capacity: 20 });
    const id = ok.json().id;
    expect((await residentsLogins[0]!.post(`/api/v1/people/activities/${id}/registrations`)).statusCode).toBe(403);
    const seen = (await residentsLogins[0]!.get('/api/v1/people/activities')).json() as { id: number }[];
    expect(seen.map((a) => a.id)).not.toContain(id);
    expect((await (await tp.as('jw_hf')).post(`/api/v1/people/activities/${id}/registrations`)).json().status).toBe('confirmed');
    // a committee member may publish only for their own area
    const [hf] = await q<{ id: number }>(`select id from residential_areas where code = 'HF'`);
    expect((await organiser.post('/api/v1/people/activities', { kind: 'community', title: '外区活动', audience: 'residents', venue: 'x', lat: 31.2385, lng: 121.4525, areaId: Number(hf!.id), startsAt: '2026-12-11T06:00:00Z', endsAt: '2026-12-11T07:00:00Z', capacity: 5 })).statusCode).toBe(403);
    // and not in the past
    expect((await care.post('/api/v1/people/activities', { kind: 'community', title: '过去的活动', audience: 'residents', venue: 'x', lat: 31.2385, lng: 121.4525, startsAt: '2026-12-01T06:00:00Z', endsAt: '2026-12-01T07:00:00Z', capacity: 5 })).statusCode).toBe(422);
  });

  it('the organiser registers a resident without a login by phone; the same resident cannot be registered twice', async () => {
    const id = await lecture(10);
    const [r] = await q<{ id: number }>(`select r.id from residents r join residential_areas a on a.id = r.area_id where a.code = 'XFKL' and r.user_id is null order by r.id desc limit 1`);
    const res = await organiser.post(`/api/v1/people/activities/${id}/registrations/for-resident`, { residentId: Number(r!.id) });
    expect(res.statusCode).toBe(201);
    expect((await organiser.post(`/api/v1/people/activities/${id}/registrations/for-resident`, { residentId: Number(r!.id) })).statusCode).toBe(409);
    // a resident may not register others
    expect((await residentsLogins[0]!.post(`/api/v1/people/activities/${id}/registrations/for-resident`, { residentId: Number(r!.id) })).statusCode).toBe(403);
  });

  it('activities near me list walking minutes from the resident’s home', async () => {
    const owner = await tp.as('owner');
    const list = (await owner.get('/api/v1/people/activities')).json() as { title: string; walk: { minutes: number } | null }[];
    expect(list.length).toBeGreaterThan(3);
    expect(list.every((a) => a.walk && a.walk.minutes > 0 && a.walk.minutes < 40)).toBe(true);
  });
});
