// Build step: a copy of index.html per page that is usually opened directly (the wall
// screen is switched on at /ops/screen and left there), naming that page's chunks and
// styles as preloads. The browser then fetches them with the app's entry instead of after
// it has run, before the page's own API requests start (ADR 0503); the server sends
// web/dist/<path>.html for <path> when there is one, index.html otherwise.
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

interface ChunkLike {
  type: 'chunk';
  fileName: string;
  facadeModuleId: string | null;
  imports: string[];
  viteMetadata?: { importedCss: Set<string> };
}

/** pages: URL path → the source file of the page's route component */
export function pagePreloads(pages: Record<string, string>): Plugin {
  let outDir = '';
  let root = '';
  return {
    name: 'jd-page-preloads',
    apply: 'build',
    enforce: 'post',
    configResolved(c) {
      outDir = c.build.outDir;
      root = c.root;
    },
    writeBundle(_options, bundle) {
      const chunks = new Map<string, ChunkLike>();
      for (const item of Object.values(bundle)) if (item.type === 'chunk') chunks.set(item.fileName, item as unknown as ChunkLike);
      const index = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
      for (const [url, source] of Object.entries(pages)) {
        const id = path.resolve(root, source);
        const page = [...chunks.values()].find((c) => c.facadeModuleId === id);
        if (!page) throw new Error(`pagePreloads: no chunk for ${source}`);
        // the page's chunk and everything it imports statically, with their styles
        const js: string[] = [];
        const css = new Set<string>();
        const visit = (file: string) => {
          if (js.includes(file)) return;
          js.push(file);
          const c = chunks.get(file);
          c?.viteMetadata?.importedCss.forEach((f) => css.add(f));
          c?.imports.forEach(visit);
        };
        visit(page.fileName);
        const links = [
          ...js.filter((f) => !index.includes(`/${f}"`)).map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`),
          ...[...css].filter((f) => !index.includes(`/${f}"`)).map((f) => `<link rel="stylesheet" crossorigin href="/${f}">`),
        ];
        const file = path.join(outDir, `${url.replace(/^\//, '')}.html`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, index.replace('</head>', `  ${links.join('\n    ')}\n  </head>`));
      }
    },
  };
}
