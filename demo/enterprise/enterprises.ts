// About 1,200 illustrative enterprises in the 31 office buildings (the source: the centre
// has brought in nearly 1,200; 8.5 projects of ten million yuan and about 30 of a
// million; 博华广场 hosts 30+ firms with a digital-entertainment cluster). Names are
// invented from syllables; credit codes are well-formed (GB 32100) but fictitious.
import type { Rng } from '../random.js';
import { personName, phone } from '../names.js';
import { withCheckChar, CREDIT_ALPHABET } from '../../src/modules/enterprise/domain/creditCode.js';
import type { DemoBuilding } from '../generate.js';

export interface GenContact {
  name: string;
  title: string;
  phone: string;
  email: string;
  primary: boolean;
  account?: string;
}

export interface GenEnterprise {
  name: string;
  creditCode: string;
  buildingCode: string;
  floor: number;
  room: string;
  industry: string;
  size: 'micro' | 'small' | 'medium' | 'large';
  stage: 'startup' | 'growth' | 'mature';
  projectTier: 'ten_million' | 'million' | null;
  settledOn: string;
  contacts: GenContact[];
  /** stage changes after settling in: [date, from, to] */
  stageChanges: [string, string, string][];
}

export const TOTAL_ENTERPRISES = 1200;
/** The enterprise of the listed demo enterprise user (ent, 郑怡). */
export const DEMO_ENTERPRISE = { name: '上海锦创网络科技有限公司', buildingCode: 'B-KDK', floor: 12, contact: '郑怡', account: 'ent' };

const SYLLABLES = ['华', '信', '达', '盛', '恒', '泰', '通', '联', '创', '智', '云', '汇', '新', '锦', '瑞', '博', '嘉', '源', '和', '宏', '岚', '启', '拓', '澜', '衡', '沐', '睿', '曜', '珩', '昊', '弘', '禾', '屹', '朗', '乾', '竹', '晟', '湃', '赫', '骏'];

const INDUSTRY_WEIGHTS: [string, number][] = [
  ['信息技术', 16],
  ['商务咨询', 14],
  ['贸易', 12],
  ['金融服务', 9],
  ['文化创意', 8],
  ['广告传媒', 7],
  ['数字娱乐', 5],
  ['教育培训', 5],
  ['会计税务', 5],
  ['法律服务', 4],
  ['医疗健康', 4],
  ['建筑设计', 4],
  ['人力资源', 4],
  ['物业管理', 2],
  ['餐饮', 1],
];

const NAME_FORMS: Record<string, string[]> = {
  信息技术: ['信息技术有限公司', '网络科技有限公司', '软件有限公司', '科技有限公司'],
  数字娱乐: ['数字娱乐有限公司', '互动娱乐有限公司', '游戏科技有限公司', '电竞文化有限公司'],
  金融服务: ['投资管理有限公司', '资产管理有限公司', '融资租赁有限公司', '保险经纪有限公司'],
  商务咨询: ['企业管理咨询有限公司', '商务咨询有限公司', '管理咨询有限公司'],
  文化创意: ['文化传播有限公司', '文化创意有限公司', '设计有限公司'],
  贸易: ['贸易有限公司', '进出口有限公司', '供应链管理有限公司'],
  法律服务: ['律师事务所'],
  会计税务: ['会计师事务所有限公司', '税务师事务所有限公司'],
  教育培训: ['教育科技有限公司', '培训有限公司'],
  医疗健康: ['医疗科技有限公司', '健康管理有限公司', '生物科技有限公司'],
  建筑设计: ['建筑设计有限公司', '工程咨询有限公司'],
  广告传媒: ['广告有限公司', '文化传媒有限公司'],
  人力资源: ['人力资源有限公司', '人才服务有限公司'],
  物业管理: ['物业管理有限公司'],
  餐饮: ['餐饮管理有限公司'],
};

const TITLES = ['行政经理', '财务负责人', '人事主管', '总经理助理', '法务专员', '创始人', '办公室主任'];

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

export function generateEnterprises(rng: Rng, buildings: DemoBuilding[], now: Date): GenEnterprise[] {
  const offices = buildings.filter((b) => b.kind === 'office').sort((a, b) => a.code.localeCompare(b.code));
  const fixed: Record<string, number> = { 'B-BH': 34, 'B-KDK': 72 };
  const rest = offices.filter((b) => !(b.code in fixed));
  const restTotal = TOTAL_ENTERPRISES - Object.values(fixed).reduce((s, n) => s + n, 0);
  const floorSum = rest.reduce((s, b) => s + b.floors, 0);
  const counts = new Map<string, number>(Object.entries(fixed));
  let assigned = 0;
  rest.forEach((b, i) => {
    const n = i === rest.length - 1 ? restTotal - assigned : Math.round((restTotal * b.floors) / floorSum);
    counts.set(b.code, n);
    assigned += n;
  });

  const used = new Set<string>([DEMO_ENTERPRISE.name]);
  const codes = new Set<string>();
  const nameFor = (industry: string) => {
    for (;;) {
      const n = `上海${rng.pick(SYLLABLES)}${rng.pick(SYLLABLES)}${rng.pick(NAME_FORMS[industry]!)}`;
      if (!used.has(n)) {
        used.add(n);
        return n;
      }
    }
  };
  const creditCode = () => {
    for (;;) {
      let body = '91310106';
      for (let i = 0; i < 9; i++) body += CREDIT_ALPHABET[rng.int(0, 30)];
      const code = withCheckChar(body);
      if (!codes.has(code)) {
        codes.add(code);
        return code;
      }
    }
  };

  const out: GenEnterprise[] = [];
  const startOf = Date.UTC(2016, 0, 1);
  const latest = now.getTime() - 20 * 86_400_000;
  for (const b of offices) {
    const topFloor = b.code === 'B-BH' ? 58 : b.floors;
    for (let k = 0; k < counts.get(b.code)!; k++) {
      // 博华广场: the digital-entertainment chain and finance of the source, as illustrative firms
      const industry = b.code === 'B-BH' ? (k < 12 ? '数字娱乐' : k < 18 ? '金融服务' : k < 24 ? '信息技术' : rng.weighted(INDUSTRY_WEIGHTS)) : rng.weighted(INDUSTRY_WEIGHTS);
      const settled = startOf + rng.next() * (latest - startOf);
      const ageYears = (now.getTime() - settled) / (365.25 * 86_400_000);
      const stage = ageYears < 1.5 ? (rng.chance(0.85) ? 'startup' : 'growth') : ageYears < 4.5 ? (rng.chance(0.7) ? 'growth' : rng.chance(0.5) ? 'startup' : 'mature') : rng.chance(0.6) ? 'mature' : 'growth';
      const size = stage === 'startup' ? rng.weighted([['micro', 70], ['small', 28], ['medium', 2]] as const) : stage === 'growth' ? rng.weighted([['micro', 25], ['small', 50], ['medium', 22], ['large', 3]] as const) : rng.weighted([['small', 30], ['medium', 45], ['large', 25]] as const);
      const floor = rng.int(2, topFloor);
      const changes: [string, string, string][] = [];
      if (stage !== 'startup') {
        const t1 = settled + (0.35 + rng.next() * 0.3) * (now.getTime() - settled) * (stage === 'mature' ? 0.5 : 1);
        changes.push([iso(t1), 'startup', 'growth']);
        if (stage === 'mature') changes.push([iso(t1 + (0.3 + rng.next() * 0.5) * (now.getTime() - t1)), 'growth', 'mature']);
      }
      const contacts: GenContact[] = [{ name: personName(rng), title: rng.pick(TITLES), phone: phone(rng), email: `contact${out.length + 1}@example.cn`, primary: true }];
      if (rng.chance(0.45)) contacts.push({ name: personName(rng), title: rng.pick(TITLES), phone: phone(rng), email: `office${out.length + 1}@example.cn`, primary: false });
      out.push({ name: nameFor(industry), creditCode: creditCode(), buildingCode: b.code, floor, room: `${floor}${String(rng.int(1, 12)).padStart(2, '0')}`, industry, size, stage, projectTier: null, settledOn: iso(settled), contacts, stageChanges: changes });
    }
  }
  // the listed enterprise user works here: a growing software firm in 凯迪克大厦
  const demo = out.findIndex((e) => e.buildingCode === DEMO_ENTERPRISE.buildingCode);
  out[demo] = {
    ...out[demo]!,
    name: DEMO_ENTERPRISE.name,
    floor: DEMO_ENTERPRISE.floor,
    room: '1208',
    industry: '信息技术',
    size: 'small',
    stage: 'growth',
    settledOn: iso(now.getTime() - 800 * 86_400_000),
    stageChanges: [[iso(now.getTime() - 200 * 86_400_000), 'startup', 'growth']],
    contacts: [{ name: DEMO_ENTERPRISE.contact, title: '行政经理', phone: '13900000008', email: 'zhengyi@example.cn', primary: true, account: DEMO_ENTERPRISE.account }],
  };
  // the source counts 8.5 landed projects of ten million yuan (one only partly) and about 30 of a million
  const big = out.map((e, i) => [e, i] as const).filter(([e]) => e.size === 'large' || e.size === 'medium');
  for (let i = 0; i < 9 && i < big.length; i++) big[Math.floor((i * big.length) / 9)]![0].projectTier = 'ten_million';
  let millions = 0;
  for (const e of out) if (!e.projectTier && e.size !== 'micro' && rng.chance(0.04) && millions < 30) (e.projectTier = 'million'), millions++;
  return out;
}
