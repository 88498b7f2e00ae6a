// Simplified Chinese first, English second. Feature folders add their own messages
// in web/src/modules/*/messages.ts; they are merged here.
import { createI18n } from 'vue-i18n';
import zh from './zh';
import en from './en';

type Tree = { [k: string]: string | Tree };
const moduleMessages = import.meta.glob<{ default: { zh: Tree; en: Tree } }>('../modules/*/messages.ts', { eager: true });

function merge(into: Tree, from: Tree): Tree {
  for (const [k, v] of Object.entries(from)) {
    if (typeof v === 'object' && typeof into[k] === 'object') merge(into[k] as Tree, v);
    else into[k] = v;
  }
  return into;
}

const messages = { zh: { ...zh } as Tree, en: { ...en } as Tree };
for (const m of Object.values(moduleMessages)) {
  merge(messages.zh, m.default.zh);
  merge(messages.en, m.default.en);
}

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('jd.locale') : null;

export const i18n = createI18n({
  legacy: false,
  locale: saved === 'en' ? 'en' : 'zh',
  fallbackLocale: 'zh',
  messages,
});

export function currentLocale(): 'zh' | 'en' {
  return i18n.global.locale.value === 'en' ? 'en' : 'zh';
}

export function setLocale(l: 'zh' | 'en'): void {
  i18n.global.locale.value = l;
  localStorage.setItem('jd.locale', l);
  document.documentElement.lang = l === 'en' ? 'en' : 'zh-CN';
}

/** Dates are always shown in Asia/Shanghai. */
export function formatTime(iso: string | Date | null | undefined, withDate = true): string {
  if (!iso) return '—';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return d.toLocaleString(currentLocale() === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    ...(withDate ? { year: 'numeric', month: '2-digit', day: '2-digit' } : {}),
    hour: '2-digit',
    minute: '2-digit',
  });
}
