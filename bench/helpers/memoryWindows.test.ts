import { describe, expect, it } from 'vitest';
import { memoryWindows } from './memoryWindows.js';

const MB = 1 << 20;
// one sample every 5 s over a 600 s run
const run = (rssAt: (t: number) => number) => Array.from({ length: 121 }, (_, i) => ({ t: i * 5, rss: rssAt(i * 5) * MB, heap: 100 * MB }));

describe('memory growth over a soak', () => {
  it('reads a collection cycle as no growth, wherever the first and last readings fall in it', () => {
    // 300 MB ± 60 MB with a 70 s period: single readings would say anything from −33 % to +50 %
    const w = memoryWindows(run((t) => 300 + 60 * Math.sin((2 * Math.PI * t) / 70)), 600);
    expect(Math.abs(w.growthPct)).toBeLessThan(5);
    expect(w.min).toBeLessThan(250 * MB);
    expect(w.max).toBeGreaterThan(350 * MB);
  });

  it('reads a steady climb as growth, in both halves', () => {
    // a leak of 0.1 MB/s on top of the same cycle: +60 MB over the run
    const w = memoryWindows(run((t) => 300 + 0.1 * t + 60 * Math.sin((2 * Math.PI * t) / 70)), 600);
    expect(w.growthPct).toBeGreaterThan(10);
    expect(w.secondHalfGrowthPct).toBeGreaterThan(5);
  });

  it('works for a short run', () => {
    const w = memoryWindows([{ t: 0, rss: 100 * MB, heap: 1 }, { t: 60, rss: 120 * MB, heap: 1 }], 60);
    expect(w.growthPct).toBeCloseTo(20);
  });
});
