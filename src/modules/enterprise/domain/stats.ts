// Indicators of the centre, computed from counts: the on-time completion rate
// (按期办结率 = completed within the limit / completed), satisfaction, coverage.
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

export function average(sum: number, n: number): number | null {
  return n > 0 ? Math.round((sum / n) * 100) / 100 : null;
}

/** Months (YYYY-MM) from the month of `from` to the month of `to`, inclusive. */
export function monthsBetween(fromMonth: string, toMonth: string): string[] {
  const out: string[] = [];
  let [y, m] = fromMonth.split('-').map(Number) as [number, number];
  const [ty, tm] = toMonth.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
    if (out.length > 240) break;
  }
  return out;
}
