import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform, type Client } from '../../../test/harness.js';
import { deviceWatch } from './index.js';

let tp: TestPlatform;
let committee: Client;
beforeAll(async () => {
  tp = await startTestPlatform();
  committee = await tp.as('committee');
});
afterAll(async () => tp?.close());

const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => tp.platform.ctx.database.query<T>(text, params);
const areaId = async (code: string) => (await q<{ id: number }>(`select id from residential_areas where code = $1`, [code]))[0]!.id;

describe('the elderly register', () => {
  it('a committee worker sees the entries of their own area, each read audited', async () => {
    const res = await committee.get('/api/v1/people/elderly?pageSize=20');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const xfkl = await areaId('XFKL');
    expect(body.total).toBeGreaterThan(1000);
    expect(body.items).toHaveLength(20);
    expect(body.items.every((i: { areaId: number }) => i.areaId === xfkl)).toBe(true);
    expect(body.items.every((i: { age: number }) => i.age >= 60)).toBe(true);
    const audited = await q<{ subject_id: string }>(`select subject_id from audit_log where action = 'people.elderly.list' and actor_id = (select id::text from users where username = 'committee')`);
    expect(new Set(audited.map((a) => Number(a.subject_id)))).toEqual(new Set(body.items.map((i: { id: number }) => i.id)));
  });
});
