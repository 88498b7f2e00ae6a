// Every message of the web app compiles under vue-i18n (a stray "{", "@" or "|" breaks a
// page at run time) and every key exists in both Chinese and English.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { baseCompile } from '@intlify/message-compiler';

type Tree = { [k: string]: string | Tree };

function flatten(t: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(t)) {
    if (typeof v === 'string') out[prefix + k] = v;
    else Object.assign(out, flatten(v, `${prefix}${k}.`));
  }
  return out;
}

async function catalogs(): Promise<{ file: string; zh: Record<string, string>; en: Record<string, string> }[]> {
  const out = [];
  const base = path.resolve('web/src');
  const zh = (await import(pathToFileURL(path.join(base, 'i18n/zh.ts')).href)).default as Tree;
  const en = (await import(pathToFileURL(path.join(base, 'i18n/en.ts')).href)).default as Tree;
  out.push({ file: 'i18n/zh.ts + en.ts', zh: flatten(zh), en: flatten(en) });
  for (const dir of fs.readdirSync(path.join(base, 'modules'))) {
    const f = path.join(base, 'modules', dir, 'messages.ts');
    if (!fs.existsSync(f)) continue;
    const m = (await import(pathToFileURL(f).href)).default as { zh: Tree; en: Tree };
    out.push({ file: `modules/${dir}/messages.ts`, zh: flatten(m.zh), en: flatten(m.en) });
  }
  return out;
}

describe('web messages', () => {
  it('compile and exist in both languages', async () => {
    const problems: string[] = [];
    for (const c of await catalogs()) {
      for (const [locale, msgs] of [['zh', c.zh], ['en', c.en]] as const) {
        for (const [key, text] of Object.entries(msgs)) {
          baseCompile(text, { onError: (e) => problems.push(`${c.file} ${locale} ${key}: ${e.message}`) });
        }
      }
      for (const k of Object.keys(c.zh)) if (!(k in c.en)) problems.push(`${c.file}: ${k} has no English`);
      for (const k of Object.keys(c.en)) if (!(k in c.zh)) problems.push(`${c.file}: ${k} has no Chinese`);
    }
    expect(problems).toEqual([]);
  });
});
