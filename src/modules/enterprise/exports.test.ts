import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestPlatform, type Client, type TestPlatform } from '../../../test/harness.js';
import { demoEnterpriseId, itemId } from './testing.js';

let tp: TestPlatform;
let chief: Client;
const now = new Date('2026-11-20T10:00:00+08:00');

beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => now } });
  chief = await tp.as('chief');
});
afterAll(async () => tp?.close());

async function sheets(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => ({ name: ws.name, rows: ws.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : [])) as unknown[][] }));
}

describe('exports (xlsx)', () => {
  it('requests: one row per request matching the filter, in Chinese, times in Asia/Shanghai', async () => {
    const agent = await tp.as('agent');
    const { id, code } = (await agent.post('/api/v1/enterprise/requests', { enterpriseId: await demoEnterpriseId(tp), itemId: await itemId(agent, 'A1-02'), channel: 'window', description: '导出测试' })).json();
    const from = new Date('2026-11-20T00:00:00+08:00').toISOString();
    const res = await chief.get(`/api/v1/enterprise/requests/export.xlsx?from=${encodeURIComponent(from)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''%E4%BC%81%E4%B8%9A%E8%AF%89%E6%B1%82.xlsx");
    const [sheet] = await sheets(res.rawPayload);
    expect(sheet!.name).toBe('企业诉求');
    expect(sheet!.rows[0]!.slice(0, 6)).toEqual(['诉求编号', '企业', '楼宇', '服务大类', '服务小类', '服务事项']);
    const listed = (await chief.get(`/api/v1/enterprise/requests?from=${encodeURIComponent(from)}&pageSize=1`)).json();
    expect(sheet!.rows.length - 1).toBe(listed.total);
    const row = sheet!.rows.find((r) => r[0] === code)!;
    expect(row).toEqual(expect.arrayContaining(['上海锦创网络科技有限公司', '凯迪克大厦', '政务代办', '企业开办', '设立登记（营业执照办理）', '基础服务', '窗口', '代办专员 吴涛', '已受理', '2026-11-20 10:00', 5, '计时中', '0/3']));
    void id;
    // an enterprise user cannot export
    expect((await (await tp.as('ent')).get('/api/v1/enterprise/requests/export.xlsx')).statusCode).toBe(403);
  });

  it('monthly visit coverage: every office building with its plan and visits, and the visits sheet', async () => {
    const month = '2026-10';
    const res = await chief.get(`/api/v1/enterprise/visit-plans/${month}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    const [coverage, visits] = await sheets(res.rawPayload);
    expect(coverage!.name).toBe(`走访覆盖 ${month}`);
    expect(coverage!.rows[0]).toEqual(['楼宇编码', '楼宇', '地址', '计划日期', '责任专员', '计划状态', '本月走访', '走访次数', '最近走访', '在楼企业数', '走访企业数', '发现问题数', '转为诉求数']);
    expect(coverage!.rows).toHaveLength(32);
    const json = (await chief.get(`/api/v1/enterprise/visit-plans/${month}`)).json() as { covered: number; rows: { building: { name: string }; covered: boolean; visits: number }[] };
    expect(coverage!.rows.slice(1).filter((r) => r[6] === '是')).toHaveLength(json.covered);
    const kdk = coverage!.rows.find((r) => r[1] === '凯迪克大厦')!;
    expect(kdk[9]).toBe(72);
    expect(visits!.name).toBe('走访记录');
    expect(visits!.rows.length - 1).toBe(json.rows.reduce((s, r) => s + r.visits, 0));
    expect(String(visits!.rows[1]![0])).toMatch(/^2026-10-\d\d \d\d:\d\d$/);
  });
});

describe("the leader's view", () => {
  it('requests by category and stage, on-time rate, satisfaction, coverage; not for agents or enterprises', async () => {
    const res = await chief.get('/api/v1/enterprise/stats');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.byCategory.map((c: { name: string }) => c.name)).toEqual(['政务代办', '活动服务', '餐食服务', '第三方供应商']);
    expect(Object.keys(s.byCategory[0].byStatus).sort()).toEqual(['accepted', 'cancelled', 'completed', 'in_progress', 'submitted']);
    expect(s.totals.received).toBe(s.byCategory.reduce((a: number, c: { total: number }) => a + c.total, 0));
    expect(s.totals.onTimeRate).toBeGreaterThan(0.5);
    expect(s.totals.onTimeRate).toBeLessThanOrEqual(1);
    expect(s.totals.avgScore).toBeGreaterThanOrEqual(1);
    expect(s.scores.map((x: { score: number }) => x.score)).toEqual([1, 2, 3, 4, 5]);
    expect(s.byMonth).toHaveLength(6);
    expect(s.coverage).toMatchObject({ month: '2026-11', buildings: 31 });
    expect(s.coverage.notVisited.length).toBe(31 - s.coverage.covered);
    expect(s.byEnterpriseStage.map((x: { stage: string }) => x.stage).sort()).toEqual(['growth', 'mature', 'startup']);
    expect((await (await tp.as('agent')).get('/api/v1/enterprise/stats')).statusCode).toBe(403);
    expect((await (await tp.as('ent')).get('/api/v1/enterprise/stats')).statusCode).toBe(403);
    expect((await (await tp.as('district')).get('/api/v1/enterprise/stats')).statusCode).toBe(200);
  });
});
