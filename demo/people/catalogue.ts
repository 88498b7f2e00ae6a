// Demo places and programmes of people's livelihood: service points of the 15-minute
// life circle (illustrative, inside the demo boundary), visit rules, activities and
// volunteer projects drawn from the source (health lectures by partner clinics, the
// 新就业群体便民集市, 邻里益社·提质增效 training, plants adopted by volunteers).
import { PolygonIndex, type Polygon } from '../../src/core/geo/index.js';
import type { Rng } from '../random.js';
import type { DemoData } from '../generate.js';

const r6 = (v: number) => Math.round(v * 1e6) / 1e6;

export function pointIn(rng: Rng, poly: Polygon): { lng: number; lat: number } {
  const idx = new PolygonIndex([{ geometry: poly, value: 1 }]);
  const ring = poly.coordinates[0]!;
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  for (let i = 0; i < 1000; i++) {
    const x = Math.min(...xs) + rng.next() * (Math.max(...xs) - Math.min(...xs));
    const y = Math.min(...ys) + rng.next() * (Math.max(...ys) - Math.min(...ys));
    if (idx.find(x, y)) return { lng: r6(x), lat: r6(y) };
  }
  throw new Error('no point found inside the polygon');
}

export interface DemoPoint {
  code: string;
  name: string;
  nameEn: string;
  kind: string;
  areaCode: string;
  address: string;
  phone: string;
  openHours: string;
  services: string[];
}

export const SERVICE_POINTS: DemoPoint[] = [
  { code: 'SP-CHC', name: '示例·石门二路社区卫生服务中心', nameEn: 'Community health centre (illustrative)', kind: 'clinic', areaCode: 'X3', address: '奉贤路（示例门牌）', phone: '021-6253 1101', openHours: '08:00–16:30', services: ['escort'] },
  { code: 'SP-FD-XFKL', name: '示例·新福康里家庭医生工作室', nameEn: 'Family doctor studio, Xinfukangli (illustrative)', kind: 'clinic', areaCode: 'XFKL', address: '新福康里（示例门牌）', phone: '021-6253 1102', openHours: '周一至周五 08:30–11:30', services: [] },
  { code: 'SP-FD-HF', name: '示例·恒丰家庭医生工作室', nameEn: 'Family doctor studio, Hengfeng (illustrative)', kind: 'clinic', areaCode: 'HF', address: '恒丰路（示例门牌）', phone: '021-6253 1103', openHours: '周二、周四 13:30–16:30', services: [] },
  { code: 'SP-CT-1', name: '示例·石门二路长者食堂', nameEn: 'Seniors’ canteen (illustrative)', kind: 'canteen', areaCode: 'X1', address: '凤阳路（示例门牌）', phone: '021-6253 1201', openHours: '11:00–13:00，17:00–18:30', services: ['meal_delivery'] },
  { code: 'SP-CT-2', name: '示例·新闸路社区食堂', nameEn: 'Community canteen, Xinzha Road (illustrative)', kind: 'canteen', areaCode: 'X5', address: '新闸路（示例门牌）', phone: '021-6253 1202', openHours: '10:45–13:00', services: ['meal_delivery'] },
  { code: 'SP-CT-3', name: '示例·张家宅助餐点', nameEn: 'Meal point, Zhangjiazhai (illustrative)', kind: 'canteen', areaCode: 'ZJZ', address: '张家宅（示例门牌）', phone: '021-6253 1203', openHours: '11:00–12:30', services: ['meal_delivery'] },
  { code: 'SP-DC-1', name: '示例·石门二路日间照料中心', nameEn: 'Day-care centre (illustrative)', kind: 'day_care', areaCode: 'X4', address: '成都北路（示例门牌）', phone: '021-6253 1301', openHours: '08:00–17:00', services: ['bathing', 'home_help'] },
  { code: 'SP-DC-2', name: '示例·祥福老年日托站', nameEn: 'Seniors’ day-care station, Xiangfu (illustrative)', kind: 'day_care', areaCode: 'XF', address: '祥福（示例门牌）', phone: '021-6253 1302', openHours: '08:30–16:30', services: ['home_help'] },
  { code: 'SP-SC', name: '示例·综合为老服务中心', nameEn: 'Integrated seniors’ service centre (illustrative)', kind: 'service_centre', areaCode: 'X2', address: '江宁路（示例门牌）', phone: '021-6253 1401', openHours: '08:30–17:00', services: ['home_help', 'bathing', 'escort', 'meal_delivery'] },
  { code: 'SP-CS-XFKL', name: '示例·新福康里嵌入式养老服务站', nameEn: 'Embedded care station, Xinfukangli (illustrative)', kind: 'care_station', areaCode: 'XFKL', address: '新福康里（示例门牌）', phone: '021-6253 1501', openHours: '08:00–20:00', services: ['home_help', 'escort'] },
  { code: 'SP-CS-DW', name: '示例·东王护理站', nameEn: 'Nursing station, Dongwang (illustrative)', kind: 'care_station', areaCode: 'DW', address: '东王（示例门牌）', phone: '021-6253 1502', openHours: '08:00–17:00', services: ['home_help', 'bathing'] },
  { code: 'SP-CS-X6', name: '示例·苏河湾睦邻点', nameEn: 'Neighbourhood point, Suhe (illustrative)', kind: 'care_station', areaCode: 'X6', address: '苏河湾（示例门牌）', phone: '021-6253 1503', openHours: '09:00–17:00', services: ['home_help'] },
  { code: 'SP-MK', name: '示例·新就业群体暖心驿站', nameEn: 'Rest stop for delivery riders (illustrative)', kind: 'market', areaCode: 'X3', address: '凤阳路奉贤路口（示例）', phone: '021-6253 1601', openHours: '全天', services: [] },
];

/** Visit rules of the demo tenant (first match wins). */
export const VISIT_RULES = [
  { name: '80岁以上独居：每周走访', nameEn: '80+ living alone: weekly', minAge: 80, maxAge: null, livesAlone: true, minCareLevel: null, every: 1, unit: 'week' },
  { name: '照护等级四级以上：每周走访', nameEn: 'Care level 4+: weekly', minAge: 60, maxAge: null, livesAlone: null, minCareLevel: 4, every: 1, unit: 'week' },
  { name: '独居老人：每两周走访', nameEn: 'Living alone: every two weeks', minAge: 60, maxAge: null, livesAlone: true, minCareLevel: null, every: 2, unit: 'week' },
  { name: '80岁以上：每月走访', nameEn: '80+: monthly', minAge: 80, maxAge: null, livesAlone: null, minCareLevel: null, every: 1, unit: 'month' },
  { name: '其他老人：每季度走访', nameEn: 'Others: quarterly', minAge: 60, maxAge: null, livesAlone: null, minCareLevel: null, every: 3, unit: 'month' },
] as const;

export interface DemoActivity {
  kind: string;
  format?: string;
  series?: string;
  title: string;
  description: string;
  audience: string;
  partner?: string;
  point?: string;
  venue?: string;
  areaCode?: string;
  /** days from the load day, local start time */
  day: number;
  at: string;
  minutes: number;
  capacity: number | null;
  organiser: string;
  /** registrations to create (past activities also get check-ins) */
  registered: number;
}

const TRAINING = '邻里益社·提质增效';

export const ACTIVITIES: DemoActivity[] = [
  { kind: 'health_lecture', title: '高血压防治健康科普讲座', description: '共建医疗卫生机构医生讲解高血压的日常监测与用药，现场免费测血压。', audience: 'residents', partner: '示例·石门二路社区卫生服务中心', venue: '新福康里花园绿地', areaCode: 'XFKL', day: 2, at: '14:00', minutes: 90, capacity: 40, organiser: 'committee', registered: 31 },
  { kind: 'health_lecture', title: '老年人防跌倒与居家安全', description: '康复治疗师示范防跌倒动作，讲解居家适老化改造。', audience: 'residents', partner: '示例·新福康里家庭医生工作室', point: 'SP-FD-XFKL', areaCode: 'XFKL', day: 6, at: '09:30', minutes: 60, capacity: 12, organiser: 'committee', registered: 12 },
  { kind: 'health_lecture', title: '糖尿病饮食与运动', description: '营养师讲解控糖饮食。', audience: 'residents', partner: '示例·石门二路社区卫生服务中心', point: 'SP-CHC', day: -9, at: '14:00', minutes: 90, capacity: 50, organiser: 'care', registered: 44 },
  { kind: 'health_lecture', title: '秋冬季呼吸道疾病预防', description: '家庭医生讲解流感与肺炎疫苗接种。', audience: 'residents', partner: '示例·恒丰家庭医生工作室', point: 'SP-FD-HF', areaCode: 'HF', day: -23, at: '14:30', minutes: 60, capacity: 30, organiser: 'care', registered: 28 },
  { kind: 'employment_market', title: '新就业群体便民集市专场', description: '面向外卖骑手、快递员等新就业群体：免费理发、手机贴膜、血压测量、电动车安全检查、法律咨询。', audience: 'new_employment', venue: '恒基668广场前广场', day: 11, at: '14:00', minutes: 180, capacity: null, organiser: 'care', registered: 0 },
  { kind: 'employment_market', title: '新就业群体便民集市（十月场）', description: '骑手驿站便民服务、岗位推介。', audience: 'new_employment', point: 'SP-MK', day: -40, at: '14:00', minutes: 180, capacity: null, organiser: 'care', registered: 0 },
  { kind: 'social_work_training', format: 'lecture', series: TRAINING, title: '主题授课：社会工作发展与基层治理', description: '邀请高校专家围绕社会治理现状与社会工作发展专题授课。', audience: 'social_workers', point: 'SP-SC', day: 4, at: '09:30', minutes: 120, capacity: 40, organiser: 'care', registered: 0 },
  { kind: 'social_work_training', format: 'field_teaching', series: TRAINING, title: '现场教学：“健康·SH”工作法', description: '走进新福康里居民区，了解健康居委建设与老年友好型社区创建。', audience: 'social_workers', venue: '新福康里居民区', areaCode: 'XFKL', day: 8, at: '14:00', minutes: 120, capacity: 25, organiser: 'committee', registered: 0 },
  { kind: 'social_work_training', format: 'seminar', series: TRAINING, title: '座谈交流：社会工作实务难点', description: '各居民区社工交流工作中的难点堵点。', audience: 'social_workers', point: 'SP-SC', day: -14, at: '14:00', minutes: 90, capacity: 30, organiser: 'care', registered: 0 },
  { kind: 'social_work_training', format: 'salon', series: TRAINING, title: '专题沙龙：楼组会客厅微更新', description: '恒丰大楼“信报箱”会客厅案例分享。', audience: 'social_workers', venue: '恒丰大楼（北楼）会客厅', areaCode: 'HF', day: -30, at: '14:00', minutes: 90, capacity: 20, organiser: 'care', registered: 0 },
  { kind: 'community', title: '楼组会客厅低碳科普角', description: '低碳生活小知识与旧物改造。', audience: 'residents', venue: '恒丰大楼（北楼）会客厅', areaCode: 'HF', day: 5, at: '15:00', minutes: 60, capacity: 20, organiser: 'care', registered: 9 },
];

export interface DemoTask {
  kind: 'task' | 'project';
  title: string;
  description: string;
  areaCode?: string;
  buildingCode?: string;
  /** days from the load day */
  from: number;
  to: number | null;
  slots: number | null;
}

export const VOLUNTEER_TASKS: DemoTask[] = [
  { kind: 'project', title: '花园绿植认养', description: '认养新福康里花园绿地的盆栽，挂牌署名，定期浇水养护。', areaCode: 'XFKL', from: -200, to: 120, slots: null },
  { kind: 'project', title: '“信报箱”会客厅值守', description: '恒丰大楼（北楼）会客厅开放时段值守与整理。', areaCode: 'HF', buildingCode: 'B-HFBL', from: -150, to: 200, slots: 12 },
  { kind: 'project', title: '老伙伴计划·助老陪伴', description: '低龄老人结对探望高龄独居老人，每周电话或上门。', from: -300, to: 65, slots: null },
  { kind: 'task', title: '楼道堆物清理日', description: '配合物业清理楼道堆物，宣传消防通道安全。', areaCode: 'XFKL', from: 3, to: 3, slots: 15 },
  { kind: 'task', title: '垃圾分类桶边引导', description: '早晚投放时段桶边引导。', areaCode: 'ZJZ', from: 1, to: 28, slots: 8 },
  { kind: 'task', title: '健康讲座现场引导', description: '协助签到、引导座位、测血压排队。', areaCode: 'XFKL', from: 2, to: 2, slots: 4 },
];

export const SKILLS = ['陪伴聊天', '理发', '测血压', '手机教学', '园艺', '维修', '书法', '摄影', '法律咨询', '垃圾分类'];

export function areaPolygon(data: DemoData, code: string): Polygon {
  return data.areas.find((a) => a.code === code)!.boundary;
}
