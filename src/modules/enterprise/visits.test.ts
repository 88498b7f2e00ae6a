import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Client, type TestPlatform } from '../../../test/harness.js';
import { eventsOf, itemId, userId } from './testing.js';
import { VISIT_PLAN_SWEEP } from './index.js';

let tp: TestPlatform;
let agent: Client;
let chief: Client;
let now = new Date('2030-03-04T10:00:00+08:00');
let kdk: { id: number; name: string };

beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => now } });
  [agent, chief] = await Promise.all([tp.as('agent'), tp.as('chief')]);
  const buildings = (await agent.get('/api/v1/buildings?kind=office')).json() as { id: number; code: string; name: string }[];
  kdk = buildings.find((b) => b.code === 'B-KDK')!;
});
afterAll(async () => tp?.close());

type Coverage = { buildings: number; covered: number; rows: { building: { id: number; name: string }; plan: { id: number; plannedOn: string; status: string; agent: { id: number } | null } | null; covered: boolean; visits: number; enterprisesMet: number; findings: number; requestsFromFindings: number }[] };

describe('monthly building visits (月月进楼)', () => {
  it("the month's plan puts all 31 office buildings on working days; making it again changes nothing", async () => {
    expect((await agent.post('/api/v1/enterprise/visit-plans/2030-03')).statusCode).toBe(403);
    const first = await chief.post('/api/v1/enterprise/visit-plans/2030-03');
    expect(first.json()).toEqual({ created: 31 });
    expect((await chief.post('/api/v1/enterprise/visit-plans/2030-03')).json()).toEqual({ created: 0 });
    const cov = (await agent.get('/api/v1/enterprise/visit-plans/2030-03')).json() as Coverage;
    expect(cov.rows).toHaveLength(31);
    expect(cov.covered).toBe(0);
    const cal = (await agent.get('/api/v1/calendar/days?from=2030-03-01&to=2030-03-31')).json() as { date: string; work: boolean }[];
    const workdays = new Set(cal.filter((d) => d.work).map((d) => d.date));
    for (const r of cov.rows) {
      expect(workdays.has(r.plan!.plannedOn)).toBe(true);
      expect(r.plan!.plannedOn >= '2030-03-04').toBe(true); // nothing planned in the past
    }
    // frontline agents take turns; the chief plans
    expect(new Set(cov.rows.map((r) => r.plan!.agent?.id)).size).toBe(6);
    expect((await chief.post('/api/v1/enterprise/visit-plans/2030-01')).statusCode).toBe(422);
  });

  it('a visit fulfils the plan, meets enterprises, and its findings become requests or street problems', async () => {
    const firms = (await agent.get(`/api/v1/enterprise/enterprises?buildingId=${kdk.id}&pageSize=5`)).json().items as { id: number; name: string }[];
    const item = await itemId(agent, 'A4-01');
    const visitedAt = new Date('2030-03-04T09:40:00+08:00').toISOString();
    const res = await agent.post('/api/v1/enterprise/visits', {
      buildingId: kdk.id,
      visitedAt,
      agentIds: [await userId(tp, 'qf01')],
      enterpriseIds: firms.slice(0, 3).map((f) => f.id),
      summary: '走访凯迪克大厦，宣传服务清单',
      findings: [
        { kind: 'need', description: '新招员工需办理社保增员', enterpriseId: firms[0]!.id, itemId: item },
        { kind: 'street_problem', description: '大楼入口处店招倾斜', streetProblem: { categoryHint: '03007' } },
        { kind: 'other', description: '建议增加午间活动' },
      ],
    });
    expect(res.statusCode).toBe(201);
    const { id: visitId, findingIds } = res.json();
    const cov = (await agent.get('/api/v1/enterprise/visit-plans/2030-03')).json() as Coverage;
    const row = cov.rows.find((r) => r.building.id === kdk.id)!;
    expect(row).toMatchObject({ covered: true, visits: 1, enterprisesMet: 3, findings: 3, requestsFromFindings: 0, plan: { status: 'done' } });
    expect(cov.covered).toBe(1);

    // the street problem is announced for the case engine, at the building
    const [sp] = await tp.platform.ctx.database.query<{ id: number }>(`select id from ent_street_problems where finding_id = $1`, [findingIds[1]]);
    const [e] = await eventsOf(tp, 'enterprise.street_problem.reported', sp!.id);
    expect(e!.payload).toMatchObject({ source: 'enterprise.visit', visitId, findingId: findingIds[1], categoryHint: '03007', building: { id: kdk.id, name: '凯迪克大厦' }, address: '江宁路212号' });

    // the need becomes a request owned by whoever turns it into one
    const conv = await agent.post(`/api/v1/enterprise/findings/${findingIds[0]}/request`, {});
    expect(conv.statusCode).toBe(201);
    const req = (await agent.get(`/api/v1/enterprise/requests/${conv.json().id}`)).json();
    expect(req).toMatchObject({ channel: 'visit', status: 'accepted', enterprise: { id: firms[0]!.id }, item: { id: item }, owner: { id: await userId(tp, 'agent') }, visitId });
    expect((await agent.post(`/api/v1/enterprise/findings/${findingIds[0]}/request`, {})).statusCode).toBe(409);
    expect((await agent.post(`/api/v1/enterprise/findings/${findingIds[1]}/request`, {})).statusCode).toBe(409);
    const other = await agent.post(`/api/v1/enterprise/findings/${findingIds[2]}/request`, {});
    expect(other.statusCode).toBe(422);
    expect(other.json().errors[0].field).toBe('enterpriseId');

    const visit = (await agent.get(`/api/v1/enterprise/visits/${visitId}`)).json();
    expect(visit.agents.map((a: { name: string }) => a.name).sort()).toEqual(['代办专员 吴涛', '代办专员 钱芸'].sort());
    expect(visit.findings[0].requestId).toBe(conv.json().id);
    // the enterprises met have the visit in their lifecycle
    const ent = (await agent.get(`/api/v1/enterprise/enterprises/${firms[1]!.id}`)).json();
    expect(ent.lifecycle.some((l: { kind: string; refId: number }) => l.kind === 'visit' && l.refId === visitId)).toBe(true);
  });

  it('a visit in the future, to a residential building, or meeting an unknown enterprise is refused', async () => {
    const base = { buildingId: kdk.id, visitedAt: new Date('2030-03-05T10:00:00+08:00').toISOString(), agentIds: [], enterpriseIds: [], summary: '', findings: [] };
    expect((await agent.post('/api/v1/enterprise/visits', base)).json().errors[0].field).toBe('visitedAt');
    const past = new Date('2030-03-03T10:00:00+08:00').toISOString();
    const flats = (await agent.get('/api/v1/buildings?kind=residential')).json() as { id: number }[];
    expect((await agent.post('/api/v1/enterprise/visits', { ...base, visitedAt: past, buildingId: flats[0]!.id })).json().errors[0]).toMatchObject({ field: 'buildingId', code: 'ent.building.not_office' });
    expect((await agent.post('/api/v1/enterprise/visits', { ...base, visitedAt: past, enterpriseIds: [99999999] })).json().errors[0].field).toBe('enterpriseIds.0');
    expect((await (await tp.as('ent')).post('/api/v1/enterprise/visits', { ...base, visitedAt: past })).statusCode).toBe(403);
  });

  it('the sweep plans the new month and marks buildings planned but never visited as missed', async () => {
    now = new Date('2030-04-01T08:00:00+08:00');
    expect(await tp.platform.ctx.sweeper.runNow(VISIT_PLAN_SWEEP)).toBeGreaterThanOrEqual(31 + 30);
    const march = (await agent.get('/api/v1/enterprise/visit-plans/2030-03')).json() as Coverage;
    expect(march.rows.filter((r) => r.plan!.status === 'missed')).toHaveLength(30);
    expect(march.rows.find((r) => r.building.id === kdk.id)!.plan!.status).toBe('done');
    const april = (await agent.get('/api/v1/enterprise/visit-plans/2030-04')).json() as Coverage;
    expect(april.rows.every((r) => r.plan?.status === 'planned')).toBe(true);
    expect(await tp.platform.ctx.sweeper.runNow(VISIT_PLAN_SWEEP)).toBe(0);
    const missed = await tp.platform.ctx.database.query(`select 1 from events where type = 'enterprise.visit_plan.missed' and payload->>'month' = '2030-03'`);
    expect(missed).toHaveLength(30);
  });

  it('the chief moves a building to another day within the month', async () => {
    const cov = (await agent.get('/api/v1/enterprise/visit-plans/2030-04')).json() as Coverage;
    const entry = cov.rows[0]!.plan!;
    expect((await chief.patch(`/api/v1/enterprise/visit-plans/entries/${entry.id}`, { plannedOn: '2030-05-02' })).statusCode).toBe(422);
    expect((await chief.patch(`/api/v1/enterprise/visit-plans/entries/${entry.id}`, { plannedOn: '2030-04-25', agentId: await userId(tp, 'qf05') })).statusCode).toBe(200);
    const again = (await agent.get('/api/v1/enterprise/visit-plans/2030-04')).json() as Coverage;
    expect(again.rows[0]!.plan).toMatchObject({ plannedOn: '2030-04-25', agent: { id: await userId(tp, 'qf05') } });
  });
});
