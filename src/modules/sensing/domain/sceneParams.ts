// Parameters of each kind of scene, validated when an admin saves a rule.
import { Type, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { SceneKind, ScheduleWindow } from './types.js';
import { validWindow } from './schedule.js';

const Label = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' });
const Kinds = Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20 });
const Seconds = (max: number) => Type.Integer({ minimum: 0, maximum: max });

export const SCENE_PARAM_SCHEMAS: Record<SceneKind, TSchema> = {
  zone_occupancy: Type.Object(
    {
      zoneIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 50 }),
      labels: Type.Array(Label, { minItems: 1, maxItems: 10 }),
      fireAt: Type.Integer({ minimum: 1, maximum: 10_000 }),
      fireAfterS: Seconds(86_400),
      clearBelow: Type.Integer({ minimum: 0, maximum: 10_000 }),
      clearAfterS: Seconds(86_400),
    },
    { additionalProperties: false },
  ),
  presence: Type.Object(
    { zoneIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 50 }), labels: Type.Array(Label, { minItems: 1, maxItems: 10 }), minDwellS: Seconds(86_400), clearAfterS: Seconds(86_400) },
    { additionalProperties: false },
  ),
  device_alarm: Type.Object({ deviceKinds: Kinds, alarmTypes: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 20 }), holdS: Type.Integer({ minimum: 1, maximum: 7 * 86_400 }) }, { additionalProperties: false }),
  inactivity: Type.Object({ deviceKinds: Kinds, hours: Type.Number({ exclusiveMinimum: 0, maximum: 24 * 30 }) }, { additionalProperties: false }),
  device_offline: Type.Object({ deviceKinds: Kinds }, { additionalProperties: false }),
};

const checks = Object.fromEntries(Object.entries(SCENE_PARAM_SCHEMAS).map(([k, s]) => [k, TypeCompiler.Compile(s)])) as Record<SceneKind, ReturnType<typeof TypeCompiler.Compile>>;

export interface ParamIssue {
  field: string;
  reason: string;
}

export function checkSceneParams(kind: SceneKind, params: unknown, schedule: ScheduleWindow[]): ParamIssue[] {
  const issues: ParamIssue[] = [];
  const c = checks[kind];
  for (const e of c.Errors(params)) {
    issues.push({ field: `params${e.path.replace(/\//g, '.')}`, reason: e.message });
    if (issues.length >= 10) break;
  }
  if (issues.length === 0 && kind === 'zone_occupancy') {
    const p = params as { fireAt: number; clearBelow: number };
    if (p.clearBelow > p.fireAt) issues.push({ field: 'params.clearBelow', reason: 'clearBelow must not exceed fireAt (hysteresis)' });
  }
  schedule.forEach((w, i) => {
    if (!validWindow(w)) issues.push({ field: `schedule.${i}`, reason: 'window' });
  });
  return issues;
}
