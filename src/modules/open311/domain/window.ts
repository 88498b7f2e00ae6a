// The time window of a list: the standard caps a span at 90 days and, when no dates are
// given, answers for the most recent 90 days (and at most 1,000 items).
export const MAX_SPAN_DAYS = 90;
export const MAX_ITEMS = 1000;
const DAY = 86_400_000;

export type Window = { ok: true; from: Date; to: Date } | { ok: false; field: 'start_date' | 'end_date'; code: string; params?: Record<string, unknown> };

export function listWindow(now: Date, start?: Date, end?: Date, spanDays = MAX_SPAN_DAYS): Window {
  const span = spanDays * DAY;
  if (start && end) {
    if (end < start) return { ok: false, field: 'end_date', code: 'open311.end_before_start' };
    if (end.getTime() - start.getTime() > span) return { ok: false, field: 'end_date', code: 'open311.span', params: { days: spanDays } };
    return { ok: true, from: start, to: end };
  }
  if (start) return { ok: true, from: start, to: new Date(start.getTime() + span) };
  const to = end ?? now;
  return { ok: true, from: new Date(to.getTime() - span), to };
}
