// Small display helpers shared by the people pages.
import { formatTime } from '../../i18n';

export const DUE_TAG: Record<string, 'danger' | 'warning' | 'success' | 'info'> = { overdue: 'danger', due: 'warning', planned: 'success', none: 'info' };

export function careLevelLabel(t: (k: string, p?: Record<string, unknown>) => string, level: number): string {
  return level === 0 ? t('people.careLevel.0') : t('people.careLevel.n', { n: level });
}

export function when(iso: string | null | undefined): string {
  return formatTime(iso ?? null);
}

/** 10:00–11:30 on the same day, or two full times. */
export function span(from: string, to: string): string {
  const a = formatTime(from);
  const b = formatTime(to);
  return a.slice(0, a.length - 5) === b.slice(0, b.length - 5) ? `${a}–${b.slice(-5)}` : `${a} – ${b}`;
}
