// Rules for catalogue items (清单): what a saved item must hold.
import type { StepTemplate } from '../schema.js';

export const LEVELS = ['basic', 'value_added'] as const;
export type Level = (typeof LEVELS)[number];

export interface ItemFields {
  code: string;
  name: string;
  nameEn: string;
  level: Level;
  description: string;
  materials: string[];
  steps: StepTemplate[];
  limitDays: number;
  priceNote: string | null;
  active: boolean;
  subcategoryId: number;
}

export interface ItemIssue {
  field: string;
  code: string;
  params?: Record<string, unknown>;
}

/** Problems with an item's materials and steps, given the office codes that exist. */
export function checkItem(item: Pick<ItemFields, 'materials' | 'steps'>, officeCodes: Set<string>): ItemIssue[] {
  const issues: ItemIssue[] = [];
  const seen = new Set<string>();
  item.materials.forEach((m, i) => {
    const t = m.trim();
    if (!t) issues.push({ field: `materials.${i}`, code: 'ent.item.material_empty' });
    else if (seen.has(t)) issues.push({ field: `materials.${i}`, code: 'ent.item.material_repeated', params: { name: t } });
    seen.add(t);
  });
  item.steps.forEach((s, i) => {
    if (!officeCodes.has(s.office)) issues.push({ field: `steps.${i}.office`, code: 'ent.office.unknown_code', params: { code: s.office } });
    if (!s.task.trim()) issues.push({ field: `steps.${i}.task`, code: 'ent.item.task_empty' });
  });
  return issues;
}

/** The offices an item involves, in the order its errand visits them. */
export function officesOf(steps: StepTemplate[]): string[] {
  return [...new Set(steps.map((s) => s.office))];
}
