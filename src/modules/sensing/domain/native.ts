// The native device messages: jiedao/{tenant}/{device}/alarm and …/telemetry (JSON), and
// the alarms posted to POST /api/v1/ingest/alarms. Schemas documented in docs/sensing.md.
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

const Ts = Type.Union([Type.Number(), Type.String({ minLength: 1, maxLength: 40 })], { description: 'ISO 8601 with a time zone, or Unix time in seconds or milliseconds' });

export const NativeAlarm = Type.Object(
  {
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: "the device's own event id; with ts, what makes a resend harmless" })),
    ts: Type.Optional(Ts),
    type: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$', description: 'smoke, over_current, tilt, leak, …' }),
    state: Type.Optional(Type.Union([Type.Literal('raised'), Type.Literal('cleared')], { default: 'raised' })),
    value: Type.Optional(Type.Number()),
    unit: Type.Optional(Type.String({ maxLength: 16 })),
    message: Type.Optional(Type.String({ maxLength: 500 })),
    snapshot: Type.Optional(Type.String({ maxLength: 500, description: 'a picture reference or URL' })),
    data: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 50 })),
  },
  { additionalProperties: true, $id: 'SensingNativeAlarm', description: 'An alarm as a device sends it. id or ts is required.' },
);
export type NativeAlarm = Static<typeof NativeAlarm>;

export const NativeTelemetry = Type.Object(
  {
    ts: Type.Optional(Ts),
    values: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Union([Type.Number(), Type.Boolean(), Type.String({ maxLength: 100 }), Type.Null()]), { maxProperties: 50 })),
    /** the resident used water / opened the door since the last report */
    activity: Type.Optional(Type.Boolean()),
    battery: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  },
  { additionalProperties: true },
);
export type NativeTelemetry = Static<typeof NativeTelemetry>;

const alarmCheck = TypeCompiler.Compile(NativeAlarm);
const telemetryCheck = TypeCompiler.Compile(NativeTelemetry);

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string; detail: string };

/** Earliest and latest believable device times (a clock far off is a malformed message). */
const MIN_TS = Date.UTC(2000, 0, 1);
const MAX_AHEAD_MS = 24 * 3600_000;

export function parseTimestamp(ts: number | string, now: number): number | null {
  let ms: number;
  if (typeof ts === 'number') ms = ts > 1e12 ? ts : ts * 1000;
  else if (/^\d+(\.\d+)?$/.test(ts)) ms = Number(ts) > 1e12 ? Number(ts) : Number(ts) * 1000;
  else {
    // a time zone is required: a bare local time is ambiguous
    if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(ts)) return null;
    ms = Date.parse(ts);
  }
  if (!Number.isFinite(ms) || ms < MIN_TS || ms > now + MAX_AHEAD_MS) return null;
  return Math.round(ms);
}

function firstError(check: ReturnType<typeof TypeCompiler.Compile>, v: unknown): string {
  const e = check.Errors(v).First();
  return e ? `${e.path || '/'}: ${e.message}` : 'invalid';
}

export interface NormalAlarm {
  key: string;
  at: number;
  type: string;
  state: 'raised' | 'cleared';
  data: Record<string, unknown>;
  snapshot: string | null;
  value: number | null;
}

export function normaliseAlarm(v: unknown, now: number): Parsed<NormalAlarm> {
  if (!alarmCheck.Check(v)) return { ok: false, reason: 'malformed', detail: firstError(alarmCheck, v) };
  const a = v as NativeAlarm;
  if (a.id === undefined && a.ts === undefined) return { ok: false, reason: 'malformed', detail: '/: id or ts is required (it makes a resend harmless)' };
  let at = now;
  if (a.ts !== undefined) {
    const t = parseTimestamp(a.ts, now);
    if (t === null) return { ok: false, reason: 'malformed', detail: '/ts: not a believable time with a time zone' };
    at = t;
  }
  const key = a.id !== undefined ? `id:${a.id}` : `ts:${at}:${a.type}:${a.state ?? 'raised'}`;
  const data: Record<string, unknown> = {};
  if (a.value !== undefined) data.value = a.value;
  if (a.unit) data.unit = a.unit;
  if (a.message) data.message = a.message;
  if (a.snapshot) data.snapshot = a.snapshot;
  if (a.data) data.data = a.data;
  return { ok: true, value: { key, at, type: a.type, state: a.state ?? 'raised', data, snapshot: a.snapshot ?? null, value: a.value ?? null } };
}

export interface NormalTelemetry {
  at: number;
  values: Record<string, unknown>;
  activity: boolean;
}

/** Activity of care sensors: water used or the door opened since the last report. */
function activityOf(kind: string, t: NativeTelemetry): boolean {
  if (t.activity !== undefined) return t.activity;
  const v = t.values ?? {};
  if (kind === 'water_meter') return typeof v.flow_l === 'number' && v.flow_l > 0;
  if (kind === 'door_sensor') return (typeof v.openings === 'number' && v.openings > 0) || v.door === 'open';
  return false;
}

export function normaliseTelemetry(v: unknown, kind: string, now: number): Parsed<NormalTelemetry> {
  if (!telemetryCheck.Check(v)) return { ok: false, reason: 'malformed', detail: firstError(telemetryCheck, v) };
  const t = v as NativeTelemetry;
  let at = now;
  if (t.ts !== undefined) {
    const p = parseTimestamp(t.ts, now);
    if (p === null) return { ok: false, reason: 'malformed', detail: '/ts: not a believable time with a time zone' };
    at = p;
  }
  const values: Record<string, unknown> = { ...(t.values ?? {}) };
  if (t.battery !== undefined) values.battery = t.battery;
  return { ok: true, value: { at, values, activity: activityOf(kind, t) } };
}

/** JSON.parse that reports instead of throwing. */
export function parseJson(payload: Buffer | string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8')) };
  } catch (e) {
    return { ok: false, reason: 'malformed', detail: `not JSON: ${(e as Error).message.slice(0, 120)}` };
  }
}
