import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Client, type TestPlatform } from '../../../test/harness.js';
import { demoEnterpriseId, eventsOf, itemId } from './testing.js';
import { LIMITS_SWEEP } from './index.js';
import { sweepLimits } from './commands/sweepLimits.js';

let tp: TestPlatform;
let agent: Client;
let entId: number;
let licence: number;
// Monday before National Day 2026 (10-01…10-07 off, Saturday 10-10 a make-up working day)
let now = new Date('2026-09-28T10:00:00+08:00');

beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => now } });
  agent = await tp.as('agent');
  entId = await demoEnterpriseId(tp);
  licence = await itemId(agent, 'A1-02'); // 5 working days
});
afterAll(async () => tp?.close());

const create = async () => (await agent.post('/api/v1/enterprise/requests', { enterpriseId: entId, itemId: licence, channel: 'window', description: '国庆前受理' })).json() as { id: number };
const detail = async (id: number) => (await agent.get(`/api/v1/enterprise/requests/${id}`)).json();

describe('time-limited completion on the working calendar', () => {
  it('a 5-working-day limit taken before National Day ends on the make-up Saturday after it', async () => {
    now = new Date('2026-09-28T10:00:00+08:00');
    const { id } = await create();
    const d = await detail(id);
    // 09-29, 09-30, (10-01…10-07 holiday), 10-08, 10-09, 10-10 (调休上班) → close of office on 10-10
    expect(d.dueAt).toBe(new Date('2026-10-10T17:30:00+08:00').toISOString());
    // a plain weekday count would have said Monday 10-05, in the middle of the holiday
    expect(d.dueAt).not.toBe(new Date('2026-10-05T17:30:00+08:00').toISOString());
    // warning when 33 of the 44 office hours allowed are used: 10-09 at 14:00
    expect(d.warnAt).toBe(new Date('2026-10-09T14:00:00+08:00').toISOString());
    expect(d.limitState).toBe('running');
  });

  it('warns once, then marks overdue once, as timer events; a completed request is left alone', async () => {
    now = new Date('2026-09-28T10:00:00+08:00');
    const { id } = await create();
    const { id: doneId } = await create();
    for (const s of (await detail(doneId)).steps) await agent.patch(`/api/v1/enterprise/requests/${doneId}/steps/${s.id}`, { status: 'done' });
    expect((await agent.post(`/api/v1/enterprise/requests/${doneId}/complete`, {})).statusCode).toBe(200);
    const sweep = () => tp.platform.ctx.sweeper.runNow(LIMITS_SWEEP);

    // during the holiday nothing is due yet
    now = new Date('2026-10-05T12:00:00+08:00');
    await sweep();
    expect(await eventsOf(tp, 'enterprise.request.warning', id)).toHaveLength(0);
    expect((await detail(id)).limitState).toBe('running');

    now = new Date('2026-10-09T14:30:00+08:00');
    await sweep();
    await sweep();
    const warnings = await eventsOf(tp, 'enterprise.request.warning', id);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.payload).toMatchObject({ dueAt: new Date('2026-10-10T17:30:00+08:00').toISOString(), limitDays: 5, enterpriseId: entId });
    expect((await detail(id)).limitState).toBe('warning');
    expect(await eventsOf(tp, 'enterprise.request.overdue', id)).toHaveLength(0);

    // the make-up Saturday is a working day: still in time at noon
    now = new Date('2026-10-10T12:00:00+08:00');
    await sweep();
    expect(await eventsOf(tp, 'enterprise.request.overdue', id)).toHaveLength(0);

    now = new Date('2026-10-10T17:31:00+08:00');
    await sweep();
    await sweep();
    expect(await eventsOf(tp, 'enterprise.request.overdue', id)).toHaveLength(1);
    expect((await detail(id)).limitState).toBe('overdue');
    expect(await eventsOf(tp, 'enterprise.request.overdue', doneId)).toHaveLength(0);
    expect(await eventsOf(tp, 'enterprise.request.warning', doneId)).toHaveLength(0);
    const audit = await tp.platform.ctx.database.query<{ actor_kind: string; actor_id: string }>(`select actor_kind, actor_id from audit_log where action = 'enterprise.request.overdue' and subject_id = $1`, [String(id)]);
    expect(audit).toEqual([{ actor_kind: 'system', actor_id: 'enterprise.limits' }]);

    // the queue of overdue requests holds it; completing it now is late
    const overdue = (await agent.get('/api/v1/enterprise/requests?overdue=true&pageSize=200')).json();
    expect(overdue.items.map((r: { id: number }) => r.id)).toContain(id);
    for (const s of (await detail(id)).steps) await agent.patch(`/api/v1/enterprise/requests/${id}/steps/${s.id}`, { status: 'done' });
    expect((await agent.post(`/api/v1/enterprise/requests/${id}/complete`, {})).json()).toEqual({ onTime: false });
    expect((await detail(id)).limitState).toBe('done_late');
  });

  it('two nodes sweeping at once announce each request exactly once', async () => {
    now = new Date('2026-11-02T09:30:00+08:00');
    const ids = await Promise.all([create(), create(), create()]);
    now = new Date('2026-11-20T09:00:00+08:00');
    const handled = await Promise.all([sweepLimits(tp.platform.ctx), sweepLimits(tp.platform.ctx), sweepLimits(tp.platform.ctx)]);
    expect(handled.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);
    for (const { id } of ids) expect(await eventsOf(tp, 'enterprise.request.overdue', id)).toHaveLength(1);
  });
});
