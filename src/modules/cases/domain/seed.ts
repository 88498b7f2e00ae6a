// The classification a new tenant starts with: GB/T 30428.2-style event (事件) and
// component (部件) classes — major class + minor class, 5-digit codes as in DOMAIN.md —
// plus local classes in the 90xxx range (群租, 飞线充电, and what the sensing network
// raises). Codes, limits and departments are data: admins change them through the API.
import type { Grade, Limit, Step } from './types.js';

export interface OpenAttribute {
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  description: string;
  values?: { key: string; name: string }[];
}

export interface CategorySeed {
  code: string;
  kind: 'event' | 'component';
  majorCode: string;
  majorName: string;
  name: string;
  nameEn: string;
  keywords: string[];
  /** department code of the demo/tenant departments */
  department: string | null;
  routeTo?: 'department' | 'area_committee';
  defaultGrade: Grade;
  handle: Limit;
  limits?: Partial<Record<Step, Limit>>;
  photoRequired: boolean;
  dupRadiusM: number;
  /** a trusted sensor scene of this category registers without verification */
  autoRegister?: boolean;
  /** offered to the public (Open311 services) */
  public: boolean;
  attributes?: OpenAttribute[];
}

export const DEFAULT_LIMITS: Record<Step, Limit> = {
  verify: { amount: 0.5, unit: 'working_hours' },
  dispatch: { amount: 0.5, unit: 'working_hours' },
  accept: { amount: 15, unit: 'minutes' },
  handle: { amount: 1, unit: 'working_days' },
  check: { amount: 0.5, unit: 'working_hours' },
};

const wh = (amount: number): Limit => ({ amount, unit: 'working_hours' });
const wd = (amount: number): Limit => ({ amount, unit: 'working_days' });
const h = (amount: number): Limit => ({ amount, unit: 'hours' });
const min = (amount: number): Limit => ({ amount, unit: 'minutes' });

const E = (majorCode: string, majorName: string) => ({ kind: 'event' as const, majorCode, majorName });
const C = (majorCode: string, majorName: string) => ({ kind: 'component' as const, majorCode, majorName });
const CITY = E('06', '市容环境');
const ADS = E('07', '宣传广告');
const BUILD = E('08', '施工管理');
const STREET = E('09', '街面秩序');
const EMERGENCY = E('10', '突发事件');
const OTHER = E('11', '其他事件');
const UTILITY = C('01', '公用设施');
const CITY_FAC = C('03', '市容环境设施');
const LOCAL = E('90', '本地类别');

const countAttr: OpenAttribute = { code: 'count', datatype: 'number', required: false, description: '大约数量（辆/处）' };

export const SEED_CATEGORIES: CategorySeed[] = [
  { ...CITY, code: '06010', name: '暴露垃圾', nameEn: 'Exposed rubbish', keywords: ['垃圾', '暴露垃圾', '乱扔', '垃圾袋'], department: 'LH', defaultGrade: 'normal', handle: wh(2), photoRequired: true, dupRadiusM: 30, public: true },
  { ...CITY, code: '06012', name: '道路不洁', nameEn: 'Dirty road', keywords: ['路面脏', '油污', '不洁', '泥浆'], department: 'LH', defaultGrade: 'normal', handle: wh(4), photoRequired: true, dupRadiusM: 50, public: true },
  { ...CITY, code: '06036', name: '乱堆物堆料', nameEn: 'Goods or materials piled up', keywords: ['堆物', '堆料', '杂物', '门口堆放'], department: 'CG', defaultGrade: 'normal', handle: wd(1), photoRequired: true, dupRadiusM: 30, public: true, autoRegister: true },
  { ...ADS, code: '07006', name: '违规牌匾标识', nameEn: 'Unauthorised shop sign', keywords: ['招牌', '牌匾', '广告牌'], department: 'CG', defaultGrade: 'normal', handle: wd(5), photoRequired: true, dupRadiusM: 20, public: true },
  { ...ADS, code: '07010', name: '非法小广告', nameEn: 'Illegal flyers', keywords: ['小广告', '张贴', '涂写'], department: 'LH', defaultGrade: 'normal', handle: wh(4), photoRequired: true, dupRadiusM: 30, public: true },
  { ...BUILD, code: '08003', name: '施工扰民', nameEn: 'Construction nuisance', keywords: ['施工', '工地', '扰民'], department: 'CG', defaultGrade: 'normal', handle: wd(1), photoRequired: false, dupRadiusM: 80, public: true },
  { ...BUILD, code: '08010', name: '违法搭建', nameEn: 'Illegal structure', keywords: ['违建', '搭建', '违章建筑'], department: 'CG', defaultGrade: 'normal', handle: wd(20), photoRequired: true, dupRadiusM: 20, public: true },
  { ...STREET, code: '09005', name: '店外经营', nameEn: 'Trading outside the shop', keywords: ['出店经营', '店外', '跨门营业'], department: 'CG', defaultGrade: 'normal', handle: wh(4), photoRequired: true, dupRadiusM: 20, public: true, autoRegister: true },
  { ...STREET, code: '09006', name: '占道经营', nameEn: 'Street vending', keywords: ['摊贩', '占道', '流动摊'], department: 'CG', defaultGrade: 'normal', handle: wh(4), photoRequired: true, dupRadiusM: 40, public: true },
  { ...STREET, code: '09009', name: '机动车乱停放', nameEn: 'Illegally parked car', keywords: ['汽车', '乱停', '违停'], department: 'PCS', defaultGrade: 'normal', handle: wh(2), photoRequired: true, dupRadiusM: 30, public: true },
  { ...STREET, code: '09010', name: '非机动车乱停放', nameEn: 'Bicycles and e-bikes parked on the pavement', keywords: ['共享单车', '电瓶车', '自行车', '非机动车', '乱停'], department: 'CG', defaultGrade: 'normal', handle: wh(2), photoRequired: true, dupRadiusM: 40, public: true, autoRegister: true, attributes: [countAttr] },
  { ...STREET, code: '09012', name: '占用消防通道', nameEn: 'Fire lane blocked', keywords: ['消防通道', '安全出口', '堵塞'], department: 'XF', defaultGrade: 'major', handle: wh(1), photoRequired: true, dupRadiusM: 30, public: true },
  { ...STREET, code: '09015', name: '噪声扰民', nameEn: 'Noise nuisance', keywords: ['噪声', '噪音', '吵闹', '夜间'], department: 'PCS', defaultGrade: 'normal', handle: wd(1), photoRequired: false, dupRadiusM: 80, public: true, attributes: [{ code: 'period', datatype: 'singlevaluelist', required: false, description: '发生时段', values: [{ key: 'day', name: '白天' }, { key: 'night', name: '夜间（22:00–06:00）' }] }] },
  { ...STREET, code: '09030', name: '楼道堆物', nameEn: 'Goods in the stairwell', keywords: ['楼道', '堆物', '过道'], department: 'FG', defaultGrade: 'normal', handle: wd(3), photoRequired: true, dupRadiusM: 10, public: true },
  { ...STREET, code: '09040', name: '违规装修', nameEn: 'Illegal renovation', keywords: ['装修', '拆墙', '破坏承重'], department: 'FG', defaultGrade: 'normal', handle: wd(5), photoRequired: true, dupRadiusM: 10, public: true },
  { ...EMERGENCY, code: '10002', name: '道路积水', nameEn: 'Flooded road', keywords: ['积水', '淹水', '排水'], department: 'LH', defaultGrade: 'major', handle: wh(2), photoRequired: true, dupRadiusM: 80, public: true },
  { ...EMERGENCY, code: '10005', name: '火情', nameEn: 'Fire', keywords: ['着火', '冒烟', '火灾'], department: 'XF', defaultGrade: 'urgent', handle: min(30), limits: { accept: min(3), verify: min(5), dispatch: min(5), check: h(1) }, photoRequired: false, dupRadiusM: 100, public: true },
  { ...OTHER, code: '11099', name: '其他街面问题', nameEn: 'Other street problem', keywords: ['其他', '街面', '问题'], department: 'CG', defaultGrade: 'normal', handle: wd(3), photoRequired: false, dupRadiusM: 20, public: true },
  { ...OTHER, code: '11001', name: '食品安全隐患', nameEn: 'Food safety hazard', keywords: ['食品', '过期', '卫生', '餐饮'], department: 'SJ', defaultGrade: 'major', handle: wd(1), photoRequired: false, dupRadiusM: 20, public: true },
  { ...CITY_FAC, code: '03007', name: '牌匾标识异常', nameEn: 'Shop sign broken or tilted', keywords: ['招牌', '倾斜', '松动', '牌匾'], department: 'CG', defaultGrade: 'major', handle: wh(4), photoRequired: true, dupRadiusM: 15, public: true, autoRegister: true },
  { ...UTILITY, code: '01010', name: '井盖倾斜移位', nameEn: 'Manhole cover tilted or missing', keywords: ['井盖', '窨井', '移位', '缺失'], department: 'CG', defaultGrade: 'major', handle: wh(2), photoRequired: true, dupRadiusM: 15, public: true, autoRegister: true },
  { ...LOCAL, code: '90001', name: '群租', nameEn: 'Group renting', keywords: ['群租', '隔断', '上下铺', '多人合租'], department: 'FG', defaultGrade: 'normal', handle: wd(5), photoRequired: false, dupRadiusM: 10, public: true },
  { ...LOCAL, code: '90002', name: '飞线充电', nameEn: 'Flying-wire e-bike charging', keywords: ['飞线', '充电', '电瓶车充电', '私拉电线'], department: 'XF', defaultGrade: 'major', handle: wh(2), photoRequired: true, dupRadiusM: 20, public: true, autoRegister: true },
  { ...LOCAL, code: '90010', name: '烟感报警', nameEn: 'Smoke alarm', keywords: ['烟感', '烟雾报警'], department: 'XF', defaultGrade: 'urgent', handle: min(30), limits: { accept: min(3), verify: min(5), dispatch: min(5), check: h(1) }, photoRequired: false, dupRadiusM: 30, public: false, autoRegister: true },
  { ...LOCAL, code: '90011', name: '电动自行车充电过流', nameEn: 'E-bike charging over-current', keywords: ['过流', '充电桩', '电流异常'], department: 'XF', defaultGrade: 'major', handle: wh(1), limits: { accept: min(5) }, photoRequired: false, dupRadiusM: 20, public: false, autoRegister: true },
  { ...LOCAL, code: '90020', name: '感知设备离线', nameEn: 'Sensing device offline', keywords: ['离线', '掉线', '设备故障'], department: 'OPS', defaultGrade: 'normal', handle: wd(1), limits: { accept: min(60) }, photoRequired: false, dupRadiusM: 5, public: false, autoRegister: true },
  { ...LOCAL, code: '90030', name: '独居老人活动异常', nameEn: 'No activity from an elderly resident living alone', keywords: ['独居老人', '无活动', '长时间未出门', '水表'], department: null, routeTo: 'area_committee', defaultGrade: 'urgent', handle: h(2), limits: { accept: min(15) }, photoRequired: false, dupRadiusM: 10, public: false, autoRegister: true },
];

/** Grading rules a tenant starts with (raise only). */
export const SEED_GRADING_RULES: { name: string; categoryCodes: string[]; conditions: import('./grading.js').GradingConditions; raiseTo: Grade }[] = [
  { name: '堵塞消防通道或安全出口', categoryCodes: [], conditions: { keywords: ['消防通道', '安全出口'] }, raiseTo: 'urgent' },
  { name: '夜间火灾隐患', categoryCodes: ['90002', '90011', '09012'], conditions: { night: { from: '22:00', to: '06:00' } }, raiseTo: 'urgent' },
  { name: '学校周边街面秩序', categoryCodes: ['09', '06'], conditions: { near: [{ lng: 121.4552, lat: 31.2372, radiusM: 150, label: '示例·静安区第一中心小学' }] }, raiseTo: 'major' },
];
