// Small display helpers: yuan with thousands separators (exact, from decimal strings),
// Shanghai time, problems as messages.
import { ref } from 'vue';
import { ApiError } from '../../api';
export { formatTime } from '../../i18n';

export function yuan(s: string): string {
  const [i, d = '00'] = s.split('.');
  return `${i!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${d.padEnd(2, '0')}`;
}

export const problemText = (e: unknown): string => (e instanceof ApiError ? e.message : String(e));

/** Runs an action, shows its problem if it fails, and reloads after it. */
export function useRun(after: () => Promise<unknown>) {
  const error = ref('');
  async function run(fn: () => Promise<unknown>): Promise<void> {
    error.value = '';
    try {
      await fn();
      await after();
    } catch (e) {
      error.value = problemText(e);
    }
  }
  return { error, run };
}
