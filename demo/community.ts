// Demo data of community co-governance, after the facts in the source: the 凯迪克大厦
// lift renovation (whole-building consultation passed 100%, maintenance fund 8% short,
// a cost-sharing plan agreed with the large owners and the property company, 4 of 6
// lifts done), 嘉发大厦's building convention being drafted, 恒丰大楼's residents'
// convention, the 新福康里 garden, the 恒丰 letter-box room, 张家宅 toilets, 祥福's
// lane parlour and the 新闸路/石门二路 pocket park. Two votes are open for the demo owner:
// a lift addition in 新福康里 1号楼 and the use of 凯迪克's lobby. Other people's ballots
// are paper ballots recorded by the committee; nobody else votes online in the demo.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Tx } from '../src/core/db/index.js';
import type { DemoData } from './generate.js';
import type { DemoExtension, DemoIds } from './extensions.js';
import { Rng, DEMO_SEED } from './random.js';
import {
  ballots,
  committeeMeetings,
  committeeMembers,
  consultationElectors,
  consultations,
  conventionAcks,
  conventions,
  conventionVersions,
  costPlans,
  costPlanShares,
  finaliseResult,
  formatHundredths,
  freezeElectorate,
  projectAdoptions,
  projectMilestones,
  projectPledges,
  renewalProjects,
  splitCost,
  splitUnitsOf,
} from '../src/modules/community/index.js';

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);
type Choice = 'agree' | 'disagree' | 'abstain';

interface Ctx {
  tx: Tx;
  data: DemoData;
  tenantId: string;
  ids: DemoIds;
  rng: Rng;
  user: (u: string) => number;
  dept: (c: string) => number;
  building: (c: string) => number;
  area: (c: string) => number;
}

async function openVote(c: Ctx, v: { title: string; description: string; matter: string; buildingCode: string; committee: string; openedAt: Date; closesAt: Date; planId?: number }): Promise<number> {
  const buildingId = c.building(v.buildingCode);
  const [row] = await c.tx
    .insert(consultations)
    .values({ tenantId: c.tenantId, publicCode: randomBytes(9).toString('base64url'), title: v.title, description: v.description, matter: v.matter, scopeKind: 'building', buildingId, committeeId: c.dept(v.committee), status: 'open', openedAt: v.openedAt, closesAt: v.closesAt, planId: v.planId ?? null, createdBy: c.user(v.committee === 'LW-KDK' ? 'kdk' : 'committee'), createdAt: new Date(v.openedAt.getTime() - 3 * DAY) })
    .returning({ id: consultations.id });
  const totals = await freezeElectorate(c.tx, c.tenantId, row!.id, { buildingId, areaId: null }, 'per_holder');
  await c.tx.update(consultations).set({ electorateUnits: totals.units, electorateHeads: totals.heads, electorateArea: totals.areaCents }).where(eq(consultations.id, row!.id));
  return row!.id;
}

/** Paper ballots for a share of the heads (one choice per holder), recorded by `by`. */
async function paperBallots(c: Ctx, consultationId: number, opts: { share: number; choose: () => Choice; by: string; prefix: string; from: Date; to: Date; skipOwner?: number }): Promise<void> {
  const electors = await c.tx.select().from(consultationElectors).where(eq(consultationElectors.consultationId, consultationId));
  const choiceOf = new Map<number, Choice | null>();
  for (const e of electors) {
    if (choiceOf.has(e.headKey)) continue;
    const skip = opts.skipOwner !== undefined && e.ownerIds.includes(opts.skipOwner);
    choiceOf.set(e.headKey, !skip && c.rng.chance(opts.share) ? opts.choose() : null);
  }
  let n = 0;
  const span = opts.to.getTime() - opts.from.getTime();
  const rows = electors
    .filter((e) => choiceOf.get(e.headKey))
    .sort((a, b) => a.unitId - b.unitId)
    .map((e) => ({ tenantId: c.tenantId, consultationId, unitId: e.unitId, headKey: e.headKey, area: e.area, choice: choiceOf.get(e.headKey)!, channel: 'paper', paperRef: `${opts.prefix}-${String(++n).padStart(3, '0')}`, castBy: c.user(opts.by), castAt: new Date(opts.from.getTime() + Math.floor(c.rng.next() * span)) }));
  for (let i = 0; i < rows.length; i += 1000) await c.tx.insert(ballots).values(rows.slice(i, i + 1000));
}

async function kdkLifts(c: Ctx, demoOwner: number): Promise<void> {
  const buildingId = c.building('B-KDK');
  // the plan agreed after several rounds with the large owners and the property company
  const units = await splitUnitsOf(c.tx, c.tenantId, buildingId);
  const counts = new Map<number, number>();
  for (const u of units) for (const o of u.ownerIds) counts.set(o, (counts.get(o) ?? 0) + 1);
  const big = [...counts.entries()].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 3).map(([o]) => o);
  const plan = { totalCents: 360_000_000n, fundCents: 331_200_000n, propertyCents: 3_000_000n, fixed: big.map((ownerId) => ({ ownerId, amountCents: 4_000_000n })), formula: 'area' as const, floorWeights: [] };
  const split = splitCost(plan, units);
  if (Array.isArray(split)) throw new Error(`demo plan: ${JSON.stringify(split)}`);
  const [p] = await c.tx
    .insert(costPlans)
    .values({
      tenantId: c.tenantId,
      buildingId,
      title: '凯迪克大厦电梯改造出资方案',
      description: '6 部电梯整体改造升级，总费用 360 万元。大楼维修基金可承担 92%，尚有 8%（28.8 万元）未到位：物业公司出资 3 万元，三家大业主各承担 4 万元，其余按产权面积由各业主分摊。',
      total: plan.totalCents,
      fund: plan.fundCents,
      property: plan.propertyCents,
      fixedShares: big.map((ownerId) => ({ ownerId, amount: formatHundredths(4_000_000n), note: '大业主协商确定' })),
      formula: 'area',
      floorWeights: [],
      status: 'voting',
      version: 3,
      createdBy: c.user('kdk'),
      createdAt: at('2023-04-10T02:00:00Z'),
      updatedAt: at('2023-05-04T02:00:00Z'),
    })
    .returning({ id: costPlans.id });
  await c.tx.insert(costPlanShares).values(split.shares.map((s) => ({ tenantId: c.tenantId, planId: p!.id, unitId: s.unitId, amount: s.amountCents, basis: s.basis, ownerId: s.ownerId })));

  // the whole-building consultation: every owner agreed
  const lift = await openVote(c, { title: '凯迪克大厦电梯改造及出资方案征询', description: '对 6 部电梯进行改造升级，并按所附出资方案分摊维修基金缺口。', matter: 'rebuild', buildingCode: 'B-KDK', committee: 'LW-KDK', openedAt: at('2023-05-08T01:00:00Z'), closesAt: at('2023-05-22T09:30:00Z'), planId: p!.id });
  await paperBallots(c, lift, { share: 1, choose: () => 'agree', by: 'kdk', prefix: 'KDK-DT', from: at('2023-05-08T02:00:00Z'), to: at('2023-05-22T08:00:00Z') });
  const [row] = await c.tx.select().from(consultations).where(eq(consultations.id, lift));
  const result = await finaliseResult(c.tx, row!, at('2023-05-22T09:30:00Z'));
  await c.tx.update(costPlans).set({ status: result.decision.passed ? 'adopted' : 'rejected' }).where(eq(costPlans.id, p!.id));

  // open now: a café terrace in the lobby (a change of use of common parts, item 8)
  const now = Date.now();
  const lobby = await openVote(c, { title: '大堂共有部分设置白领餐厅外摆区征询', description: '拟利用一层大堂东侧共有部分约 60 平方米设置白领餐厅外摆区，收益纳入维修基金。', matter: 'common_use', buildingCode: 'B-KDK', committee: 'LW-KDK', openedAt: new Date(now - 3 * DAY), closesAt: new Date(now + 11 * DAY) });
  await paperBallots(c, lobby, { share: 0.35, choose: () => c.rng.weighted<Choice>([['agree', 7], ['disagree', 2], ['abstain', 1]]), by: 'kdk', prefix: 'KDK-WB', from: new Date(now - 3 * DAY), to: new Date(now - DAY / 2), skipOwner: demoOwner });

  // the renovation itself: 4 of 6 lifts done
  const [proj] = await c.tx
    .insert(renewalProjects)
    .values({ tenantId: c.tenantId, kind: 'renovation', title: '凯迪克大厦电梯改造升级', description: '1997 年建成的老楼，电梯设施陈旧、存在安全隐患；楼委会组织全楼征询 100% 通过，协调大业主与物业达成出资方案。', buildingId, location: '江宁路212号', budget: 360_000_000n, committeeIds: [c.dept('LW-KDK')], status: 'in_progress', proposedBy: c.user('kdk'), decidedBy: c.user('admin'), startedAt: at('2023-07-01T01:00:00Z'), createdAt: at('2023-04-01T01:00:00Z'), updatedAt: at('2024-03-20T01:00:00Z') })
    .returning({ id: renewalProjects.id });
  await c.tx.insert(projectMilestones).values(
    [1, 2, 3, 4, 5, 6].map((n) => ({ tenantId: c.tenantId, projectId: proj!.id, title: `${n} 号电梯改造完成`, sort: n, dueOn: `2024-${String(n * 2).padStart(2, '0')}-28`, doneAt: n <= 4 ? at(`2024-0${Math.min(n * 2, 9)}-20T08:00:00Z`) : null })),
  );
}

async function committeesAndMeetings(c: Ctx): Promise<void> {
  const m = (committee: string, name: string, role: string, represents: string, user?: string, since = '2022-01-01') => ({ tenantId: c.tenantId, committeeId: c.dept(committee), name, role, represents, userId: user ? c.user(user) : null, since });
  await c.tx.insert(committeeMembers).values([
    m('LW-KDK', '宣旭', 'convenor', '楼委会召集人', 'kdk'),
    m('LW-KDK', '楼宇党群工作站 沈老师', 'secretary', '楼宇党委'),
    m('LW-KDK', '物业项目经理 何先生', 'member', '物业服务企业'),
    m('LW-KDK', '大业主代表 周女士', 'member', '业主代表'),
    m('LW-KDK', '入驻企业代表 陆先生', 'member', '企业代表'),
    m('JW-XFKL', '魏瑛', 'convenor', '居民区党总支书记', 'committee'),
    m('JW-XFKL', '楼组长 陈阿姨', 'member', '楼组长'),
    m('JW-XFKL', '志愿者 李爷叔', 'member', '居民代表'),
    m('JW-HF', '恒丰居委会主任', 'convenor', '居委会'),
    m('JW-HF', '楼组长 王阿姨', 'member', '楼组长'),
    m('JW-DW', '蔡琪', 'convenor', '居民区党总支书记'),
    m('JW-DW', '嘉发大厦业委会代表', 'member', '业主委员会'),
    m('JW-DW', '商户代表 朱先生', 'member', '商户'),
    m('JWH', '凤阳路商户代表', 'convenor', '沿街商户'),
    m('JWH', '奉贤路商户代表', 'member', '沿街商户'),
  ]);
  const meet = (committee: string, title: string, heldAt: string, agenda: string[], minutes: string | null, decisions: string[], attendees: string[], by: string) => ({ tenantId: c.tenantId, committeeId: c.dept(committee), title, heldAt: at(heldAt), place: committee.startsWith('LW') ? '大楼会议室' : '居委会议事厅', agenda, minutes, decisions, attendees, createdBy: c.user(by), createdAt: at(heldAt), updatedAt: at(heldAt) });
  await c.tx.insert(committeeMeetings).values([
    meet('LW-KDK', '电梯改造情况说明会', '2023-04-12T06:00:00Z', ['电梯现状与安全隐患', '改造方案'], '物业介绍 6 部电梯现状，与会业主同意启动全楼征询。', ['启动全楼征询', '维修基金缺口另行协商'], ['宣旭', '沈老师', '何先生', '周女士'], 'kdk'),
    meet('LW-KDK', '出资方案第三轮磋商', '2023-05-04T06:00:00Z', ['维修基金 8% 缺口的分担'], '物业出资 3 万元，三家大业主各承担 4 万元，其余按面积分摊。', ['出资方案定稿，随征询一并表决'], ['宣旭', '何先生', '周女士', '陆先生'], 'kdk'),
    meet('JW-XFKL', '花园改造议事会', '2023-03-15T06:00:00Z', ['80 平方米公共空间改造', '认捐与养护'], '居民提出出盆栽、出资金、负责维护。', ['采用花园绿地方案', '绿植认领挂牌'], ['魏瑛', '陈阿姨', '李爷叔'], 'committee'),
    meet('JW-XFKL', '1号楼加装电梯意见征询动员会', new Date(Date.now() - 8 * DAY).toISOString(), ['加装电梯方案', '征询安排'], null, [], [], 'committee'),
    meet('JW-DW', '楼宇公约起草小会', new Date(Date.now() - 2 * DAY).toISOString(), ['群租、短租管理', '夜间噪音', '楼道堆物'], '业委会、居民、商户逐条讨论。', ['形成公约初稿'], ['蔡琪', '业委会代表', '朱先生'], 'admin'),
  ]);
}

async function conventionsDemo(c: Ctx): Promise<void> {
  const jf = [c.building('B-JF'), c.building('B-JF-R')];
  const [draft] = await c.tx.insert(conventions).values({ tenantId: c.tenantId, kind: 'building_convention', title: '嘉发大厦楼宇公约', buildingIds: jf, committeeId: c.dept('JW-DW'), createdBy: c.user('admin'), createdAt: new Date(Date.now() - 20 * DAY) }).returning({ id: conventions.id });
  await c.tx.insert(conventionVersions).values({ tenantId: c.tenantId, conventionId: draft!.id, version: 1, status: 'drafting', changeNote: '业委会、居民、商户共商初稿', createdBy: c.user('admin'), body: '嘉发大厦楼宇公约（讨论稿）\n第一条 房屋出租须向物业登记，不得群租，短租须遵守治安管理规定。\n第二条 每日 22:00 至次日 7:00 不得装修施工或制造噪音。\n第三条 楼道、消防通道不得堆物，电动自行车不得进楼充电。\n第四条 商户与住户共同维护大堂与电梯的整洁。' });
  const [hb] = await c.tx.insert(conventions).values({ tenantId: c.tenantId, kind: 'handbook', title: '嘉发大厦住户手册', buildingIds: jf, committeeId: c.dept('JW-DW'), createdBy: c.user('admin') }).returning({ id: conventions.id });
  await c.tx.insert(conventionVersions).values({ tenantId: c.tenantId, conventionId: hb!.id, version: 1, status: 'drafting', createdBy: c.user('admin'), body: '住户手册（编写中）：入住登记、装修申报、垃圾分类、文明养宠、邻里公约……' });

  const hf = c.building('B-HFBL');
  const [conv] = await c.tx.insert(conventions).values({ tenantId: c.tenantId, kind: 'residents_convention', title: '恒丰大楼（北楼）居民公约', buildingIds: [hf], committeeId: c.dept('JW-HF'), createdBy: c.user('admin'), createdAt: at('2023-06-01T02:00:00Z') }).returning({ id: conventions.id });
  const [v] = await c.tx
    .insert(conventionVersions)
    .values({ tenantId: c.tenantId, conventionId: conv!.id, version: 1, status: 'published', publishedAt: at('2023-07-01T02:00:00Z'), createdBy: c.user('admin'), body: '恒丰大楼居民公约\n一、爱护信报箱房会客厅，共同养护绿植。\n二、低碳生活，随手关灯，节约用水。\n三、楼道不堆物，电动车不进楼。\n四、邻里互助，关心高龄独居老人。' })
    .returning({ id: conventionVersions.id });
  const flats = c.ids.unitIds.filter((_, i) => c.data.units[i]!.buildingCode === 'B-HFBL');
  const acked = flats.filter(() => c.rng.chance(0.62));
  await c.tx.insert(conventionAcks).values(acked.map((unitId) => ({ tenantId: c.tenantId, versionId: v!.id, unitId, channel: 'paper', recordedBy: c.user('admin'), at: new Date(at('2023-07-01T02:00:00Z').getTime() + Math.floor(c.rng.next() * 60 * DAY)) })));
}

async function project(c: Ctx, p: { kind: string; title: string; description: string; area: string; building?: string; location: string; sizeM2?: number; budget?: bigint; committees: string[]; status: string; milestones: [string, boolean][]; pledges: [string, string, string, { quantity?: number; amount?: bigint; hours?: number }][]; adoptions: [string, string, string][]; created: string }): Promise<void> {
  const [row] = await c.tx
    .insert(renewalProjects)
    .values({ tenantId: c.tenantId, kind: p.kind, title: p.title, description: p.description, areaId: c.area(p.area), buildingId: p.building ? c.building(p.building) : null, location: p.location, sizeM2: p.sizeM2 ?? null, budget: p.budget ?? null, committeeIds: p.committees.map(c.dept), status: p.status, proposedBy: c.user('committee'), decidedBy: p.status === 'proposed' ? null : c.user('admin'), startedAt: ['in_progress', 'done'].includes(p.status) ? at(p.created) : null, doneAt: p.status === 'done' ? new Date(at(p.created).getTime() + 75 * DAY) : null, createdAt: at(p.created), updatedAt: at(p.created) })
    .returning({ id: renewalProjects.id });
  const id = row!.id;
  if (p.milestones.length) await c.tx.insert(projectMilestones).values(p.milestones.map(([title, done], i) => ({ tenantId: c.tenantId, projectId: id, title, sort: i + 1, doneAt: done ? new Date(at(p.created).getTime() + (i + 1) * 10 * DAY) : null })));
  if (p.pledges.length) await c.tx.insert(projectPledges).values(p.pledges.map(([kind, pledger, description, x]) => ({ tenantId: c.tenantId, projectId: id, kind, pledger, description, quantity: x.quantity ?? null, amount: x.amount ?? null, hours: x.hours ?? null, fulfilled: p.status === 'done' })));
  if (p.adoptions.length) await c.tx.insert(projectAdoptions).values(p.adoptions.map(([item, adopter, note]) => ({ tenantId: c.tenantId, projectId: id, item, adopter, note, since: p.created.slice(0, 10) })));
}

async function projects(c: Ctx): Promise<void> {
  await project(c, {
    kind: 'sanwei', title: '新福康里花园绿地', area: 'XFKL', location: '小区内原斑驳公共空间', sizeM2: 80, budget: 1_500_000n, committees: ['JW-XFKL', 'JWH'], status: 'done', created: '2023-03-20T02:00:00Z',
    description: '依托街道“三微”项目，将近 80 平方米斑驳不堪的公共空间打造成花园绿地，添置木椅，供居民休憩和健康讲座使用。居委会、楼委会、街委会联动完成。',
    milestones: [['清理杂物、平整场地', true], ['铺设绿地与花坛', true], ['添置木椅', true], ['绿植认领挂牌', true]],
    pledges: [['plants', '陈阿姨', '月季、绣球盆栽', { quantity: 6 }], ['plants', '3号楼居民', '绿萝、吊兰', { quantity: 10 }], ['money', '居民集资', '购置木椅', { amount: 320_000n }], ['labour', '李爷叔', '每日浇水养护', { hours: 120 }], ['materials', '沿街商户（街委会）', '花坛砖石', {}]],
    adoptions: [['月季花坛', '李爷叔', '每天清晨浇水'], ['绣球一组', '陈阿姨', '挂牌认养'], ['木椅两张', '楼组志愿者', '定期擦拭']],
  });
  await project(c, {
    kind: 'lead_one', title: '恒丰大楼信报箱房“会客厅”', area: 'HF', building: 'B-HFBL', location: '恒丰大楼（北楼）一层信报箱房', committees: ['JW-HF'], status: 'done', created: '2023-05-10T02:00:00Z',
    description: '信报箱房原本照明昏暗、管线杂乱。通过“居民自治委员会”平台集思广益：楼顶安装节能 LED 灯，居民捐出的废弃木材改装成绿植背景墙，妇女之家手工制作坐垫，划分“楼组志愿星”“楼组好家风”“低碳楼组科普角”三个区域。',
    milestones: [['安装节能 LED 灯', true], ['废旧木材改装绿植背景墙', true], ['“楼组志愿星”“楼组好家风”“低碳楼组科普角”上墙', true]],
    pledges: [['materials', '居民', '废弃木材', {}], ['labour', '妇女之家', '手工小坐垫', { quantity: 12 }], ['labour', '摄影爱好者居民', '会客厅照片', {}], ['plants', '楼组居民', '绿植', { quantity: 15 }]],
    adoptions: [['信报箱房绿植', '爷叔（楼组志愿者）', '署名挂牌，每天浇水'], ['低碳科普角', '王心怡', '小小低碳科普宣传员']],
  });
  await project(c, {
    kind: 'lead_one', title: '张家宅公共厕所节水低碳改造', area: 'ZJZ', location: '张家宅公共厕所', committees: ['JW-ZJZ'], status: 'in_progress', created: '2024-02-26T02:00:00Z',
    description: '更换节水型坐便，改装新型低碳波纹排污管，从实际出发宣传绿色生活理念。',
    milestones: [['更换节水型坐便', true], ['改装低碳波纹排污管', false], ['绿色生活宣传', false]],
    pledges: [['labour', '居民志愿者', '施工期间秩序引导', { hours: 30 }]],
    adoptions: [],
  });
  await project(c, {
    kind: 'lead_one', title: '祥福弄堂客堂间会客厅', area: 'XF', location: '原堆满杂物的弄堂客堂间', committees: ['JW-XF'], status: 'approved', created: '2024-03-05T02:00:00Z',
    description: '发动居民、社区单位将堆满杂物的弄堂客堂间打造成颇具特色的会客厅。',
    milestones: [['清运杂物', false], ['布置会客厅', false]],
    pledges: [['materials', '社区单位', '桌椅与书架', {}], ['labour', '居民', '清运杂物', { hours: 16 }]],
    adoptions: [],
  });
  await project(c, {
    kind: 'sanwei', title: '新闸路石门二路转角口袋公园', area: 'XFKL', location: '新闸路、石门二路转角', committees: ['JW-XFKL', 'JWH'], status: 'proposed', created: '2024-04-01T02:00:00Z',
    description: '在转角处打造街区口袋公园，让周边居民推窗见绿、抬头见景、移步闻香，享受 15 分钟可触达的美好生活。',
    milestones: [['方案设计', false], ['居民意见征询', false], ['施工', false]],
    pledges: [['plants', '沿街商户', '门前花箱', { quantity: 8 }]],
    adoptions: [],
  });
}

export const communityDemo: DemoExtension = {
  name: 'community',
  async load(tx: Tx, data: DemoData, ids: DemoIds) {
    const c: Ctx = {
      tx,
      data,
      tenantId: ids.tenantId,
      ids,
      rng: new Rng(DEMO_SEED).fork('community'),
      user: (u) => ids.userId.get(u)!,
      dept: (d) => ids.departmentId.get(d)!,
      building: (b) => ids.buildingId.get(b)!,
      area: (a) => ids.areaId.get(a)!,
    };
    const demoOwner = ids.ownerIds[data.owners.findIndex((o) => o.account === 'owner')]!;
    await committeesAndMeetings(c);
    await kdkLifts(c, demoOwner);
    // 新福康里 1号楼 (6 floors, no lift): adding a lift is a renovation, three quarters
    const now = Date.now();
    const lift = await openVote(c, { title: '新福康里1号楼加装电梯意见征询', description: '1号楼为 6 层无电梯住宅，高龄老人上下楼困难。拟在北侧加装电梯一部，费用由政府补贴和受益业主分摊（方案另行表决）。', matter: 'rebuild', buildingCode: 'B-XFKL-01', committee: 'JW-XFKL', openedAt: new Date(now - 5 * DAY), closesAt: new Date(now + 16 * DAY) });
    await paperBallots(c, lift, { share: 0.5, choose: () => c.rng.weighted<Choice>([['agree', 8], ['disagree', 1], ['abstain', 1]]), by: 'committee', prefix: 'XFKL1-DT', from: new Date(now - 5 * DAY), to: new Date(now - DAY), skipOwner: demoOwner });
    await conventionsDemo(c);
    await projects(c);
  },
};
