// Build step: brotli and gzip copies of the built scripts and styles beside them, served by
// @fastify/static (preCompressed) to browsers that accept them, so nothing is compressed
// per request. Small files are left alone (the headers cost more than they save).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const MIN_BYTES = 1024;
const COMPRESSIBLE = /\.(js|css|svg|json|html)$/;

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'jd-precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(c) {
      outDir = c.build.outDir;
    },
    // after pagePreloads has written its pages (plugins run in order)
    writeBundle() {
      const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const body = fs.readFileSync(file);
        if (body.length < MIN_BYTES) continue;
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
      }
    },
  };
}
