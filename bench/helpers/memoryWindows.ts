// A node's RSS follows V8's collection cycle: it climbs for a minute or so, then a major
// collection gives memory back (±15–30 % under the soak's load). Two single readings
// taken at different points of that cycle report the cycle, not growth. Growth is read
// from the mean of the samples of the first, middle and last windows of the run (a fifth
// of it, at least 30 s — longer than one cycle); a leak raises every window's mean.
export interface MemSample {
  /** seconds since the measured window began */
  t: number;
  rss: number;
  heap: number;
}

export interface MemWindows {
  first: { rss: number; heap: number };
  mid: { rss: number; heap: number };
  last: { rss: number; heap: number };
  min: number;
  max: number;
  /** % from the first window's mean to the last's */
  growthPct: number;
  /** % from the middle window's mean to the last's */
  secondHalfGrowthPct: number;
}

export function windowSeconds(seconds: number): number {
  return Math.min(seconds / 3, Math.max(30, seconds / 5));
}

const mean = (xs: MemSample[], k: 'rss' | 'heap') => xs.reduce((s, x) => s + x[k], 0) / xs.length;

export function memoryWindows(samples: MemSample[], seconds: number): MemWindows {
  if (samples.length === 0) throw new Error('no memory samples');
  const w = windowSeconds(seconds);
  const pick = (from: number, to: number) => {
    const xs = samples.filter((s) => s.t >= from && s.t <= to);
    // a window without a sample falls back to the sample nearest its middle
    const mid = (from + to) / 2;
    return xs.length ? xs : [samples.reduce((a, b) => (Math.abs(b.t - mid) < Math.abs(a.t - mid) ? b : a))];
  };
  const first = pick(0, w);
  const mid = pick(seconds / 2 - w / 2, seconds / 2 + w / 2);
  const last = pick(seconds - w, Infinity);
  const m = (xs: MemSample[]) => ({ rss: mean(xs, 'rss'), heap: mean(xs, 'heap') });
  const f = m(first);
  const md = m(mid);
  const l = m(last);
  return {
    first: f,
    mid: md,
    last: l,
    min: Math.min(...samples.map((s) => s.rss)),
    max: Math.max(...samples.map((s) => s.rss)),
    growthPct: ((l.rss - f.rss) / f.rss) * 100,
    secondHalfGrowthPct: ((l.rss - md.rss) / md.rss) * 100,
  };
}
