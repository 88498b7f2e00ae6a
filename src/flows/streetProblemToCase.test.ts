import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Client, type TestPlatform } from '../../test/harness.js';
import { demoEnterpriseId, itemId } from '../modules/enterprise/testing.js';
import { STREET_PROBLEM_SWEEP } from './index.js';

let tp: TestPlatform;
let agent: Client;
let dispatcher: Client;
let entId: number;
let licence: number;

beforeAll(async () => {
  tp = await startTestPlatform();
  [agent, dispatcher] = await Promise.all([tp.as('agent'), tp.as('dispatcher')]);
  entId = await demoEnterpriseId(tp);
  licence = await itemId(agent, 'A1-02');
});

async function unlinked(): Promise<number> {
  const [r] = await tp.platform.ctx.database.query<{ n: number }>(`select count(*)::int as n from ent_street_problems where case_ref is null`);
  return r!.n;
}
afterAll(async () => tp?.close());

async function reportProblem(body: Record<string, unknown>): Promise<{ requestId: number; problemId: number }> {
  const req = await agent.post('/api/v1/enterprise/requests', { enterpriseId: entId, itemId: licence, channel: 'window', description: '办理营业执照变更', contactName: '郑怡', contactPhone: '13900000008' });
  expect(req.statusCode).toBe(201);
  const requestId = req.json().id as number;
  const sp = await agent.post(`/api/v1/enterprise/requests/${requestId}/street-problems`, body);
  expect(sp.statusCode).toBe(201);
  return { requestId, problemId: sp.json().id };
}

const caseRefOf = async (requestId: number) => ((await agent.get(`/api/v1/enterprise/requests/${requestId}`)).json().streetProblems as { id: number; caseRef: string | null }[])[0]!.caseRef;

describe('flow: a street problem found by the enterprise centre becomes a case', () => {
  it("the demo's reported street problems get their cases at the first sweep", async () => {
    const before = await unlinked();
    expect(before).toBeGreaterThan(0);
    expect(await tp.platform.ctx.sweeper.runNow(STREET_PROBLEM_SWEEP)).toBe(Math.min(before, 20));
    while ((await tp.platform.ctx.sweeper.runNow(STREET_PROBLEM_SWEEP)) > 0);
    expect(await unlinked()).toBe(0);
  });

  it('opens a case of the hinted category, from the enterprise source, and links it back', async () => {
    const { requestId } = await reportProblem({ categoryHint: '03007', description: '凯迪克大厦门口店招倾斜，有坠落风险' });
    expect(await caseRefOf(requestId)).toBeNull();
    expect(await tp.platform.ctx.sweeper.runNow(STREET_PROBLEM_SWEEP)).toBe(1);
    const number = await caseRefOf(requestId);
    expect(number).toMatch(/^\d{12}$/);
    const list = (await dispatcher.get(`/api/v1/cases?source=enterprise&limit=50`)).json();
    const c = list.items.find((x: { number: string }) => x.number === number);
    expect(c).toMatchObject({ categoryCode: '03007', source: 'enterprise', description: '凯迪克大厦门口店招倾斜，有坠落风险' });
    // nothing left to do: a second run opens nothing
    expect(await tp.platform.ctx.sweeper.runNow(STREET_PROBLEM_SWEEP)).toBe(0);
  });

  it('falls back to "other street problem" without a usable category', async () => {
    const { requestId } = await reportProblem({ categoryHint: '99999', description: '后巷路灯不亮' });
    await tp.platform.ctx.sweeper.runNow(STREET_PROBLEM_SWEEP);
    const number = await caseRefOf(requestId);
    const list = (await dispatcher.get(`/api/v1/cases?source=enterprise&limit=50`)).json();
    expect(list.items.find((x: { number: string }) => x.number === number)).toMatchObject({ categoryCode: '11099' });
  });

  it('two nodes sweeping at once open exactly one case per problem', async () => {
    const a = await reportProblem({ categoryHint: '09012', description: '博华广场后门消防通道被货物堵塞' });
    const b = await reportProblem({ description: '慈溪路人行道砖块松动' });
    const { streetProblemsToCases } = await import('./index.js');
    const counts = await Promise.all([streetProblemsToCases(tp.platform.ctx), streetProblemsToCases(tp.platform.ctx), streetProblemsToCases(tp.platform.ctx)]);
    expect(counts.reduce((s, n) => s + n, 0)).toBe(2);
    for (const r of [a, b]) {
      const rows = await tp.platform.ctx.database.query<{ n: number }>(`select count(*)::int as n from cases where scene_key = $1`, [`enterprise:street-problem:${r.problemId}`]);
      expect(rows[0]!.n).toBe(1);
      expect(await caseRefOf(r.requestId)).not.toBeNull();
    }
  });
});
