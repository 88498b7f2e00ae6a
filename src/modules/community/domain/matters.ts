// The nine matters of PRC Civil Code art. 278 and the approval rule each one takes.
// Items 6–8 (raising the maintenance fund, rebuilding or renovating, changing the use of
// common parts or running a business on them) need three quarters; every other item,
// including *using* the maintenance fund, needs more than half.
export const MATTERS = ['rules', 'bylaws', 'committee', 'manager', 'fund_use', 'fund_raise', 'rebuild', 'common_use', 'other'] as const;
export type Matter = (typeof MATTERS)[number];

export type ApprovalRule = 'three_quarters' | 'majority';

/** Item number in art. 278 (1–9). */
export const matterItem = (m: Matter): number => MATTERS.indexOf(m) + 1;

export function ruleFor(m: Matter): ApprovalRule {
  const item = matterItem(m);
  return item >= 6 && item <= 8 ? 'three_quarters' : 'majority';
}

export const MATTER_LABELS: Record<Matter, { zh: string; en: string }> = {
  rules: { zh: '制定和修改业主大会议事规则', en: "Adopt or amend the owners' assembly rules of procedure" },
  bylaws: { zh: '制定和修改管理规约', en: 'Adopt or amend the management bylaws' },
  committee: { zh: '选举业主委员会或者更换业主委员会成员', en: "Elect the owners' committee or replace its members" },
  manager: { zh: '选聘和解聘物业服务企业或者其他管理人', en: 'Hire or dismiss the property service company or other manager' },
  fund_use: { zh: '使用建筑物及其附属设施的维修资金', en: 'Use the maintenance fund of the building and its facilities' },
  fund_raise: { zh: '筹集建筑物及其附属设施的维修资金', en: 'Raise the maintenance fund of the building and its facilities' },
  rebuild: { zh: '改建、重建建筑物及其附属设施', en: 'Renovate or rebuild the building and its facilities' },
  common_use: { zh: '改变共有部分的用途或者利用共有部分从事经营活动', en: 'Change the use of common parts or run a business on them' },
  other: { zh: '有关共有和共同管理权利的其他重大事项', en: 'Other major matters of common ownership and management' },
};
