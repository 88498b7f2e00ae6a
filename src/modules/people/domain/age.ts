// Ages and the age bands of the elderly register, on local (Asia/Shanghai) dates.
export const AGE_BANDS = ['60-69', '70-79', '80-89', '90+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Whole years between a birth date and a day (both YYYY-MM-DD). A 29 February birthday
 * counts from 1 March in common years. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  return age;
}

export function ageBand(age: number): AgeBand | null {
  if (age < 60) return null;
  if (age < 70) return '60-69';
  if (age < 80) return '70-79';
  if (age < 90) return '80-89';
  return '90+';
}

/** Birth dates of people in a band on a day: [earliest, latest] inclusive, for SQL filters. */
export function birthDateRange(band: AgeBand, day: string): [string | null, string] {
  const [lo, hi] = { '60-69': [60, 69], '70-79': [70, 79], '80-89': [80, 89], '90+': [90, null] }[band] as [number, number | null];
  const shift = (years: number, plusDay: boolean) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y - years, m - 1, d));
    // Feb 29 minus whole years lands on 1 March in common years; step back to the 28th
    if (t.getUTCMonth() !== m - 1) t.setUTCDate(0);
    if (plusDay) t.setUTCDate(t.getUTCDate() + 1);
    return t.toISOString().slice(0, 10);
  };
  // aged at least lo: born on or before day − lo years; aged at most hi: born after day − (hi+1) years
  return [hi === null ? null : shift(hi + 1, true), shift(lo, false)];
}
