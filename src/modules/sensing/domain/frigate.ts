// Frigate NVR over MQTT, parsed tolerantly: payloads differ between Frigate versions, so
// unknown fields are ignored and missing optional ones are fine. Only what a scene or an
// evidence record needs is kept.
import { createHash } from 'node:crypto';
import type { Parsed } from './native.js';

export interface FrigateObject {
  type: 'new' | 'update' | 'end';
  id: string;
  camera: string;
  label: string;
  subLabel: string | null;
  score: number | null;
  topScore: number | null;
  falsePositive: boolean;
  startTime: number;
  endTime: number | null;
  currentZones: string[];
  enteredZones: string[];
  stationary: boolean;
  hasSnapshot: boolean;
  /** idempotency key of this message */
  key: string;
}

export interface FrigateReview {
  type: 'new' | 'update' | 'end';
  id: string;
  camera: string;
  severity: string;
  startTime: number;
  endTime: number | null;
  objects: string[];
  zones: string[];
  detections: string[];
  key: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length <= 200).slice(0, 100) : []);
/** Frigate times are epoch seconds (floats). */
const ms = (v: unknown): number | null => {
  const n = num(v);
  return n === null ? null : Math.round(n > 1e12 ? n : n * 1000);
};
const msgType = (v: unknown): 'new' | 'update' | 'end' => (v === 'new' || v === 'end' ? v : 'update');
export const payloadHash = (payload: Buffer | string) => createHash('sha1').update(payload).digest('base64url').slice(0, 16);

function subLabelOf(v: unknown): string | null {
  if (typeof v === 'string') return v.slice(0, 100);
  // newer versions: [name, score]
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0].slice(0, 100);
  return null;
}

/** The state a Frigate message describes: `after`, else `before` (older versions). */
function stateOf(json: unknown, what: string): Parsed<{ type: 'new' | 'update' | 'end'; after: Record<string, unknown> }> {
  if (!isObj(json)) return { ok: false, reason: 'malformed', detail: `frigate/${what}: not a JSON object` };
  const after = isObj(json.after) ? json.after : isObj(json.before) ? json.before : null;
  if (!after) return { ok: false, reason: 'malformed', detail: `frigate/${what}: no "after" object` };
  return { ok: true, value: { type: msgType(json.type), after } };
}

export function parseFrigateEvent(json: unknown, payload: Buffer | string): Parsed<FrigateObject> {
  const st = stateOf(json, 'events');
  if (!st.ok) return st;
  const { type, after } = st.value;
  const id = str(after.id);
  const camera = str(after.camera);
  const label = str(after.label);
  if (!id || !camera || !label) return { ok: false, reason: 'malformed', detail: 'frigate/events: after.id, after.camera and after.label are required' };
  const startTime = ms(after.start_time) ?? ms(after.frame_time);
  if (startTime === null) return { ok: false, reason: 'malformed', detail: 'frigate/events: after.start_time is required' };
  const frame = ms(after.frame_time) ?? (isObj(after.snapshot) ? ms(after.snapshot.frame_time) : null);
  return {
    ok: true,
    value: {
      type,
      id,
      camera,
      label,
      subLabel: subLabelOf(after.sub_label),
      score: num(after.score),
      topScore: num(after.top_score),
      falsePositive: after.false_positive === true,
      startTime,
      endTime: ms(after.end_time),
      currentZones: strs(after.current_zones),
      enteredZones: strs(after.entered_zones),
      stationary: after.stationary === true,
      hasSnapshot: after.has_snapshot === true,
      // one Frigate event sends many updates: the frame time tells them apart, else the bytes
      key: `ev:${id}:${type}:${frame ?? payloadHash(payload)}`,
    },
  };
}

export function parseFrigateReview(json: unknown, payload: Buffer | string): Parsed<FrigateReview> {
  const st = stateOf(json, 'reviews');
  if (!st.ok) return st;
  const { type, after } = st.value;
  const id = str(after.id);
  const camera = str(after.camera);
  const startTime = ms(after.start_time);
  if (!id || !camera || startTime === null) return { ok: false, reason: 'malformed', detail: 'frigate/reviews: after.id, after.camera and after.start_time are required' };
  const data = isObj(after.data) ? after.data : {};
  return {
    ok: true,
    value: {
      type,
      id,
      camera,
      severity: str(after.severity) ?? 'detection',
      startTime,
      endTime: ms(after.end_time),
      objects: strs(data.objects),
      zones: strs(data.zones),
      detections: strs(data.detections),
      key: `rv:${id}:${type}:${payloadHash(payload)}`,
    },
  };
}

/** frigate/<zone>/<label>: a plain integer. */
export function parseCount(payload: Buffer | string): Parsed<number> {
  const s = (typeof payload === 'string' ? payload : payload.toString('utf8')).trim();
  if (!/^\d{1,6}$/.test(s)) return { ok: false, reason: 'malformed', detail: `count: expected a whole number, got "${s.slice(0, 40)}"` };
  return { ok: true, value: Number(s) };
}

/** frigate/available: online, offline (the last will) or stopped. */
export function parseAvailable(payload: Buffer | string): Parsed<boolean> {
  const s = (typeof payload === 'string' ? payload : payload.toString('utf8')).trim().toLowerCase();
  if (s === 'online') return { ok: true, value: true };
  if (s === 'offline' || s === 'stopped') return { ok: true, value: false };
  return { ok: false, reason: 'malformed', detail: `available: expected online, offline or stopped, got "${s.slice(0, 40)}"` };
}

export type FrigateTopic = { sub: 'events' | 'reviews' | 'available' } | { sub: 'count'; name: string; label: string } | { sub: 'other' };

/** The part of a Frigate topic after its prefix. */
export function frigateTopic(rest: string[]): FrigateTopic {
  if (rest.length === 1 && (rest[0] === 'events' || rest[0] === 'reviews' || rest[0] === 'available')) return { sub: rest[0] };
  if (rest.length === 2 && rest[0] && rest[1]) return { sub: 'count', name: rest[0], label: rest[1] };
  return { sub: 'other' };
}
