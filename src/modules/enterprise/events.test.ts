import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Client, type TestPlatform } from '../../../test/harness.js';
import { demoEnterpriseId, otherEnterpriseUser } from './testing.js';

let tp: TestPlatform;
let agent: Client;
let ent: Client;
let now = new Date('2030-05-06T10:00:00+08:00');

beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => now } });
  [agent, ent] = await Promise.all([tp.as('agent'), tp.as('ent')]);
});
afterAll(async () => tp?.close());

describe('events and training', () => {
  it('capacity is kept, enterprise staff register for their own enterprise, attendance comes after the start', async () => {
    const body = { kind: 'training', title: '数电发票实务培训', description: '开具、查验与入账', place: '企业服务中心（慈溪路211号）多功能厅', startsAt: '2030-05-10T06:00:00Z', endsAt: '2030-05-10T08:00:00Z', capacity: 2 };
    expect((await ent.post('/api/v1/enterprise/events', body)).statusCode).toBe(403);
    expect((await agent.post('/api/v1/enterprise/events', { ...body, endsAt: '2030-05-10T05:00:00Z' })).json().errors[0].field).toBe('endsAt');
    const { id } = (await agent.post('/api/v1/enterprise/events', body)).json();

    const first = await ent.post(`/api/v1/enterprise/events/${id}/registrations`, { attendeeName: '郑怡', attendeePhone: '13900000008' });
    expect(first.statusCode).toBe(201);
    expect(first.json().seatsLeft).toBe(1);
    expect((await ent.post(`/api/v1/enterprise/events/${id}/registrations`, { attendeeName: '郑怡' })).json().code).toBe('ent.event.already_registered');
    const other = await otherEnterpriseUser(tp, 'ent-events');
    // nobody signs up another enterprise's staff
    expect((await other.client.post(`/api/v1/enterprise/events/${id}/registrations`, { enterpriseId: await demoEnterpriseId(tp), attendeeName: '冒名' })).statusCode).toBe(403);
    expect((await other.client.post(`/api/v1/enterprise/events/${id}/registrations`, { attendeeName: '王伟' })).statusCode).toBe(201);
    const full = await ent.post(`/api/v1/enterprise/events/${id}/registrations`, { attendeeName: '李娜' });
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('ent.event.full');

    // each enterprise sees its own sign-ups; staff see all
    const mine = (await ent.get(`/api/v1/enterprise/events/${id}`)).json();
    expect(mine.registrations.map((r: { attendeeName: string }) => r.attendeeName)).toEqual(['郑怡']);
    const all = (await agent.get(`/api/v1/enterprise/events/${id}`)).json();
    expect(all.registrations).toHaveLength(2);
    const listed = ((await ent.get('/api/v1/enterprise/events?when=upcoming')).json() as { id: number; mine: number; seatsLeft: number }[]).find((e) => e.id === id)!;
    expect(listed).toMatchObject({ mine: 1, seatsLeft: 0 });

    // withdrawing frees the seat
    const theirs = all.registrations.find((r: { attendeeName: string }) => r.attendeeName === '王伟');
    expect((await ent.delete(`/api/v1/enterprise/events/${id}/registrations/${theirs.id}`)).statusCode).toBe(403);
    expect((await other.client.delete(`/api/v1/enterprise/events/${id}/registrations/${theirs.id}`)).statusCode).toBe(200);
    expect((await ent.post(`/api/v1/enterprise/events/${id}/registrations`, { attendeeName: '李娜' })).statusCode).toBe(201);

    const regs = (await agent.get(`/api/v1/enterprise/events/${id}`)).json().registrations as { id: number; attendeeName: string }[];
    const marks = regs.map((r) => ({ registrationId: r.id, attended: r.attendeeName === '郑怡' }));
    expect((await agent.post(`/api/v1/enterprise/events/${id}/attendance`, marks)).json().code).toBe('ent.event.not_started');
    now = new Date('2030-05-10T14:05:00+08:00');
    expect((await ent.post(`/api/v1/enterprise/events/${id}/registrations`, { attendeeName: '迟到者' })).json().code).toBe('ent.event.closed');
    expect((await agent.post(`/api/v1/enterprise/events/${id}/attendance`, marks)).json()).toEqual({ attended: 1 });
    const after = (await agent.get(`/api/v1/enterprise/events/${id}`)).json().registrations as { attendeeName: string; attended: boolean }[];
    expect(after.map((r) => [r.attendeeName, r.attended])).toEqual([
      ['郑怡', true],
      ['李娜', false],
    ]);
    const e = (await agent.get(`/api/v1/enterprise/enterprises/${await demoEnterpriseId(tp)}`)).json();
    expect(e.lifecycle.some((l: { kind: string; refId: number }) => l.kind === 'event' && l.refId === id)).toBe(true);
  });
});
