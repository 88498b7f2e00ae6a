// Routing: category × grid → responsible department. The category names a default
// department; routing rules override it, the more specific rule winning: a rule for the
// grid beats one for every grid, an exact category beats a major class ("09") beats
// every category.
import { codeMatches } from './grading.js';

export interface RouteRule {
  id: number;
  /** a category code, a major-class prefix, or null for every category */
  categoryCode: string | null;
  /** a responsibility grid, or null for every grid */
  gridId: number | null;
  departmentId: number;
}

export interface RouteResult {
  departmentId: number | null;
  ruleId: number | null;
  /** why, for the timeline */
  reason: 'grid_rule' | 'category_rule' | 'category_default' | 'area_committee' | 'none';
}

function score(r: RouteRule, categoryCode: string, gridId: number | null): number {
  if (r.gridId !== null && r.gridId !== gridId) return -1;
  if (r.categoryCode !== null && !codeMatches([r.categoryCode], categoryCode)) return -1;
  let s = r.gridId !== null ? 4 : 0;
  if (r.categoryCode === categoryCode) s += 2;
  else if (r.categoryCode !== null) s += 1;
  return s;
}

export function route(rules: readonly RouteRule[], category: { code: string; departmentId: number | null }, gridId: number | null): RouteResult {
  let best: RouteRule | null = null;
  let bestScore = -1;
  for (const r of rules) {
    const s = score(r, category.code, gridId);
    if (s > bestScore || (s === bestScore && best && r.id < best.id)) {
      best = r;
      bestScore = s;
    }
  }
  // a rule for every category and every grid is only a fallback below the category's own department
  if (best && (bestScore > 0 || category.departmentId === null)) return { departmentId: best.departmentId, ruleId: best.id, reason: best.gridId !== null ? 'grid_rule' : 'category_rule' };
  if (category.departmentId !== null) return { departmentId: category.departmentId, ruleId: null, reason: 'category_default' };
  return { departmentId: null, ruleId: null, reason: 'none' };
}
