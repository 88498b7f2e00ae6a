// Small helpers shared by the enterprise pages: tag colours, messages, log lines.
import { ElMessage } from 'element-plus';
import 'element-plus/es/components/message/style/css';
import { ApiError } from '../../api';
import { formatTime, i18n } from '../../i18n';

type Tag = 'primary' | 'success' | 'info' | 'warning' | 'danger';

export const statusTag = (s: string): Tag => ({ submitted: 'warning', accepted: 'primary', in_progress: 'primary', completed: 'success', cancelled: 'info' })[s] as Tag ?? 'info';
export const limitTag = (s: string): Tag => ({ running: 'info', warning: 'warning', overdue: 'danger', done_on_time: 'success', done_late: 'warning', none: 'info' })[s] as Tag ?? 'info';
export const stepTag = (s: string): Tag => ({ pending: 'info', in_progress: 'primary', done: 'success', skipped: 'warning' })[s] as Tag ?? 'info';

/** Show the server's problem (already in the user's language) or a fallback. */
export function showError(e: unknown, fallback: string): void {
  const msg = e instanceof ApiError ? (e.problem.errors?.map((x) => x.message).join('；') || e.problem.detail || e.message) : fallback;
  ElMessage({ type: 'error', message: msg, grouping: true });
}

export function toast(message: string): void {
  ElMessage({ type: 'success', message, grouping: true });
}

export const time = (iso: string | null | undefined) => formatTime(iso);

/** Download a file the API builds (the session cookie goes along). */
export function download(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Run an action; a refusal or failure is shown to the user (in their language). */
export async function attempt(fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (e) {
    showError(e, i18n.global.t('common.error'));
    return false;
  }
}
