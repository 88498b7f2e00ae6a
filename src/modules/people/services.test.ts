import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform, type Client } from '../../../test/harness.js';

let now = new Date('2026-12-10T02:00:00Z');
let tp: TestPlatform;
let care: Client;
const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => tp.platform.ctx.database.query<T>(text, params);

beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => now } });
  care = await tp.as('care');
});
afterAll(async () => tp?.close());

describe('the 15-minute life circle', () => {
  it('service points lie inside the subdistrict; from home they come nearest first with walking minutes', async () => {
    const owner = await tp.as('owner');
    const all = (await owner.get('/api/v1/people/service-points')).json() as { kind: string; walk: null }[];
    expect(all.length).toBeGreaterThanOrEqual(12);
    expect(new Set(all.map((p) => p.kind))).toEqual(new Set(['clinic', 'canteen', 'day_care', 'service_centre', 'care_station', 'market']));
    const near = (await owner.get('/api/v1/people/service-points?near=home')).json() as { walk: { metres: number; minutes: number } }[];
    for (let i = 1; i < near.length; i++) expect(near[i]!.walk.metres).toBeGreaterThanOrEqual(near[i - 1]!.walk.metres);
    expect(near[0]!.walk.minutes).toBeLessThanOrEqual(15);
    const canteens = (await owner.get('/api/v1/people/service-points?kind=canteen&lng=121.456&lat=31.236')).json() as { kind: string }[];
    expect(canteens.every((p) => p.kind === 'canteen')).toBe(true);
    // a point outside the subdistrict is refused
    const out = await care.post('/api/v1/people/service-points', { code: 'SP-PUDONG', name: '浦东某站', nameEn: 'Pudong', kind: 'canteen', address: '浦东', lat: 31.2304, lng: 121.5055, services: ['meal_delivery'] });
    expect(out.statusCode).toBe(422);
    const ok = await care.post('/api/v1/people/service-points', { code: 'SP-NEW', name: '新助餐点', nameEn: 'New meal point', kind: 'canteen', address: '凤阳路', lat: 31.2335, lng: 121.4555, services: ['meal_delivery'] });
    expect(ok.statusCode).toBe(201);
    expect((await owner.post('/api/v1/people/service-points', { code: 'SP-X', name: 'x', nameEn: 'x', kind: 'canteen', address: 'x', lat: 31.2335, lng: 121.4555, services: [] })).statusCode).toBe(403);
  });

  it('a meal-delivery order moves requested → accepted → in progress → done; other moves are 409 with the allowed ones', async () => {
    const [e] = await q<{ id: number }>(`select e.id from elderly e join residential_areas a on a.id = e.area_id where a.code = 'XF' order by e.id limit 1`);
    const [canteen] = await q<{ id: number }>(`select id from service_points where code = 'SP-CT-1'`);
    const [clinic] = await q<{ id: number }>(`select id from service_points where code = 'SP-FD-XFKL'`);
    const wrongPoint = await care.post('/api/v1/people/service-orders', { elderlyId: Number(e!.id), kind: 'meal_delivery', servicePointId: Number(clinic!.id), scheduledFor: '2026-12-11T03:00:00Z' });
    expect(wrongPoint.statusCode).toBe(422);
    const res = await care.post('/api/v1/people/service-orders', { elderlyId: Number(e!.id), kind: 'meal_delivery', servicePointId: Number(canteen!.id), scheduledFor: '2026-12-11T03:00:00Z', note: '少盐' });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const bad = await care.post(`/api/v1/people/service-orders/${id}/move`, { to: 'done' });
    expect(bad.statusCode).toBe(409);
    expect(bad.json()).toMatchObject({ code: 'people.order_transition', allowed: ['accepted', 'cancelled'] });
    expect(bad.json().detail).toContain('已下单');
    for (const to of ['accepted', 'in_progress', 'done']) expect((await care.post(`/api/v1/people/service-orders/${id}/move`, { to })).json().status).toBe(to);
    const list = (await care.get(`/api/v1/people/service-orders?elderlyId=${e!.id}`)).json() as { id: number; status: string; completedAt: string; allowed: string[] }[];
    expect(list.find((o) => o.id === id)).toMatchObject({ status: 'done', allowed: [], completedAt: '2026-12-10T02:00:00.000Z' });
    // a committee worker sees orders for their own people only, and cannot move them
    const committee = await tp.as('committee');
    expect((await committee.get(`/api/v1/people/service-orders?elderlyId=${e!.id}`)).json()).toEqual([]);
    expect((await committee.post(`/api/v1/people/service-orders/${id}/move`, { to: 'cancelled', reason: 'x' })).statusCode).toBe(403);
  });

  it('cancelling needs a reason', async () => {
    const [e] = await q<{ id: number }>(`select e.id from elderly e order by e.id limit 1`);
    const id = (await care.post('/api/v1/people/service-orders', { elderlyId: Number(e!.id), kind: 'home_help', scheduledFor: '2026-12-12T01:00:00Z' })).json().id;
    expect((await care.post(`/api/v1/people/service-orders/${id}/move`, { to: 'cancelled' })).statusCode).toBe(400);
    expect((await care.post(`/api/v1/people/service-orders/${id}/move`, { to: 'cancelled', reason: '家属已安排' })).json().status).toBe('cancelled');
  });

  it('an elderly resident orders a meal for themself; a resident who is not on the register is told so', async () => {
    const owner = await tp.as('owner');
    const mine = await owner.post('/api/v1/people/service-orders', { kind: 'meal_delivery', scheduledFor: '2026-12-11T03:30:00Z' });
    expect(mine.statusCode).toBe(201);
    const orders = (await owner.get('/api/v1/people/me/service-orders')).json() as { id: number; name: string; status: string }[];
    expect(orders.find((o) => o.id === mine.json().id)).toMatchObject({ name: '张根娣', status: 'requested' });
    // but not for someone else
    const [other] = await q<{ id: number }>(`select id from elderly order by id desc limit 1`);
    expect((await owner.post('/api/v1/people/service-orders', { elderlyId: Number(other!.id), kind: 'meal_delivery', scheduledFor: '2026-12-11T03:30:00Z' })).statusCode).toBe(403);
    // the resident sees their own committee and next visit on their page
    const me = (await owner.get('/api/v1/people/me')).json();
    expect(me.home).toMatchObject({ name: '张根娣', areaName: '新福康里居民区' });
    expect(me.care).toMatchObject({ committee: '新福康里居委会' });
    const dispatcher = await tp.as('dispatcher');
    expect((await dispatcher.post('/api/v1/people/service-orders', { kind: 'meal_delivery', scheduledFor: '2026-12-11T03:30:00Z' })).statusCode).toBe(403);
    expect((await dispatcher.get('/api/v1/people/me')).json()).toEqual({ home: null, care: null });
  });
});
