import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ageBand, ageOn, birthDateRange, AGE_BANDS } from './age.js';

const day = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('ages and bands', () => {
  it('counts whole years, a birthday counting from its day', () => {
    expect(ageOn('1946-12-01', '2026-11-30')).toBe(79);
    expect(ageOn('1946-11-30', '2026-11-30')).toBe(80);
    expect(ageOn('1944-02-29', '2025-02-28')).toBe(80);
    expect(ageOn('1944-02-29', '2025-03-01')).toBe(81);
  });

  it('puts ages into the register’s bands', () => {
    expect([59, 60, 69, 70, 79, 80, 89, 90, 104].map(ageBand)).toEqual([null, '60-69', '60-69', '70-79', '70-79', '80-89', '80-89', '90+', '90+']);
  });

  it('the birth-date range of a band holds exactly the people of that band on that day', () => {
    fc.assert(
      fc.property(day, day, fc.constantFrom(...AGE_BANDS), (birth, today, band) => {
        const [earliest, latest] = birthDateRange(band, today);
        const inRange = birth <= latest && (earliest === null || birth >= earliest);
        return inRange === (ageBand(ageOn(birth, today)) === band);
      }),
      { numRuns: 3000 },
    );
  });
});
