import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform, type Client } from '../../../test/harness.js';
import { DEMO_PASSWORD } from '../../../demo/accounts.js';

// Thursday 10 December 2026, 10:00 in Shanghai
let now = new Date('2026-12-10T02:00:00Z');
let tp: TestPlatform;
let committee: Client;
let owner: Client;
const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => tp.platform.ctx.database.query<T>(text, params);

beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => now } });
  committee = await tp.as('committee');
  owner = await tp.as('owner');
});
afterAll(async () => tp?.close());

/** a new resident login living in the same building as the demo owner */
async function neighbour(username: string): Promise<Client> {
  const admin = await tp.as('admin');
  const res = await admin.post('/api/v1/users', { username, displayName: username, password: `${DEMO_PASSWORD}-x`, roles: ['resident'] });
  const [r] = await q<{ id: number }>(`select r.id from residents r where r.building_id = (select building_id from residents where user_id = (select id from users where username = 'owner')) and r.user_id is null order by r.id limit 1 offset $1`, [username.length]);
  await q(`update residents set user_id = $1 where id = $2`, [res.json().id, r!.id]);
  return tp.as(username, `${DEMO_PASSWORD}-x`);
}

describe('volunteers and 楼组志愿星', () => {
  it('the demo resident is a volunteer in her building group, with this year’s hours and her place', async () => {
    const me = (await owner.get('/api/v1/people/volunteers/me')).json();
    expect(me.volunteer).toMatchObject({ name: '张根娣', skills: ['园艺', '陪伴聊天'] });
    expect(me.year).toBe(2026);
    expect(me.confirmedHours).toBeGreaterThan(0);
    expect(me.rank).toBeGreaterThanOrEqual(1);
  });

  it('a resident joins, signs up for a task, records hours; a committee worker confirms them; the ranking moves', async () => {
    const li = await neighbour('li');
    expect((await li.get('/api/v1/people/volunteers/me')).json().volunteer).toBeNull();
    expect((await li.post('/api/v1/people/volunteer-hours', { servedOn: '2026-12-09', hours: 2, description: '浇水' })).statusCode).toBe(409);
    const join = await li.post('/api/v1/people/volunteers/me', { skills: ['园艺'] });
    expect(join.statusCode).toBe(201);
    expect((await li.post('/api/v1/people/volunteers/me', { skills: [] })).statusCode).toBe(409);

    const tasks = (await li.get('/api/v1/people/volunteer-tasks')).json() as { id: number; title: string; mine: boolean }[];
    const plants = tasks.find((t) => t.title === '花园绿植认养')!;
    expect((await li.post(`/api/v1/people/volunteer-tasks/${plants.id}/signups`)).statusCode).toBe(201);
    expect((await li.post(`/api/v1/people/volunteer-tasks/${plants.id}/signups`)).statusCode).toBe(409);
    expect((await li.get('/api/v1/people/volunteer-tasks')).json().find((t: { id: number }) => t.id === plants.id).mine).toBe(true);

    // bad hours are named; the future is refused
    expect((await li.post('/api/v1/people/volunteer-hours', { servedOn: '2026-12-09', hours: 1.3, description: '浇水' })).json().errors[0].field).toBe('hours');
    expect((await li.post('/api/v1/people/volunteer-hours', { servedOn: '2026-12-11', hours: 1, description: '浇水' })).statusCode).toBe(422);
    const rec = await li.post('/api/v1/people/volunteer-hours', { taskId: plants.id, servedOn: '2026-12-09', hours: 200, description: '浇水' });
    expect(rec.statusCode).toBe(400);
    const h = (await li.post('/api/v1/people/volunteer-hours', { taskId: plants.id, servedOn: '2026-12-09', hours: 12, description: '花园绿植浇水、修剪' })).json();
    expect(h.status).toBe('recorded');
    // recorded hours count only once confirmed
    let me = (await li.get('/api/v1/people/volunteers/me')).json();
    expect([me.confirmedHours, me.pendingHours, me.rank]).toEqual([0, 12, null]);
    // the resident cannot confirm their own hours (no role), nor can the committee confirm someone else's area
    expect((await li.post(`/api/v1/people/volunteer-hours/${h.id}/review`, { decision: 'confirm' })).statusCode).toBe(403);
    expect((await (await tp.as('jw_hf')).post(`/api/v1/people/volunteer-hours/${h.id}/review`, { decision: 'confirm' })).statusCode).toBe(403);
    const queue = (await committee.get('/api/v1/people/volunteer-hours')).json() as { id: number }[];
    expect(queue.map((x) => x.id)).toContain(h.id);
    expect((await committee.post(`/api/v1/people/volunteer-hours/${h.id}/review`, { decision: 'confirm' })).json().status).toBe('confirmed');
    expect((await committee.post(`/api/v1/people/volunteer-hours/${h.id}/review`, { decision: 'reject', note: 'x' })).statusCode).toBe(409);
    me = (await li.get('/api/v1/people/volunteers/me')).json();
    expect(me.confirmedHours).toBe(12);
    expect(me.rank).toBeGreaterThanOrEqual(1);

    // the building's ranking: confirmed hours only, shared places for equal hours, names masked for residents
    const ranking = (await li.get(`/api/v1/people/volunteers/ranking?buildingId=${me.volunteer.buildingId}&top=100`)).json();
    const group = ranking.groups[0];
    expect(ranking.year).toBe(2026);
    expect(group.buildingId).toBe(me.volunteer.buildingId);
    const stars = group.stars as { rank: number; name: string; hours: number; me: boolean }[];
    // the caller sees their own name in full
    expect(stars.find((s) => s.me)).toMatchObject({ hours: 12 });
    expect(stars.find((s) => s.me)!.name).not.toContain('*');
    for (let i = 1; i < stars.length; i++) {
      expect(stars[i]!.hours).toBeLessThanOrEqual(stars[i - 1]!.hours);
      if (stars[i]!.hours === stars[i - 1]!.hours) expect(stars[i]!.rank).toBe(stars[i - 1]!.rank);
      else expect(stars[i]!.rank).toBe(i + 1);
    }
    expect(stars.filter((s) => !s.me).every((s) => s.name.includes('*'))).toBe(true);
    // the committee sees full names
    const full = (await committee.get(`/api/v1/people/volunteers/ranking?buildingId=${me.volunteer.buildingId}&top=100`)).json();
    expect(full.groups[0].stars.some((s: { name: string }) => !s.name.includes('*'))).toBe(true);
  });

  it('a rejection needs a reason; nobody confirms hours they recorded themselves', async () => {
    const wang = await neighbour('wang');
    await wang.post('/api/v1/people/volunteers/me', { skills: [] });
    const h = (await wang.post('/api/v1/people/volunteer-hours', { servedOn: '2026-12-08', hours: 3, description: '楼道清理' })).json();
    expect((await committee.post(`/api/v1/people/volunteer-hours/${h.id}/review`, { decision: 'reject' })).statusCode).toBe(400);
    expect((await committee.post(`/api/v1/people/volunteer-hours/${h.id}/review`, { decision: 'reject', note: '当天无此活动' })).json().status).toBe('rejected');
    // hours the committee records for a volunteer are confirmed at once; the committee cannot then review them
    const v = (await wang.get('/api/v1/people/volunteers/me')).json().volunteer;
    const byCommittee = (await committee.post('/api/v1/people/volunteer-hours', { volunteerId: v.id, servedOn: '2026-12-08', hours: 2.5, description: '健康讲座现场引导' })).json();
    expect(byCommittee.status).toBe('confirmed');
    expect((await wang.get('/api/v1/people/volunteers/me')).json().confirmedHours).toBe(2.5);
    const [row] = await q<{ reviewed_by: number }>(`select reviewed_by from volunteer_hours where id = $1`, [byCommittee.id]);
    expect(row!.reviewed_by).not.toBeNull();
    // a committee worker who volunteers too records their own hours; someone else must confirm them
    expect((await committee.post('/api/v1/people/volunteers/me', { skills: [] })).json().errors[0].field).toBe('buildingId');
    expect((await committee.post('/api/v1/people/volunteers/me', { skills: [], buildingId: v.buildingId })).statusCode).toBe(201);
    const own = (await committee.post('/api/v1/people/volunteer-hours', { servedOn: '2026-12-08', hours: 1, description: '会客厅值守' })).json();
    expect(own.status).toBe('recorded');
    const self = await committee.post(`/api/v1/people/volunteer-hours/${own.id}/review`, { decision: 'confirm' });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('volunteer.self_review');
    const [denied] = await q<{ subject_type: string; subject_id: string }>(`select subject_type, subject_id from audit_log where outcome = 'denied' order by id desc limit 1`);
    expect(denied).toEqual({ subject_type: 'volunteer_hours', subject_id: String(own.id) });
    expect((await (await tp.as('care')).post(`/api/v1/people/volunteer-hours/${own.id}/review`, { decision: 'confirm' })).json().status).toBe('confirmed');
  });

  it('the yearly ranking lists building groups by total hours with their top three', async () => {
    const r = (await owner.get('/api/v1/people/volunteers/ranking?year=2026')).json();
    expect(r.groups.length).toBeGreaterThan(50);
    for (const g of r.groups) expect(g.stars.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < r.groups.length; i++) expect(r.groups[i].totalHours).toBeLessThanOrEqual(r.groups[i - 1].totalHours);
    const empty = (await owner.get('/api/v1/people/volunteers/ranking?year=2019')).json();
    expect(empty.groups).toEqual([]);
  });
});
