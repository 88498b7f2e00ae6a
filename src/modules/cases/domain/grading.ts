// Grading rules as data: a category's default grade can only be raised, by rules such as
// "blocking a fire lane", "hazards at night" or "near a school".
import { distanceM } from './geo.js';
import { maxGrade, type Grade, type Source } from './types.js';

export interface GradingConditions {
  /** local time window (Asia/Shanghai), may wrap midnight: { from: '22:00', to: '06:00' } */
  night?: { from: string; to: string };
  /** any of these words in the description */
  keywords?: string[];
  /** within radiusM of any of these places */
  near?: { lng: number; lat: number; radiusM: number; label: string }[];
  sources?: Source[];
}

export interface GradingRule {
  id: number;
  name: string;
  /** category codes or major-class prefixes ("09"); empty = every category */
  categoryCodes: string[];
  conditions: GradingConditions;
  raiseTo: Grade;
  active: boolean;
}

export interface GradingInput {
  categoryCode: string;
  description: string;
  lng: number;
  lat: number;
  at: Date;
  source: Source;
}

export interface GradingResult {
  grade: Grade;
  applied: { id: number; name: string; raiseTo: Grade; why: string }[];
}

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Minutes after local midnight in Asia/Shanghai (UTC+8, no daylight saving). */
export const localMinutes = (d: Date) => Math.floor(((d.getTime() / 60_000 + 8 * 60) % 1440 + 1440) % 1440);

export function inWindow(at: Date, from: string, to: string): boolean {
  const m = localMinutes(at);
  const a = minutes(from);
  const b = minutes(to);
  return a <= b ? m >= a && m < b : m >= a || m < b;
}

export const codeMatches = (patterns: readonly string[], code: string) => patterns.length === 0 || patterns.some((p) => code === p || code.startsWith(p));

/** Why a rule applies (a short Chinese phrase), or null when it does not. */
export function ruleApplies(rule: GradingRule, i: GradingInput): string | null {
  if (!rule.active || !codeMatches(rule.categoryCodes, i.categoryCode)) return null;
  const c = rule.conditions;
  const why: string[] = [];
  if (c.night) {
    if (!inWindow(i.at, c.night.from, c.night.to)) return null;
    why.push(`夜间 ${c.night.from}–${c.night.to}`);
  }
  if (c.keywords?.length) {
    const hit = c.keywords.find((k) => i.description.includes(k));
    if (!hit) return null;
    why.push(`描述含“${hit}”`);
  }
  if (c.near?.length) {
    const hit = c.near.find((p) => distanceM(p.lng, p.lat, i.lng, i.lat) <= p.radiusM);
    if (!hit) return null;
    why.push(`距${hit.label} ${hit.radiusM} 米内`);
  }
  if (c.sources?.length) {
    if (!c.sources.includes(i.source)) return null;
    why.push(`来源 ${i.source}`);
  }
  return why.join('，') || '适用于该类别';
}

export function grade(defaultGrade: Grade, rules: readonly GradingRule[], input: GradingInput): GradingResult {
  let g = defaultGrade;
  const applied: GradingResult['applied'] = [];
  for (const r of rules) {
    const why = ruleApplies(r, input);
    if (why === null) continue;
    const raised = maxGrade(g, r.raiseTo);
    applied.push({ id: r.id, name: r.name, raiseTo: r.raiseTo, why });
    g = raised;
  }
  return { grade: g, applied };
}
