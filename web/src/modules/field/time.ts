// "2 h 15 min left" / "overdue by 30 min" for the task list.
type T = (key: string, params?: Record<string, unknown>) => string;

export function duration(ms: number, t: T): string {
  const min = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  const d = Math.floor(min / (24 * 60));
  const h = Math.floor((min % (24 * 60)) / 60);
  const m = min % 60;
  const parts = [];
  if (d) parts.push(t('field.time.days', { n: d }));
  if (h) parts.push(t('field.time.hours', { n: h }));
  if (m && !d) parts.push(t('field.time.minutes', { n: m }));
  return parts.join(' ');
}

export function timeLeft(ms: number, onClock: boolean, t: T): string {
  if (ms < 0) return t('field.time.overdue', { d: duration(ms, t) });
  return t(onClock ? 'field.time.leftClock' : 'field.time.leftOffice', { d: duration(ms, t) });
}
