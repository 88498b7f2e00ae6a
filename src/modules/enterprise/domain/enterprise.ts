// Enterprises: sizes, the stages of the lifecycle the centre accompanies, industries.
export const SIZES = ['micro', 'small', 'medium', 'large'] as const;
export type Size = (typeof SIZES)[number];
export const STAGES = ['startup', 'growth', 'mature'] as const;
export type Stage = (typeof STAGES)[number];
export const PROJECT_TIERS = ['ten_million', 'million'] as const;

export const INDUSTRIES = ['信息技术', '数字娱乐', '金融服务', '商务咨询', '文化创意', '贸易', '法律服务', '会计税务', '教育培训', '医疗健康', '建筑设计', '广告传媒', '人力资源', '物业管理', '餐饮'] as const;

/** A stage change is a move along startup → growth → mature or back (a firm can shrink). */
export function stageChange(from: Stage, to: Stage): 'forward' | 'back' | 'same' {
  const d = STAGES.indexOf(to) - STAGES.indexOf(from);
  return d > 0 ? 'forward' : d < 0 ? 'back' : 'same';
}
