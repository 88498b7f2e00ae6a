// Exact quantities: areas in hundredths of a square metre and money in cents, as
// BigInt, parsed from decimal strings without ever passing through a float.
const DECIMAL = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "123.4" → 12340n; null when the text is not a non-negative number with ≤ 2 decimals. */
export function parseHundredths(text: string): bigint | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

export function formatHundredths(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

/** An exact ratio and its percentage for display (rounded half up to two decimals). */
export interface Ratio {
  num: string;
  den: string;
  percent: string;
}

export function ratio(num: bigint, den: bigint): Ratio {
  if (den === 0n) return { num: String(num), den: '0', percent: '0.00' };
  // percent × 100, rounded half up: (num × 10000 × 2 + den) / (2 × den)
  const hundredths = (num * 20000n + den) / (2n * den);
  return { num: String(num), den: String(den), percent: formatHundredths(hundredths) };
}
