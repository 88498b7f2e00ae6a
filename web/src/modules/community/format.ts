// Small display helpers: yuan with thousands separators (exact, from decimal strings),
// Shanghai time, problems as messages.
import { ApiError } from '../../api';
export { formatTime } from '../../i18n';

export function yuan(s: string): string {
  const [i, d = '00'] = s.split('.');
  return `${i!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${d.padEnd(2, '0')}`;
}

export const problemText = (e: unknown): string => (e instanceof ApiError ? e.message : String(e));
