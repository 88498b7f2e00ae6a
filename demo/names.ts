// Illustrative personal and business names for the demo (not real people or firms).
import type { Rng } from './random.js';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '朱', '马', '胡', '郭', '林', '何', '高', '罗', '郑', '梁', '谢', '宋', '唐', '许', '邓', '冯', '韩', '曹', '沈', '陆', '顾', '钱', '蒋', '施', '姚', '金', '俞', '汤', '潘', '范', '严', '瞿'];
const GIVEN = ['伟', '芳', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '国强', '文', '华', '红', '玲', '云', '凤英', '志明', '丹', '萍', '晨', '佳', '怡', '慧', '宏', '彬', '雯', '琳', '海燕', '国平', '美华', '根娣', '阿毛', '德兴', '金宝', '雪芬'];

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.35) ? rng.pick(GIVEN).slice(0, 1) : '');
}

export function phone(rng: Rng): string {
  return `1${rng.pick(['33', '35', '36', '38', '39', '50', '58', '77', '86', '89'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

const COMPANY_WORDS = ['华', '信', '达', '盛', '恒', '泰', '通', '联', '创', '智', '云', '汇', '新', '锦', '瑞', '博', '嘉', '源', '和', '宏'];
const COMPANY_TRADES = ['科技', '信息技术', '文化传媒', '咨询', '贸易', '投资管理', '网络科技', '设计', '教育科技', '数字娱乐', '物业管理', '供应链', '会计师事务所', '律师事务所', '广告'];

export function companyName(rng: Rng): string {
  return `上海${rng.pick(COMPANY_WORDS)}${rng.pick(COMPANY_WORDS)}${rng.pick(COMPANY_TRADES)}有限公司`;
}

export const SHOP_TRADES: readonly (readonly [string, number])[] = [
  ['catering', 34],
  ['retail', 18],
  ['convenience', 8],
  ['beauty', 8],
  ['pharmacy', 4],
  ['courier', 5],
  ['laundry', 3],
  ['fruit', 5],
  ['hardware', 3],
  ['agency', 5],
  ['tea_coffee', 7],
];

const SHOP_SUFFIX: Record<string, string[]> = {
  catering: ['面馆', '生煎馆', '小吃店', '馄饨店', '饭店', '烧腊店', '快餐', '包子铺'],
  retail: ['服饰', '百货', '烟纸店', '文具店', '眼镜店'],
  convenience: ['便利店', '超市'],
  beauty: ['理发店', '美容院', '美甲店'],
  pharmacy: ['药房', '大药房'],
  courier: ['快递驿站', '菜鸟驿站'],
  laundry: ['洗衣店', '干洗店'],
  fruit: ['水果店', '鲜果'],
  hardware: ['五金店', '水电维修'],
  agency: ['房产中介', '置业'],
  tea_coffee: ['咖啡', '茶饮', '奶茶店'],
};
const SHOP_PREFIX = ['老王', '阿婆', '静安', '石门', '好运', '金鼎', '福记', '小杨', '喜来', '鲜丰', '弄堂', '新闸', '凤阳', '阿三', '德兴', '老周', '红宝石', '光明', '大壶春', '沪上'];

export function shopName(rng: Rng, trade: string): string {
  return rng.pick(SHOP_PREFIX) + rng.pick(SHOP_SUFFIX[trade] ?? ['商店']);
}
