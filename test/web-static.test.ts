// How the server sends the built web app: a page with its own prebuilt HTML (the wall
// screen, web/build/pagePreloads.ts) gets it, other client routes get index.html; built
// files go out precompressed to browsers that accept it, hashed ones cached for good.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness.js';

let tp: TestPlatform;
let dist: string;
const script = 'console.log("the screen");'.repeat(100);
beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'jd-dist-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.mkdirSync(path.join(dist, 'ops'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="app"></div>');
  fs.writeFileSync(path.join(dist, 'ops/screen.html'), '<!doctype html><link rel="modulepreload" href="/assets/OpsScreen-abc123.js"><div id="app"></div>');
  fs.writeFileSync(path.join(dist, 'assets/OpsScreen-abc123.js'), script);
  fs.writeFileSync(path.join(dist, 'assets/OpsScreen-abc123.js.br'), zlib.brotliCompressSync(script));
  fs.writeFileSync(path.join(dist, 'assets/OpsScreen-abc123.js.gz'), zlib.gzipSync(script));
  tp = await startTestPlatform({ config: { WEB_DIST: dist } });
});
afterAll(async () => {
  await tp?.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('the built web app', () => {
  it('the wall screen opened directly gets its own page naming its chunks; other routes get the app', async () => {
    const screen = await tp.request({ method: 'GET', url: '/ops/screen', headers: { accept: 'text/html' } });
    expect(screen.statusCode).toBe(200);
    expect(screen.body).toContain('OpsScreen-abc123.js');
    const withQuery = await tp.request({ method: 'GET', url: '/ops/screen?x=1', headers: { accept: 'text/html' } });
    expect(withQuery.body).toContain('OpsScreen-abc123.js');
    const other = await tp.request({ method: 'GET', url: '/ops/cases', headers: { accept: 'text/html' } });
    expect(other.statusCode).toBe(200);
    expect(other.headers['cache-control']).toBe('no-cache');
    expect(other.body).toContain('<div id="app">');
    expect(other.body).not.toContain('OpsScreen');
    const root = await tp.request({ method: 'GET', url: '/', headers: { accept: 'text/html', 'accept-encoding': 'br' } });
    expect(root.headers['content-encoding']).toBeUndefined(); // (no .br beside this small page)
    expect(root.body).toContain('<div id="app">');
    // the service worker asks for the app shell with Accept: */*
    for (const url of ['/', '/index.html']) {
      const shell = await tp.request({ method: 'GET', url, headers: { accept: '*/*' } });
      expect(shell.statusCode, url).toBe(200);
      expect(shell.body, url).toContain('<div id="app">');
    }
  });

  it('a rebuilt app under a running server: the new page is sent', async () => {
    const page = '<!doctype html><link rel="modulepreload" href="/assets/OpsScreen-def456.js"><div id="app"></div>';
    fs.writeFileSync(path.join(dist, 'ops/screen.html'), page);
    fs.utimesSync(path.join(dist, 'index.html'), new Date(), new Date(Date.now() + 5000));
    const screen = await tp.request({ method: 'GET', url: '/ops/screen', headers: { accept: 'text/html' } });
    expect(screen.body).toBe(page);
  });

  it('scripts go out brotli- or gzip-compressed when accepted, plain otherwise, and are cached for good', async () => {
    const br = await tp.request({ method: 'GET', url: '/assets/OpsScreen-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    const gz = await tp.request({ method: 'GET', url: '/assets/OpsScreen-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await tp.request({ method: 'GET', url: '/assets/OpsScreen-abc123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    const refused = await tp.request({ method: 'GET', url: '/assets/OpsScreen-abc123.js', headers: { 'accept-encoding': 'br;q=0, gzip' } });
    expect(refused.headers['content-encoding']).toBe('gzip');
    const missing = await tp.request({ method: 'GET', url: '/assets/nope-000.js' });
    expect(missing.statusCode).toBe(404);
    expect((await tp.request({ method: 'GET', url: '/assets/..%2Findex.html' })).statusCode).toBe(404);
    // (/assets/.. is the path / and gets the app, never a file from outside assets/)
    for (const url of ['/assets/..', '/assets/.%2E']) expect((await tp.request({ method: 'GET', url })).body, url).toContain('<div id="app">');
  });
});
