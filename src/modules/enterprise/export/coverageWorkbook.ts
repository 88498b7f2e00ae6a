// The monthly visit coverage export (月月进楼): one row per office building — planned
// day and agent, visits made, enterprises met, findings — and a second sheet listing the
// visits themselves.
import type { CoverageRow } from '../queries/visits.js';
import { addSheet, localTime, newWorkbook, toBuffer, type Column } from './workbook.js';

interface VisitRow {
  id: number;
  building: { name: string };
  visitedAt: string;
  agents: { name: string }[];
  enterprises: { name: string }[];
  findings: { kind: string; description: string; requestId: number | null; streetProblemId: number | null }[];
  summary: string;
}

const PLAN: Record<string, string> = { planned: '已计划', done: '已走访', missed: '未走访（逾期）' };

const COVERAGE: Column<CoverageRow>[] = [
  { zh: '楼宇编码', en: 'Building code', value: (r) => r.building.code },
  { zh: '楼宇', en: 'Building', width: 22, value: (r) => r.building.name },
  { zh: '地址', en: 'Address', width: 24, value: (r) => r.building.address },
  { zh: '计划日期', en: 'Planned day', width: 12, value: (r) => r.plan?.plannedOn ?? '' },
  { zh: '责任专员', en: 'Agent', value: (r) => r.plan?.agent?.name ?? '' },
  { zh: '计划状态', en: 'Plan status', value: (r) => (r.plan ? (PLAN[r.plan.status] ?? r.plan.status) : '未列入计划') },
  { zh: '本月走访', en: 'Visited this month', value: (r) => (r.covered ? '是' : '否') },
  { zh: '走访次数', en: 'Visits', value: (r) => r.visits },
  { zh: '最近走访', en: 'Last visit (Asia/Shanghai)', width: 18, value: (r) => localTime(r.lastVisitAt) },
  { zh: '在楼企业数', en: 'Enterprises in the building', value: (r) => r.enterprisesInBuilding },
  { zh: '走访企业数', en: 'Enterprises met', value: (r) => r.enterprisesMet },
  { zh: '发现问题数', en: 'Findings', value: (r) => r.findings },
  { zh: '转为诉求数', en: 'Findings turned into requests', value: (r) => r.requestsFromFindings },
];

const KIND: Record<string, string> = { need: '企业需求', street_problem: '街面问题', other: '其他' };

const VISITS: Column<VisitRow>[] = [
  { zh: '走访时间', en: 'Visited at (Asia/Shanghai)', width: 18, value: (v) => localTime(v.visitedAt) },
  { zh: '楼宇', en: 'Building', width: 22, value: (v) => v.building.name },
  { zh: '走访人员', en: 'Staff', width: 20, value: (v) => v.agents.map((a) => a.name).join('、') },
  { zh: '走访企业', en: 'Enterprises met', width: 40, value: (v) => v.enterprises.map((e) => e.name).join('、') },
  { zh: '发现问题', en: 'Findings', width: 50, value: (v) => v.findings.map((f) => `【${KIND[f.kind] ?? f.kind}】${f.description}`).join('；') },
  { zh: '情况摘要', en: 'Summary', width: 40, value: (v) => v.summary },
];

export async function coverageWorkbook(month: string, rows: CoverageRow[], visits: VisitRow[]): Promise<Buffer> {
  const wb = newWorkbook(`月月进楼走访覆盖 ${month}`);
  addSheet(wb, `走访覆盖 ${month}`, COVERAGE, rows);
  addSheet(wb, '走访记录', VISITS, visits);
  return toBuffer(wb);
}
