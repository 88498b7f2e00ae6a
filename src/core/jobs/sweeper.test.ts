import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { Registry } from 'prom-client';
import { Sweeper } from './sweeper.js';

describe('sweeper', () => {
  it('never overlaps runs of one sweep and counts handled items', async () => {
    const s = new Sweeper(pino({ level: 'silent' }), new Registry(), false);
    let active = 0;
    let maxActive = 0;
    s.every('x', 1000, async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      return 2;
    });
    const results = await Promise.all([s.runNow('x'), s.runNow('x'), s.runNow('x')]);
    expect(results).toEqual([2, 2, 2]);
    expect(maxActive).toBe(1);
    await s.stop();
  });

  it('a failing run is logged and does not stop later runs', async () => {
    const s = new Sweeper(pino({ level: 'silent' }), new Registry(), false);
    let calls = 0;
    s.every('y', 1000, async () => {
      calls++;
      if (calls === 1) throw new Error('db down');
      return 1;
    });
    expect(await s.runNow('y')).toBe(0);
    expect(await s.runNow('y')).toBe(1);
    expect(() => s.every('y', 5, async () => 0)).toThrow(/twice/);
    await s.stop();
  });

  it('runs on its own when started', async () => {
    const s = new Sweeper(pino({ level: 'silent' }), new Registry(), true);
    let calls = 0;
    s.every('z', 10, async () => void calls++);
    await new Promise((r) => setTimeout(r, 80));
    await s.stop();
    expect(calls).toBeGreaterThan(1);
  });
});
