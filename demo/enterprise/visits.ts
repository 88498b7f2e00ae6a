// 月月进楼 history: a plan for every month (each office building on a working day, the
// agents taking turns), the visits made (enterprises met, findings; some needs turned
// into requests, a few street problems), and this month's plan half done. Plus the
// centre's events with registrations and attendance.
import type { Rng } from '../random.js';
import type { WorkingCalendar } from '../../src/core/calendar/index.js';
import { localDate, dayStart } from '../../src/core/calendar/index.js';
import { planMonth, workingDaysLeft } from '../../src/modules/enterprise/domain/visitPlan.js';
import { monthsBetween } from '../../src/modules/enterprise/domain/stats.js';
import { personName, phone } from '../names.js';
import type { EventInput } from '../../src/modules/enterprise/commands/createEvent.js';

export interface VisitBuilding {
  id: number;
  code: string;
  name: string;
  address: string;
  lng: number;
  lat: number;
  enterprises: number[];
}

export interface GenPlan {
  month: string;
  buildingId: number;
  plannedOn: string;
  agentId: number | null;
  status: 'planned' | 'done' | 'missed';
}

export interface GenFinding {
  kind: 'need' | 'street_problem' | 'other';
  description: string;
  enterpriseId: number | null;
  itemId: number | null;
  /** the need becomes a request */
  convert: boolean;
  street?: { categoryHint: string; description: string; lng: number; lat: number; address: string };
}

export interface GenVisit {
  planIndex: number | null;
  building: VisitBuilding;
  visitedAt: Date;
  agentIds: number[];
  enterpriseIds: number[];
  summary: string;
  findings: GenFinding[];
}

const SUMMARIES = ['走访楼宇物业与入驻企业，宣传企业服务清单和“一网通办”', '了解企业经营情况和用工需求，发放惠企政策汇编', '与楼宇党群站联合走访，收集企业诉求', '重点走访新入驻企业，介绍开办后续服务', '走访楼宇重点企业，了解扩租和融资需求'];
const NEEDS = ['咨询高新技术企业认定条件', '希望协助办理员工落户', '计划扩大办公面积，需要选址推荐', '新招聘员工需办理社保增员', '希望对接融资渠道', '需要办理经营范围变更', '咨询稳岗补贴申领', '希望参加税收新政解读会'];
const OTHERS = ['反映楼宇电梯高峰期等候时间长，已转物业', '建议增加午间白领活动', '反映周边停车难', '对企业服务中心的服务表示满意'];
const STREET: [string, string][] = [
  ['03007', '大楼入口处店招倾斜，存在坠落隐患'],
  ['09010', '楼前人行道非机动车乱停放，影响通行'],
  ['09012', '后巷消防通道被杂物堵塞'],
  ['07006', '楼宇外墙广告牌破损'],
];

export function generateVisits(rng: Rng, cal: WorkingCalendar, now: Date, fromMonth: string, buildings: VisitBuilding[], agents: number[], chief: number, needItems: number[]): { plans: GenPlan[]; visits: GenVisit[] } {
  const today = localDate(now);
  const thisMonth = today.slice(0, 7);
  const plans: GenPlan[] = [];
  const visits: GenVisit[] = [];
  for (const month of monthsBetween(fromMonth, thisMonth)) {
    const entries = planMonth(
      buildings.map((b) => b.id),
      agents,
      workingDaysLeft(cal, month, `${month}-01`),
    );
    entries.forEach((p, i) => {
      const b = buildings[i]!;
      const past = p.plannedOn < today;
      const visited = past && rng.chance(month === thisMonth ? 0.9 : 0.94);
      plans.push({ month, ...p, status: visited ? 'done' : month < thisMonth ? 'missed' : 'planned' });
      if (!visited) return;
      const visitedAt = new Date(dayStart(p.plannedOn) + (9.5 + rng.next() * 6.5) * 3600_000);
      if (visitedAt >= now) return;
      visits.push(makeVisit(rng, plans.length - 1, b, visitedAt, [p.agentId ?? chief, ...(rng.chance(0.25) ? [chief] : [])], needItems));
      // now and then a building gets a second visit in the month
      if (rng.chance(0.05)) {
        const again = new Date(visitedAt.getTime() + rng.int(2, 9) * 86_400_000);
        if (again < now && localDate(again).slice(0, 7) === month) visits.push(makeVisit(rng, null, b, again, [p.agentId ?? chief], needItems));
      }
    });
  }
  return { plans, visits };
}

function makeVisit(rng: Rng, planIndex: number | null, b: VisitBuilding, visitedAt: Date, agentIds: number[], needItems: number[]): GenVisit {
  const met = [...new Set(Array.from({ length: Math.min(b.enterprises.length, rng.int(2, 6)) }, () => rng.pick(b.enterprises)))];
  const findings: GenFinding[] = [];
  const n = rng.weighted([[0, 30], [1, 45], [2, 25]] as const);
  for (let i = 0; i < n; i++) {
    const kind = rng.weighted([['need', 70], ['other', 22], ['street_problem', 8]] as const);
    if (kind === 'need') findings.push({ kind, description: rng.pick(NEEDS), enterpriseId: met.length ? rng.pick(met) : null, itemId: rng.pick(needItems), convert: met.length > 0 && rng.chance(0.45) });
    else if (kind === 'other') findings.push({ kind, description: rng.pick(OTHERS), enterpriseId: null, itemId: null, convert: false });
    else {
      const [code, text] = rng.pick(STREET);
      findings.push({ kind, description: text, enterpriseId: null, itemId: null, convert: false, street: { categoryHint: code, description: text, lng: b.lng + (rng.next() - 0.5) * 0.0004, lat: b.lat + (rng.next() - 0.5) * 0.0004, address: b.address } });
    }
  }
  return { planIndex, building: b, visitedAt, agentIds: [...new Set(agentIds)], enterpriseIds: met, summary: rng.pick(SUMMARIES), findings };
}

export interface GenEvent extends EventInput {
  registrations: { enterpriseId: number; attendeeName: string; attendeePhone: string; registeredAt: Date; attended: boolean | null }[];
}

const EVENTS: [GenEvent['kind'], string, string][] = [
  ['promotion', '新办企业政策宣讲会', '开办后第一年的政策、税务和社保要点'],
  ['training', '财务人员实务培训：数电发票', '数电发票开具、查验与入账'],
  ['networking', '苏河湾数字文娱产业链对接会', '游戏研发、发行、电竞与周边企业面对面'],
  ['training', '人力资源合规培训', '劳动合同、社保与用工风险防范'],
  ['promotion', '人才政策进楼宇', '落户、居住证积分与人才公寓政策解读'],
  ['networking', '楼宇白领午间联谊会', '白领交友与兴趣社团'],
  ['training', '企业消防安全培训与演练', '消防器材使用与疏散演练'],
  ['promotion', '税收新政解读会', '小微企业税收优惠政策解读'],
  ['networking', '企业家沙龙：出海与跨境', '跨境业务的合规与融资'],
  ['training', '数字化转型工作坊', '中小企业数字化工具实操'],
];
const PLACES = ['企业服务中心（慈溪路211号）多功能厅', '凯迪克大厦党群服务站', '博华广场会议中心', '恒基668广场路演厅'];

export function generateEvents(rng: Rng, now: Date, fromMonth: string, enterprises: number[], demoEnterprise: number): GenEvent[] {
  const out: GenEvent[] = [];
  const start = Date.parse(`${fromMonth}-01T00:00:00+08:00`);
  let i = 0;
  // two or three a month in the past, four announced for the coming weeks
  for (let t = start + 5 * 86_400_000; t < now.getTime() + 35 * 86_400_000; t += rng.int(9, 15) * 86_400_000, i++) {
    const [kind, title, description] = EVENTS[i % EVENTS.length]!;
    const dow = new Date(t + 8 * 3600_000).getUTCDay();
    if (dow === 0 || dow === 6) t += (dow === 6 ? 2 : 1) * 86_400_000;
    const startsAt = new Date(dayStart(localDate(new Date(t))) + (rng.chance(0.5) ? 14 : 10) * 3600_000);
    const capacity = rng.pick([30, 40, 60, 80, 120]);
    const past = startsAt < now;
    const fill = past ? 0.45 + rng.next() * 0.5 : 0.1 + rng.next() * 0.5;
    const regs: GenEvent['registrations'] = [];
    for (let k = 0; k < Math.floor(capacity * fill); k++) {
      const registeredAt = new Date(Math.min(startsAt.getTime(), now.getTime()) - rng.int(1, 10) * 86_400_000);
      regs.push({ enterpriseId: rng.pick(enterprises), attendeeName: personName(rng), attendeePhone: phone(rng), registeredAt, attended: past ? rng.chance(0.82) : null });
    }
    if (i % 3 === 0) regs.push({ enterpriseId: demoEnterprise, attendeeName: '郑怡', attendeePhone: '13900000008', registeredAt: new Date(Math.min(startsAt.getTime(), now.getTime()) - 3 * 86_400_000), attended: past ? true : null });
    out.push({ kind, title, description, place: rng.pick(PLACES), startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000), capacity: Math.max(capacity, regs.length), registrations: regs });
  }
  return out;
}
