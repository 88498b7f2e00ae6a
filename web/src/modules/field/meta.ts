// Labels of states, actions and grades from the case engine (GET /cases/meta), kept on
// the device for offline use.
import { ref } from 'vue';
import { get } from '../../api';
import { currentLocale } from '../../i18n';
import { keep, kept } from './offline';
import type { CaseMeta } from './types';

const meta = ref<CaseMeta | null>(kept<CaseMeta>('meta'));

export async function loadMeta(): Promise<void> {
  try {
    meta.value = keep('meta', await get<CaseMeta>('/api/v1/cases/meta'));
  } catch {
    // offline: the kept labels
  }
}

export function label(kind: keyof CaseMeta, key: string | null | undefined): string {
  if (!key) return '';
  const l = meta.value?.[kind].find((x) => x.key === key);
  return l ? (currentLocale() === 'en' ? l.en : l.zh) : key;
}
