// The large-text option (issue 5, "for everyone"): one switch for the whole app, kept on
// this device per user, applied as the `large-text` class on <html> so that every page's
// CSS (and Element Plus's size variables, styles.css) honours it; charts and the map read
// `fontScale` for the text they draw themselves.
import { computed, ref } from 'vue';

const KEY = 'jd.largeText';
/** the factor text drawn by script (ECharts, map labels) is scaled by in large-text mode */
export const LARGE_SCALE = 1.3;

export const largeText = ref(false);
export const fontScale = computed(() => (largeText.value ? LARGE_SCALE : 1));
let user: number | null = null;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function apply(): void {
  if (typeof document !== 'undefined') document.documentElement.classList.toggle('large-text', largeText.value);
}

/** The signed-in user changed (or none): their own choice on this device, else the
 * device's last choice (so the log-in page keeps the size the last person used). */
export function useLargeTextOf(userId: number | null): void {
  user = userId;
  const own = userId === null ? null : read(`${KEY}.${userId}`);
  largeText.value = (own ?? read(KEY)) === '1';
  apply();
}

export function setLargeText(on: boolean): void {
  largeText.value = on;
  try {
    localStorage.setItem(KEY, on ? '1' : '0');
    if (user !== null) localStorage.setItem(`${KEY}.${user}`, on ? '1' : '0');
  } catch {
    // private mode or a full quota: the switch still works for this page
  }
  apply();
}

/** px → px in the current text size (for sizes given to ECharts and Leaflet) */
export const px = (n: number): number => Math.round(n * fontScale.value);
