// emit(): what a subscriber on the bus receives after the commit — the events in the order
// given, with their ids and times; a rolled-back change sends nothing; a batch too large
// for one notification (counted in bytes: Chinese text is 3 bytes a character) still
// arrives whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { emit, type DomainEvent } from './index.js';

let tp: TestPlatform;
beforeAll(async () => {
  tp = await startTestPlatform();
});
afterAll(async () => tp?.close());

async function collect(type: string, n: number, act: () => Promise<unknown>): Promise<DomainEvent[]> {
  const got: DomainEvent[] = [];
  const off = tp.platform.ctx.bus.on(type, (e) => got.push(e));
  try {
    await act();
    for (let i = 0; i < 200 && got.length < n; i++) await new Promise((r) => setTimeout(r, 25));
    return got;
  } finally {
    off();
  }
}

describe('emit', () => {
  it('delivers the events of a transaction after its commit, in the order given, as they were returned', async () => {
    const ctx = tp.platform.ctx;
    const tenantId = ctx.config.tenant;
    let returned: DomainEvent[] = [];
    const got = await collect('emit.order', 3, () =>
      ctx.db.transaction(async (tx) => {
        returned = await emit(tx, ['c', 'a', 'b'].map((k) => ({ tenantId, type: 'emit.order', subjectType: 'test', subjectId: k, scope: { roles: ['admin'] }, payload: { k, 名称: '街道' } })));
      }),
    );
    expect(got.map((e) => e.subjectId)).toEqual(['c', 'a', 'b']);
    expect(got.map((e) => e.id)).toEqual(returned.map((e) => e.id));
    expect(got[1]!.id).toBeGreaterThan(got[0]!.id);
    expect(got[0]).toMatchObject({ tenantId, type: 'emit.order', subjectType: 'test', scope: { roles: ['admin'] }, payload: { k: 'c', 名称: '街道' } });
    expect(got[0]!.createdAt).toBe(returned[0]!.createdAt);
  });

  it('sends nothing for a rolled-back transaction', async () => {
    const ctx = tp.platform.ctx;
    const tenantId = ctx.config.tenant;
    const got = await collect('emitrb.*', 1, async () => {
      await ctx.db
        .transaction(async (tx) => {
          await emit(tx, [{ tenantId, type: 'emitrb.lost', subjectType: 'test', subjectId: '1', payload: {} }]);
          throw new Error('changed my mind');
        })
        .catch(() => undefined);
      // the bus hands events out in commit order: once this one is here, the other never comes
      await ctx.db.transaction((tx) => emit(tx, [{ tenantId, type: 'emitrb.kept', subjectType: 'test', subjectId: '2', payload: {} }]));
    });
    expect(got.map((e) => e.type)).toEqual(['emitrb.kept']);
  });

  it('delivers a batch of Chinese text larger than one notification may carry', async () => {
    const ctx = tp.platform.ctx;
    // 12 events of 192 characters: under 7,000 characters in all, over NOTIFY's 8,000 bytes
    const text = '居民反映楼道堆物影响通行'.repeat(16);
    const list = Array.from({ length: 12 }, (_, i) => ({ tenantId: ctx.config.tenant, type: 'emit.big', subjectType: 'test', subjectId: String(i), payload: { text } }));
    expect(JSON.stringify(list).length).toBeLessThan(5_000);
    expect(Buffer.byteLength(JSON.stringify(list))).toBeGreaterThan(8_000);
    const got = await collect('emit.big', 12, () => ctx.db.transaction((tx) => emit(tx, list)));
    expect(got.map((e) => e.subjectId)).toEqual(list.map((e) => e.subjectId));
    expect(got.every((e) => e.payload.text === text)).toBe(true);
  });
});
