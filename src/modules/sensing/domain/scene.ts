// The state machine of a scene for one subject (a zone, a device or a household). Pure:
// the caller passes the time and the calendar, stores the state and turns the effects
// into episodes and domain events.
//
//   idle ──condition met in a window──▶ pending ──held for T──▶ active (fired)
//     ▲                                   │                      │  ▲ evidence (updated)
//     └────────condition gone────────────┘        below N′ ────▼  │ back above N′
//     └──────────── held below N′ for T′ (cleared) ─────── clearing
//   the scene's case closed ─▶ cooldown (no firing) ──cooldown over──▶ idle
import type { DeviceAlarmParams, InactivityParams, PresenceParams, SceneDef, ZoneOccupancyParams } from './types.js';
import { inSchedule, nextBoundary, type DayCalendar } from './schedule.js';

export type Phase = 'idle' | 'pending' | 'active' | 'clearing' | 'cooldown';

export interface TrackedObject {
  label: string;
  /** when the object appeared (Frigate start_time) */
  since: number;
  snapshot: string | null;
}

export interface Evidence {
  at: number;
  count?: number | null;
  counts?: Record<string, number | null>;
  objects?: { id: string; label: string; since: number }[];
  /** reference to a picture: a Frigate event id or a URL the device sent */
  snapshot?: string | null;
  alarmType?: string;
  alarmId?: number | null;
  value?: number | null;
  /** alarms received during the episode */
  alarms?: number;
  [k: string]: unknown;
}

export interface EpisodeState {
  firedAt: number;
  lastUpdateAt: number;
  updates: number;
  peak: number | null;
  alarms: number;
  /** evidence changed since the last "updated" effect */
  dirty: boolean;
  evidence: Evidence;
}

export interface SceneState {
  phase: Phase;
  /** when the current pending/clearing phase started */
  since: number | null;
  dueAt: number | null;
  cooldownUntil: number | null;
  counts: Record<string, number | null>;
  objects: Record<string, TrackedObject>;
  lastAlarm: { at: number; type: string; value: number | null; alarmId: number | null; cleared: boolean; snapshot: string | null } | null;
  /** inactivity and device offline: set by their sweeps */
  condition: { on: boolean; at: number; evidence: Record<string, unknown> } | null;
  /** zone occupancy: since when the count has been at or above N */
  aboveSince?: number | null;
  /** presence: objects that ended (id → when), so a late update cannot bring one back */
  ended?: Record<string, number>;
  episode: EpisodeState | null;
}

export type SceneInput =
  | { kind: 'count'; label: string; count: number | null; at: number }
  /** present: in the zone now; ended: the object (Frigate event or review) is over */
  | { kind: 'object'; id: string; label: string; present: boolean; ended?: boolean; since: number; snapshot: string | null; at: number }
  /** the source restarted: counts are unknown and tracked objects are gone */
  | { kind: 'reset'; at: number }
  | { kind: 'alarm'; type: string; cleared: boolean; value: number | null; alarmId: number | null; snapshot: string | null; at: number }
  | { kind: 'condition'; on: boolean; evidence: Record<string, unknown>; at: number }
  | { kind: 'tick'; at: number }
  | { kind: 'case_closed'; at: number };

export interface SceneEffect {
  type: 'fired' | 'updated' | 'cleared';
  at: number;
  evidence: Evidence;
  /** why it cleared: condition, schedule, case_closed */
  reason?: string;
}

/** Evidence updates are emitted at most this often while a scene is active (the latest
 * evidence is always kept on the episode). */
export const UPDATE_EVERY_MS = 30_000;

export function initialState(): SceneState {
  return { phase: 'idle', since: null, dueAt: null, cooldownUntil: null, counts: {}, objects: {}, lastAlarm: null, condition: null, episode: null };
}

interface Condition {
  fire: boolean;
  hold: boolean;
  /** when the condition started, if the input says (presence, alarms); else "now" */
  since: number | null;
  measure: number | null;
}

function condition(def: SceneDef, s: SceneState, now: number): Condition {
  switch (def.kind) {
    case 'zone_occupancy': {
      const p = def.params as ZoneOccupancyParams;
      const known = p.labels.map((l) => s.counts[l]).filter((v): v is number => typeof v === 'number');
      // nothing known since a restart: neither start nor end anything
      if (known.length === 0) return { fire: false, hold: true, since: null, measure: null };
      const m = known.reduce((a, b) => a + b, 0);
      return { fire: m >= p.fireAt, hold: m >= p.clearBelow, since: s.aboveSince ?? null, measure: m };
    }
    case 'presence': {
      const objs = Object.values(s.objects);
      const since = objs.length ? Math.min(...objs.map((o) => o.since)) : null;
      return { fire: objs.length > 0, hold: objs.length > 0, since, measure: objs.length };
    }
    case 'device_alarm': {
      const p = def.params as DeviceAlarmParams;
      const a = s.lastAlarm;
      const on = !!a && !a.cleared && now < a.at + p.holdS * 1000;
      return { fire: on, hold: on, since: a?.at ?? null, measure: a?.value ?? null };
    }
    default: {
      const on = !!s.condition?.on;
      return { fire: on, hold: on, since: s.condition?.at ?? null, measure: null };
    }
  }
}

function delays(def: SceneDef): { fire: number; clear: number } {
  switch (def.kind) {
    case 'zone_occupancy': {
      const p = def.params as ZoneOccupancyParams;
      return { fire: p.fireAfterS * 1000, clear: p.clearAfterS * 1000 };
    }
    case 'presence': {
      const p = def.params as PresenceParams;
      return { fire: p.minDwellS * 1000, clear: p.clearAfterS * 1000 };
    }
    default:
      return { fire: 0, clear: 0 };
  }
}

function evidenceOf(def: SceneDef, s: SceneState, now: number, c: Condition): Evidence {
  switch (def.kind) {
    case 'zone_occupancy':
      return { at: now, count: c.measure, counts: { ...s.counts } };
    case 'presence': {
      const objs = Object.entries(s.objects).sort((a, b) => a[1].since - b[1].since);
      const latest = [...objs].reverse().find(([, o]) => o.snapshot)?.[1].snapshot ?? null;
      return { at: now, count: objs.length, objects: objs.map(([id, o]) => ({ id, label: o.label, since: o.since })), snapshot: latest };
    }
    case 'device_alarm': {
      const a = s.lastAlarm;
      return { at: now, alarmType: a?.type, alarmId: a?.alarmId ?? null, value: a?.value ?? null, snapshot: a?.snapshot ?? null, alarms: s.episode?.alarms ?? 1 };
    }
    default:
      return { at: now, ...(s.condition?.evidence ?? {}) };
  }
}

function applyObservation(def: SceneDef, s: SceneState, input: SceneInput): void {
  switch (input.kind) {
    case 'count': {
      s.counts[input.label] = input.count;
      const p = def.params as ZoneOccupancyParams;
      const known = p.labels.map((l) => s.counts[l]).filter((v): v is number => typeof v === 'number');
      const above = known.length > 0 && known.reduce((a, b) => a + b, 0) >= p.fireAt;
      s.aboveSince = above ? (s.aboveSince ?? input.at) : null;
      return;
    }
    case 'object': {
      const watched = (def.params as PresenceParams).labels ?? [];
      const ended = (s.ended ??= {});
      if (input.present && watched.includes(input.label) && ended[input.id] === undefined) s.objects[input.id] = { label: input.label, since: input.since, snapshot: input.snapshot ?? s.objects[input.id]?.snapshot ?? null };
      else {
        delete s.objects[input.id];
        if (input.ended) {
          ended[input.id] = input.at;
          // remember the last hundred
          const ids = Object.keys(ended);
          if (ids.length > 100) for (const id of ids.sort((a, b) => ended[a]! - ended[b]!).slice(0, ids.length - 100)) delete ended[id];
        }
      }
      return;
    }
    case 'reset':
      s.counts = {};
      s.objects = {};
      s.aboveSince = null;
      return;
    case 'alarm':
      s.lastAlarm = { at: input.at, type: input.type, value: input.value, alarmId: input.alarmId, cleared: input.cleared, snapshot: input.snapshot };
      if (!input.cleared && s.episode) s.episode.alarms++;
      return;
    case 'condition':
      s.condition = { on: input.on, at: input.on && s.condition?.on ? s.condition.at : input.at, evidence: input.evidence };
      return;
    default:
      return;
  }
}

const minDue = (...ts: (number | null | undefined)[]) => {
  const v = ts.filter((t): t is number => typeof t === 'number');
  return v.length ? Math.min(...v) : null;
};

/** Feeds one input to the machine; returns the new state and what happened. */
export function step(def: SceneDef, prev: SceneState, input: SceneInput, cal: DayCalendar): { state: SceneState; effects: SceneEffect[] } {
  const s: SceneState = structuredClone(prev);
  const effects: SceneEffect[] = [];
  const now = input.at;
  // a tick at the end of a wait (a window opening, a cool-down ending) counts from then,
  // even when the sweep comes a little later
  const waitedUntil = input.kind === 'tick' && (prev.phase === 'idle' || prev.phase === 'cooldown') && prev.dueAt !== null ? prev.dueAt : null;
  applyObservation(def, s, input);

  if (input.kind === 'case_closed') {
    if (s.episode) effects.push({ type: 'cleared', at: now, evidence: s.episode.evidence, reason: 'case_closed' });
    s.episode = null;
    s.phase = 'cooldown';
    s.since = null;
    s.cooldownUntil = now + def.cooldownS * 1000;
    s.dueAt = s.cooldownUntil;
    return { state: s, effects };
  }
  if (s.phase === 'cooldown') {
    if (s.cooldownUntil !== null && now < s.cooldownUntil) {
      s.dueAt = s.cooldownUntil;
      return { state: s, effects };
    }
    s.phase = 'idle';
    s.cooldownUntil = null;
  }

  // device alarms count at the time they happened; everything else at "now"
  const at = def.kind === 'device_alarm' && input.kind === 'alarm' ? input.at : now;
  const win = inSchedule(def.schedule, at, cal);
  const c = condition(def, s, now);
  const d = delays(def);
  const edge = () => nextBoundary(def.schedule, now, cal);
  const holdExpiry = def.kind === 'device_alarm' && s.lastAlarm && !s.lastAlarm.cleared ? s.lastAlarm.at + (def.params as DeviceAlarmParams).holdS * 1000 : null;

  const clear = (reason: string) => {
    if (s.episode) effects.push({ type: 'cleared', at: now, evidence: evidenceOf(def, s, now, c), reason });
    s.episode = null;
    s.phase = 'idle';
    s.since = null;
  };

  for (let guard = 0; guard < 4; guard++) {
    const before: Phase = s.phase;
    switch (s.phase) {
      case 'idle':
        if (c.fire && win) {
          s.phase = 'pending';
          s.since = Math.min(now, Math.max(c.since ?? now, waitedUntil ?? -Infinity));
        } else s.dueAt = c.fire && !win ? edge() : null;
        break;
      case 'pending':
        if (!c.fire || !win) {
          s.phase = 'idle';
          s.since = null;
        } else if (now >= s.since! + d.fire) {
          const evidence = evidenceOf(def, s, now, c);
          s.episode = { firedAt: now, lastUpdateAt: now, updates: 0, peak: c.measure, alarms: def.kind === 'device_alarm' ? 1 : 0, dirty: false, evidence };
          if (def.kind === 'device_alarm') evidence.alarms = 1;
          effects.push({ type: 'fired', at: now, evidence });
          s.phase = 'active';
          s.since = null;
        } else s.dueAt = s.since! + d.fire;
        break;
      case 'active':
      case 'clearing': {
        if (!win) {
          clear('schedule');
          break;
        }
        if (s.phase === 'active' && !c.hold) {
          s.phase = 'clearing';
          s.since = now;
        } else if (s.phase === 'clearing' && c.hold) {
          s.phase = 'active';
          s.since = null;
        }
        if (s.phase === 'clearing' && now >= s.since! + d.clear) {
          clear('condition');
          break;
        }
        const ep = s.episode!;
        const ev = evidenceOf(def, s, now, c);
        if (changed(ep.evidence, ev)) {
          ep.evidence = ev;
          ep.dirty = true;
          if (c.measure !== null && (ep.peak === null || c.measure > ep.peak)) ep.peak = c.measure;
        }
        if (ep.dirty && now - ep.lastUpdateAt >= UPDATE_EVERY_MS) {
          effects.push({ type: 'updated', at: now, evidence: ep.evidence });
          ep.dirty = false;
          ep.lastUpdateAt = now;
          ep.updates++;
        }
        s.dueAt = minDue(s.phase === 'clearing' ? s.since! + d.clear : null, edge(), holdExpiry, ep.dirty ? ep.lastUpdateAt + UPDATE_EVERY_MS : null);
        break;
      }
      default:
        break;
    }
    if (s.phase === before) break;
  }
  return { state: s, effects };
}

/** Evidence worth telling the case about: a new count, object, picture or alarm. */
function changed(a: Evidence, b: Evidence): boolean {
  return a.count !== b.count || a.snapshot !== b.snapshot || a.alarmId !== b.alarmId || a.alarms !== b.alarms || JSON.stringify(a.objects) !== JSON.stringify(b.objects) || JSON.stringify(strip(a)) !== JSON.stringify(strip(b));
}

function strip(e: Evidence): Record<string, unknown> {
  const { at: _at, counts: _c, objects: _o, ...rest } = e;
  return rest;
}

/** The inactivity threshold of a scene in milliseconds. */
export const inactivityMs = (def: SceneDef) => (def.params as InactivityParams).hours * 3600_000;
