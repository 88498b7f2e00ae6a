import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { placeFor, promotions, waitlistPosition } from './waitlist.js';
import { rankWithin, validHours } from './ranking.js';
import { allowedNext, canMove } from './orderStatus.js';

const reg = (id: number, minute: number) => ({ id, registeredAt: new Date(Date.UTC(2026, 0, 1, 9, minute)) });

describe('places and the waiting list', () => {
  it('confirmed while places last, then waiting; no limit means always confirmed', () => {
    expect(placeFor(2, 0)).toBe('confirmed');
    expect(placeFor(2, 1)).toBe('confirmed');
    expect(placeFor(2, 2)).toBe('waitlisted');
    expect(placeFor(null, 5000)).toBe('confirmed');
  });

  it('a freed place goes to whoever has waited longest; ties by registration id', () => {
    const waiting = [reg(7, 30), reg(5, 10), reg(6, 10)];
    expect(promotions(3, 2, waiting).map((r) => r.id)).toEqual([5]);
    expect(promotions(5, 2, waiting).map((r) => r.id)).toEqual([5, 6, 7]);
    expect(promotions(2, 2, waiting)).toEqual([]);
    expect(waitlistPosition(reg(7, 30), waiting)).toBe(3);
    expect(waitlistPosition(reg(6, 10), waiting)).toBe(2);
  });

  it('never more confirmed than the capacity, whatever the order of events', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.array(fc.boolean(), { maxLength: 60 }), (capacity, ops) => {
        // true = someone registers, false = the earliest confirmed cancels
        let confirmed: number[] = [];
        let waiting: { id: number; registeredAt: Date }[] = [];
        let next = 1;
        for (const op of ops) {
          if (op) {
            const r = reg(next++, next);
            if (placeFor(capacity, confirmed.length) === 'confirmed') confirmed.push(r.id);
            else waiting.push(r);
          } else if (confirmed.length) {
            confirmed = confirmed.slice(1);
            const up = promotions(capacity, confirmed.length, waiting);
            confirmed.push(...up.map((u) => u.id));
            waiting = waiting.filter((w) => !up.includes(w));
          }
          if (confirmed.length > capacity) return false;
          if (waiting.length > 0 && confirmed.length < capacity) return false;
        }
        return true;
      }),
    );
  });
});

describe('楼组志愿星 ranking', () => {
  it('ranks within each building, sharing places for equal hours', () => {
    const r = rankWithin([
      { volunteerId: 1, name: '甲', buildingId: 10, hours: 12 },
      { volunteerId: 2, name: '乙', buildingId: 10, hours: 20 },
      { volunteerId: 3, name: '丙', buildingId: 10, hours: 12 },
      { volunteerId: 4, name: '丁', buildingId: 10, hours: 3 },
      { volunteerId: 5, name: '戊', buildingId: 11, hours: 1 },
    ]);
    expect(r.get(10)!.map((x) => [x.volunteerId, x.rank])).toEqual([
      [2, 1],
      [3, 2],
      [1, 2],
      [4, 4],
    ]);
    expect(r.get(11)!.map((x) => x.rank)).toEqual([1]);
  });

  it('hours are half-hour steps up to 12 a day', () => {
    expect([0, 0.5, 1.5, 12, 12.5, 0.3].map(validHours)).toEqual([false, true, true, true, false, false]);
  });
});

describe('service order states', () => {
  it('moves forward only', () => {
    expect(allowedNext('requested')).toEqual(['accepted', 'cancelled']);
    expect(canMove('accepted', 'done')).toBe(false);
    expect(canMove('in_progress', 'done')).toBe(true);
    expect(canMove('done', 'cancelled')).toBe(false);
  });
});
