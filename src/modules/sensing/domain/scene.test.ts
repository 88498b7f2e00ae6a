// The scene state machine without I/O: examples for each kind of scene and properties
// (fast-check) that hold for any sequence of counts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { initialState, step, UPDATE_EVERY_MS, type SceneEffect, type SceneInput, type SceneState } from './scene.js';
import { inSchedule, nextBoundary, type DayCalendar } from './schedule.js';
import type { SceneDef } from './types.js';

const weekdays: DayCalendar = { isWorkday: (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) };
const T0 = Date.parse('2026-03-02T00:00:00Z'); // Monday 08:00 Shanghai

function def(kind: SceneDef['kind'], params: Record<string, unknown>, extra: Partial<SceneDef> = {}): SceneDef {
  return { id: 1, tenantId: 't', code: 'S', name: 'S', kind, params: params as never, schedule: [], categoryCode: '09010', grade: 'normal', autoRegister: false, departmentId: null, cooldownS: 600, enabled: true, ...extra };
}

/** Feeds inputs in order, ticking whenever the machine asked to be woken before the next one. */
function drive(d: SceneDef, inputs: SceneInput[], until?: number, cal: DayCalendar = weekdays) {
  let s: SceneState = initialState();
  const effects: SceneEffect[] = [];
  const feed = (i: SceneInput) => {
    const r = step(d, s, i, cal);
    s = r.state;
    effects.push(...r.effects);
  };
  const tickUntil = (t: number) => {
    for (let guard = 0; guard < 1000 && s.dueAt !== null && s.dueAt <= t; guard++) feed({ kind: 'tick', at: s.dueAt });
  };
  for (const i of inputs) {
    tickUntil(i.at);
    feed(i);
  }
  if (until !== undefined) tickUntil(until);
  return { state: s, effects };
}

const occupancy = def('zone_occupancy', { zoneIds: [1], labels: ['bicycle'], fireAt: 10, fireAfterS: 60, clearBelow: 5, clearAfterS: 120 });
const count = (at: number, n: number | null): SceneInput => ({ kind: 'count', label: 'bicycle', count: n, at });

describe('zone occupancy', () => {
  it('fires after the count has been at least N for T, with the count as evidence', () => {
    const { effects, state } = drive(occupancy, [count(T0, 12)], T0 + 60_000);
    expect(effects.map((e) => e.type)).toEqual(['fired']);
    expect(effects[0]!.at).toBe(T0 + 60_000);
    expect(effects[0]!.evidence).toMatchObject({ count: 12 });
    expect(state.phase).toBe('active');
  });

  it('hysteresis: between N′ and N it stays active; below N′ for T′ it clears; back above N′ in time it does not', () => {
    const inputs = [count(T0, 12), count(T0 + 70_000, 7), count(T0 + 80_000, 3), count(T0 + 150_000, 6), count(T0 + 160_000, 2)];
    const edges = (es: SceneEffect[]) => es.filter((e) => e.type !== 'updated');
    const { effects } = drive(occupancy, inputs, T0 + 279_000);
    expect(edges(effects).map((e) => e.type)).toEqual(['fired']);
    const later = drive(occupancy, inputs, T0 + 281_000);
    expect(edges(later.effects).map((e) => e.type)).toEqual(['fired', 'cleared']);
    expect(edges(later.effects)[1]).toMatchObject({ reason: 'condition', at: T0 + 280_000 });
  });

  it('an unknown count (source restarted) neither fires nor clears', () => {
    const { effects, state } = drive(occupancy, [count(T0, 12), { kind: 'reset', at: T0 + 30_000 }], T0 + 600_000);
    expect(effects).toEqual([]);
    expect(state.phase).toBe('idle');
    const active = drive(occupancy, [count(T0, 12), { kind: 'reset', at: T0 + 90_000 }], T0 + 900_000);
    expect(active.effects.filter((e) => e.type !== 'updated').map((e) => e.type)).toEqual(['fired']);
    expect(active.state.phase).toBe('active');
  });

  it('evidence updates are emitted at most every 30 s while active; the latest is always kept', () => {
    const inputs = [count(T0, 12), count(T0 + 61_000, 13), count(T0 + 62_000, 14), count(T0 + 63_000, 15)];
    const { effects, state } = drive(occupancy, inputs, T0 + 120_000);
    expect(effects.map((e) => e.type)).toEqual(['fired', 'updated']);
    expect(effects[1]).toMatchObject({ at: T0 + 60_000 + UPDATE_EVERY_MS, evidence: { count: 15 } });
    expect(state.episode!.peak).toBe(15);
  });

  it('windows: counts outside the window wait; the window opening starts the wait; its end clears', () => {
    const d = { ...occupancy, schedule: [{ days: 'working' as const, from: '07:30', to: '09:30' }] };
    const early = Date.parse('2026-03-01T22:00:00Z'); // Monday 06:00
    const opens = Date.parse('2026-03-01T23:30:00Z');
    const { effects } = drive(d, [count(early, 20)], opens + 60_000);
    expect(effects.map((e) => [e.type, e.at])).toEqual([['fired', opens + 60_000]]);
    const closes = Date.parse('2026-03-02T01:30:00Z');
    const all = drive(d, [count(early, 20)], closes);
    expect(all.effects.map((e) => [e.type, e.reason ?? null])).toEqual([
      ['fired', null],
      ['cleared', 'schedule'],
    ]);
    // Saturday: a working-day window never opens
    const sat = Date.parse('2026-03-07T00:00:00Z');
    expect(drive(d, [count(sat, 20)], sat + 3600_000).effects).toEqual([]);
  });

  it('property: it fires exactly when some run of counts ≥ N lasts T; fired and cleared alternate', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ gap: fc.integer({ min: 1, max: 200 }), n: fc.integer({ min: 0, max: 20 }) }), { minLength: 1, maxLength: 30 }), (steps) => {
        let t = T0;
        const inputs = steps.map((s) => count((t += s.gap * 1000), s.n));
        const end = t + 1000;
        const { effects } = drive(occupancy, inputs, end);
        // reference: the longest stretch with count ≥ 10, the last one lasting until `end`
        let longest = 0;
        let since: number | null = null;
        for (const i of inputs as { at: number; count: number }[]) {
          if (i.count >= 10) since ??= i.at;
          else if (since !== null) {
            longest = Math.max(longest, i.at - since);
            since = null;
          }
        }
        if (since !== null) longest = Math.max(longest, end - since);
        const fired = effects.some((e) => e.type === 'fired');
        expect(fired).toBe(longest >= 60_000);
        const seq = effects.filter((e) => e.type !== 'updated').map((e) => e.type);
        seq.forEach((x, i) => expect(x).toBe(i % 2 === 0 ? 'fired' : 'cleared'));
        // an update only ever follows a firing
        const firstUpdate = effects.findIndex((e) => e.type === 'updated');
        if (firstUpdate >= 0) expect(effects.slice(0, firstUpdate).some((e) => e.type === 'fired')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('presence, device alarms, conditions and the cool-down', () => {
  const presence = def('presence', { zoneIds: [1], labels: ['person'], minDwellS: 30, clearAfterS: 10 });
  const obj = (at: number, present: boolean, id = 'o1', since = T0): SceneInput => ({ kind: 'object', id, label: 'person', present, since, snapshot: present ? `snap-${id}` : null, at });

  it('presence counts from when the object appeared; an unwatched label is ignored', () => {
    const { effects } = drive(presence, [obj(T0 + 5_000, true)], T0 + 30_000);
    expect(effects.map((e) => [e.type, e.at])).toEqual([['fired', T0 + 30_000]]);
    expect(effects[0]!.evidence).toMatchObject({ count: 1, snapshot: 'snap-o1' });
    const car = drive(presence, [{ kind: 'object', id: 'c', label: 'car', present: true, since: T0, snapshot: null, at: T0 }], T0 + 3600_000);
    expect(car.effects).toEqual([]);
    const gone = drive(presence, [obj(T0, true), obj(T0 + 40_000, false)], T0 + 60_000);
    expect(gone.effects.map((e) => e.type)).toEqual(['fired', 'cleared']);
  });

  it('an object that left the zone may come back; an ended one may not (a late update after the end)', () => {
    const left = drive(presence, [obj(T0, true), { ...obj(T0 + 40_000, false), ended: false } as SceneInput, obj(T0 + 45_000, true)], T0 + 80_000);
    expect(left.state.objects).toHaveProperty('o1');
    const late = drive(presence, [obj(T0, true), { ...obj(T0 + 40_000, false), ended: true } as SceneInput, obj(T0 + 41_000, true)], T0 + 120_000);
    expect(late.state.objects).toEqual({});
    expect(late.effects.filter((e) => e.type !== 'updated').map((e) => e.type)).toEqual(['fired', 'cleared']);
  });

  const smoke = def('device_alarm', { deviceKinds: ['smoke'], alarmTypes: ['smoke'], holdS: 600 });
  const alarm = (at: number, cleared = false, alarmId = 1): SceneInput => ({ kind: 'alarm', type: 'smoke', cleared, value: null, alarmId, snapshot: null, at });

  it('a device alarm fires at once, repeats are evidence, a "cleared" alarm or silence past the hold clears it', () => {
    const { effects } = drive(smoke, [alarm(T0), alarm(T0 + 40_000, false, 2), alarm(T0 + 50_000, true, 3)]);
    expect(effects.map((e) => e.type)).toEqual(['fired', 'updated', 'cleared']);
    expect(effects[1]!.evidence).toMatchObject({ alarmId: 2, alarms: 2 });
    const silent = drive(smoke, [alarm(T0)], T0 + 600_000);
    expect(silent.effects.map((e) => [e.type, e.at])).toEqual([
      ['fired', T0],
      ['cleared', T0 + 600_000],
    ]);
  });

  it('charging over-current counts only at night (a window across midnight)', () => {
    const night = { ...smoke, schedule: [{ days: 'all' as const, from: '22:00', to: '06:00' }] };
    const noon = Date.parse('2026-03-02T04:00:00Z');
    expect(drive(night, [alarm(noon)]).effects).toEqual([]);
    const late = Date.parse('2026-03-02T16:30:00Z'); // 00:30 Shanghai
    expect(drive(night, [alarm(late)]).effects.map((e) => e.type)).toEqual(['fired']);
  });

  it('after the case closes, firing is held back for the cool-down, then resumes if the condition still holds', () => {
    const d = { ...occupancy, cooldownS: 600 };
    let s = drive(d, [count(T0, 12)], T0 + 60_000).state;
    const closed = step(d, s, { kind: 'case_closed', at: T0 + 100_000 }, weekdays);
    expect(closed.effects.map((e) => [e.type, e.reason])).toEqual([['cleared', 'case_closed']]);
    s = closed.state;
    expect(s).toMatchObject({ phase: 'cooldown', dueAt: T0 + 700_000 });
    // counts keep coming during the cool-down: nothing fires
    let r = step(d, s, count(T0 + 200_000, 30), weekdays);
    expect(r.effects).toEqual([]);
    r = step(d, r.state, { kind: 'tick', at: T0 + 700_000 }, weekdays);
    expect(r.state.phase).toBe('pending');
    r = step(d, r.state, { kind: 'tick', at: T0 + 760_000 }, weekdays);
    expect(r.effects.map((e) => e.type)).toEqual(['fired']);
  });

  it('inactivity and offline follow their sweep’s condition', () => {
    const d = def('inactivity', { deviceKinds: ['water_meter'], hours: 12 });
    const { effects } = drive(d, [
      { kind: 'condition', on: true, evidence: { silentHours: 13 }, at: T0 },
      { kind: 'condition', on: true, evidence: { silentHours: 14 }, at: T0 + 3600_000 },
      { kind: 'condition', on: false, evidence: { silentHours: 0 }, at: T0 + 7200_000 },
    ]);
    expect(effects.map((e) => e.type)).toEqual(['fired', 'updated', 'cleared']);
    expect(effects[0]!.evidence).toMatchObject({ silentHours: 13 });
  });
});

describe('schedule windows', () => {
  const w = [{ days: 'working' as const, from: '07:30', to: '09:30' }, { days: 'all' as const, from: '22:00', to: '02:00' }];
  const at = (iso: string) => Date.parse(iso);
  it('inside and outside, across midnight, on rest days', () => {
    expect(inSchedule(w, at('2026-03-02T00:00:00Z'), weekdays)).toBe(true); // Mon 08:00
    expect(inSchedule(w, at('2026-03-02T02:00:00Z'), weekdays)).toBe(false); // Mon 10:00
    expect(inSchedule(w, at('2026-03-07T00:00:00Z'), weekdays)).toBe(false); // Sat 08:00
    expect(inSchedule(w, at('2026-03-07T17:00:00Z'), weekdays)).toBe(true); // Sun 01:00, window from Sat 22:00
    expect(inSchedule([], at('2026-03-07T05:00:00Z'), weekdays)).toBe(true);
  });
  it('the next boundary skips rest days', () => {
    // Friday 10:00 → Friday 22:00 (the all-days window opens)
    expect(nextBoundary(w, at('2026-03-06T02:00:00Z'), weekdays)).toBe(at('2026-03-06T14:00:00Z'));
    const onlyWork = [w[0]!];
    // Friday 10:00 → Monday 07:30
    expect(nextBoundary(onlyWork, at('2026-03-06T02:00:00Z'), weekdays)).toBe(at('2026-03-08T23:30:00Z'));
    expect(nextBoundary([], at('2026-03-06T02:00:00Z'), weekdays)).toBeNull();
  });
});
