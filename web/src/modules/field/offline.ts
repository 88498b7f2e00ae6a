// The phone pages open with no network: a small service worker (web/public/sw.js) answers
// page loads from a cache when the network fails, and what the pages showed last (task
// list, case details, categories) is kept on the device. See ADR 0511.
import { ref } from 'vue';

export const SHELL_CACHE = 'jiedao-shell-v1';
export const offlineReady = ref(false);

/** Register the worker and put the app shell and the files loaded so far in its cache. */
export async function prepareOffline(): Promise<void> {
  if (!('serviceWorker' in navigator) || !('caches' in window)) return;
  try {
    await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    await navigator.serviceWorker.ready;
    const cache = await caches.open(SHELL_CACHE);
    const files = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((u) => u.startsWith(location.origin) && /\/assets\//.test(new URL(u).pathname));
    await cache.addAll(['/', ...new Set(files)]);
    offlineReady.value = true;
  } catch {
    // the pages still work online; only the offline start is missing
  }
}

/** What a page showed last, kept on the device for when there is no network. */
export function keep<T>(name: string, value: T): T {
  try {
    localStorage.setItem(`jd.field.${name}`, JSON.stringify(value));
  } catch {
    // storage full: the page still works online
  }
  return value;
}
export function kept<T>(name: string): T | null {
  try {
    return JSON.parse(localStorage.getItem(`jd.field.${name}`) ?? 'null') as T | null;
  } catch {
    return null;
  }
}
