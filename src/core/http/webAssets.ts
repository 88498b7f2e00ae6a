// The built web app's hashed files (web/dist/assets) and its pages (index.html, and the
// copies with preloads for pages opened directly: web/build/pagePreloads.ts) held in
// memory and sent in one step,
// brotli or gzip as the browser accepts (the build writes both beside each file, web/build/
// precompress.ts). With the embedded database every query runs on this one event loop:
// a file read from disk needs several turns of it (stat, open, read, close, for the
// compressed copy too) and each turn can wait behind a query, so on a cold wall screen
// the last small chunks arrived after its API requests (ADR 0503). From memory there is
// one turn. Names carry a content hash, so a file never changes and is cached for good.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

interface Asset {
  type: string;
  plain: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';
const COMPRESSED = /\.(br|gz)$/;

function read(dir: string, name: string): Asset | null {
  const file = path.join(dir, name);
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return null;
  const maybe = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f) : undefined);
  return { type: TYPES[path.extname(name)] ?? 'application/octet-stream', plain: fs.readFileSync(file), br: maybe(`${file}.br`), gzip: maybe(`${file}.gz`) };
}

/** the encoding to send: brotli, else gzip, else none (q=0 means refused) */
export function pickEncoding(header: string | undefined, has: { br: boolean; gzip: boolean }): 'br' | 'gzip' | null {
  const accepted = new Set(
    (header ?? '')
      .split(',')
      .map((p) => p.trim().split(';'))
      .filter(([, q]) => !q || !/^\s*q=0(\.0*)?\s*$/.test(q))
      .map(([name]) => name!.trim().toLowerCase()),
  );
  if (has.br && accepted.has('br')) return 'br';
  if (has.gzip && (accepted.has('gzip') || accepted.has('*'))) return 'gzip';
  return null;
}

/** '/ops/screen' → its page, '/' → index.html: every built .html outside assets/ */
function readPages(dist: string): Map<string, Asset> {
  const found = new Map<string, Asset>();
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dist, rel), { withFileTypes: true })) {
      const name = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory() && name !== 'assets') walk(name);
      else if (e.isFile() && name.endsWith('.html')) found.set(name === 'index.html' ? '/' : `/${name.slice(0, -5)}`, read(dist, name)!);
    }
  };
  walk('');
  return found;
}

export interface WebApp {
  /** a client-side route: its own page if it has one, else index.html */
  sendPage(request: FastifyRequest, reply: FastifyReply): FastifyReply;
}

export function registerWebAssets(app: FastifyInstance, dist: string): WebApp {
  const dir = path.join(dist, 'assets');
  const assets = new Map<string, Asset>();
  if (fs.existsSync(dir))
    for (const name of fs.readdirSync(dir)) {
      const a = COMPRESSED.test(name) ? null : read(dir, name);
      if (a) assets.set(name, a);
    }

  const send = (reply: FastifyReply, a: Asset, encoding: string | undefined) => {
    const enc = pickEncoding(encoding, { br: !!a.br, gzip: !!a.gzip });
    reply.header('content-type', a.type).header('cache-control', IMMUTABLE).header('vary', 'accept-encoding');
    if (enc) reply.header('content-encoding', enc);
    return reply.send(enc === 'br' ? a.br : enc === 'gzip' ? a.gzip : a.plain);
  };

  app.get<{ Params: { file: string } }>('/assets/:file', async (request, reply) => {
    const name = request.params.file;
    let a = assets.get(name);
    // a file built after the start (the app rebuilt under a running server)
    if (!a && /^\w[\w.-]*$/.test(name) && !COMPRESSED.test(name)) {
      const found = read(dir, name);
      if (found) assets.set(name, (a = found));
    }
    if (!a) return reply.callNotFound();
    return send(reply, a, request.headers['accept-encoding']);
  });

  // pages are re-read when the app was rebuilt under a running server (they name new files)
  const index = path.join(dist, 'index.html');
  let built = fs.statSync(index).mtimeMs;
  let pages = readPages(dist);
  const web: WebApp = {
    sendPage(request, reply) {
      const now = fs.statSync(index).mtimeMs;
      if (now !== built) [built, pages] = [now, readPages(dist)];
      const page = pages.get(request.url.split('?')[0]!) ?? pages.get('/')!;
      const enc = pickEncoding(request.headers['accept-encoding'], { br: !!page.br, gzip: !!page.gzip });
      reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'accept-encoding');
      if (enc) reply.header('content-encoding', enc);
      return reply.send(enc === 'br' ? page.br : enc === 'gzip' ? page.gzip : page.plain);
    },
  };
  // the app itself whatever the Accept header (the service worker caches '/' with */*)
  app.get('/', (request, reply) => web.sendPage(request, reply));
  app.get('/index.html', (request, reply) => web.sendPage(request, reply));
  return web;
}
