// The parsers without a broker: Frigate payloads of several versions, counts and
// availability, native alarms and telemetry.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frigateTopic, parseAvailable, parseCount, parseFrigateEvent, parseFrigateReview } from './frigate.js';
import { normaliseAlarm, normaliseTelemetry, parseTimestamp } from './native.js';

const FIXTURES = '/work/shared/fixtures/frigate';
const now = Date.parse('2026-11-30T08:00:00Z');

describe('Frigate', () => {
  it.skipIf(!fs.existsSync(FIXTURES))('the shared fixtures parse', () => {
    const ev = fs.readFileSync(`${FIXTURES}/events_update.json`, 'utf8');
    const r = parseFrigateEvent(JSON.parse(ev), ev);
    expect(r).toMatchObject({ ok: true, value: { type: 'update', id: '1607123955.475377-mxklsc', camera: 'front_door', label: 'person', subLabel: 'John Smith', currentZones: ['yard', 'driveway'], startTime: 1607123955475, endTime: null } });
    const rv = fs.readFileSync(`${FIXTURES}/reviews_update.json`, 'utf8');
    expect(parseFrigateReview(JSON.parse(rv), rv)).toMatchObject({ ok: true, value: { severity: 'alert', camera: 'front_cam', zones: ['front_yard'], objects: ['person', 'car'] } });
  });

  it('older and newer versions: only before, no frame time, unknown fields, odd types', () => {
    const old = { type: 'end', before: { id: 'x', camera: 'c', label: 'bicycle', start_time: 1700000000.5, end_time: 1700000100, current_zones: 'not a list', stationary: 'yes' } };
    const r = parseFrigateEvent(old, JSON.stringify(old));
    expect(r).toMatchObject({ ok: true, value: { type: 'end', endTime: 1700000100000, currentZones: [], stationary: false } });
    // two different messages of one event have different keys; the same bytes the same key
    const a = parseFrigateEvent({ ...old, type: 'update' }, 'a');
    const b = parseFrigateEvent({ ...old, type: 'update' }, 'b');
    expect(a.ok && b.ok && a.value.key !== b.value.key).toBe(true);
    expect(parseFrigateEvent({ type: 'new', after: { camera: 'c' } }, '{}')).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parseFrigateEvent([1, 2], '[1,2]')).toMatchObject({ ok: false });
  });

  it('counts, availability and topics', () => {
    expect(parseCount(' 12\n')).toEqual({ ok: true, value: 12 });
    expect(parseCount('-1').ok).toBe(false);
    expect(parseCount('3.5').ok).toBe(false);
    expect(parseAvailable('online')).toEqual({ ok: true, value: true });
    expect(parseAvailable('stopped')).toEqual({ ok: true, value: false });
    expect(parseAvailable('maybe').ok).toBe(false);
    expect(frigateTopic(['events'])).toEqual({ sub: 'events' });
    expect(frigateTopic(['fy_north_walk', 'bicycle'])).toEqual({ sub: 'count', name: 'fy_north_walk', label: 'bicycle' });
    expect(frigateTopic(['cam', 'person', 'snapshot'])).toEqual({ sub: 'other' });
  });

  it('property: no payload makes the parsers throw', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const s = JSON.stringify(v) ?? '';
        parseFrigateEvent(v, s);
        parseFrigateReview(v, s);
        normaliseAlarm(v, now);
        normaliseTelemetry(v, 'water_meter', now);
      }),
      { numRuns: 500 },
    );
  });
});

describe('native messages', () => {
  it('timestamps: ISO with a zone, Unix seconds or milliseconds; nothing vague or far off', () => {
    expect(parseTimestamp('2026-11-30T16:00:00+08:00', now)).toBe(now);
    expect(parseTimestamp(now / 1000, now)).toBe(now);
    expect(parseTimestamp(now, now)).toBe(now);
    expect(parseTimestamp('2026-11-30 16:00:00', now)).toBeNull();
    expect(parseTimestamp('1999-01-01T00:00:00Z', now)).toBeNull();
    expect(parseTimestamp(now + 3 * 86_400_000, now)).toBeNull();
  });

  it('the idempotency key is the id, else the time, type and state', () => {
    expect(normaliseAlarm({ id: 'a', type: 'smoke' }, now)).toMatchObject({ ok: true, value: { key: 'id:a', at: now, state: 'raised' } });
    expect(normaliseAlarm({ ts: now, type: 'smoke', state: 'cleared' }, now)).toMatchObject({ ok: true, value: { key: `ts:${now}:smoke:cleared` } });
    expect(normaliseAlarm({ type: 'smoke' }, now)).toMatchObject({ ok: false, detail: expect.stringContaining('id or ts') });
  });

  it('care sensors: water used or a door opened is activity', () => {
    expect(normaliseTelemetry({ values: { flow_l: 2 } }, 'water_meter', now)).toMatchObject({ ok: true, value: { activity: true } });
    expect(normaliseTelemetry({ values: { flow_l: 0 } }, 'water_meter', now)).toMatchObject({ ok: true, value: { activity: false } });
    expect(normaliseTelemetry({ values: { openings: 1 } }, 'door_sensor', now)).toMatchObject({ ok: true, value: { activity: true } });
    expect(normaliseTelemetry({ values: { openings: 1 } }, 'smoke', now)).toMatchObject({ ok: true, value: { activity: false } });
    expect(normaliseTelemetry({ values: { x: { nested: true } } }, 'generic', now).ok).toBe(false);
  });
});
