// The durable event worker: every matching event handled once, in order within its group,
// a failure retried later without holding up other groups, parked after the last attempt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { emit, startEventWorker, type DomainEvent } from './index.js';

let tp: TestPlatform;
beforeAll(async () => {
  tp = await startTestPlatform();
});
afterAll(async () => tp?.close());

async function publish(type: string, group: string, n: number): Promise<void> {
  const ctx = tp.platform.ctx;
  await ctx.db.transaction((tx) => emit(tx, [{ tenantId: ctx.config.tenant, type, subjectType: 'test', subjectId: `${group}-${n}`, scope: {}, payload: { group, n } }]));
}

describe('event worker', () => {
  it('handles each event once, in order per group; a failing group is retried and then parked without blocking others', async () => {
    const ctx = tp.platform.ctx;
    const seen: string[] = [];
    let failures = 0;
    const names = await startEventWorker(ctx, {
      name: 'test.worker',
      types: ['test.thing'],
      groupKey: (e) => String(e.payload.group),
      maxAttempts: 2,
      handle: async (e: DomainEvent) => {
        const key = `${e.payload.group}${e.payload.n}`;
        if (e.payload.group === 'bad') {
          failures++;
          throw new Error('downstream refused');
        }
        seen.push(key);
      },
    });
    await publish('test.thing', 'a', 1);
    await publish('other.thing', 'a', 99);
    await publish('test.thing', 'bad', 1);
    await publish('test.thing', 'a', 2);
    await publish('test.thing', 'b', 1);
    const run = async () => {
      await ctx.sweeper.runNow(names.enqueue);
      await ctx.sweeper.runNow(names.run);
    };
    await run();
    await run();
    expect(seen.filter((s) => s.startsWith('a'))).toEqual(['a1', 'a2']);
    expect(seen).toContain('b1');
    expect(failures).toBe(1);
    // nothing more to do until the back-off has passed
    await run();
    expect(failures).toBe(1);
    await ctx.database.query(`update event_jobs set leased_until = now() - interval '1 second' where worker = 'test.worker' and done_at is null`);
    await run();
    expect(failures).toBe(2);
    const [parked] = await ctx.database.query<{ done_at: Date | null; last_error: string; attempts: number }>(`select done_at, last_error, attempts from event_jobs where worker = 'test.worker' and group_key = 'bad'`);
    expect(parked).toMatchObject({ last_error: 'downstream refused', attempts: 2 });
    expect(parked!.done_at).not.toBeNull();
    // the parked group no longer blocks its later events
    await publish('test.thing', 'bad', 2);
    await run();
    expect(failures).toBe(3);
    expect(seen).toHaveLength(3);
  });
});
