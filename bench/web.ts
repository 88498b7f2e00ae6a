// Time to a usable operations screen (城运大屏) in headless Chromium with 100,000 cases in
// the database: from navigation start to the later of the page's two performance marks,
// ops:map (first map render with grids and cases) and ops:kpi (the KPI tiles filled); the
// first ECharts panel (ops:charts) is reported beside it;
// and the JavaScript the first view loads (bytes as run, and as sent over the wire, brotli).
// Baseline: a bare static page with one
// inline script, loaded by the same browser in the same run. Each figure is the median of
// cold loads (a fresh browser context each, so nothing is cached). Embedded database
// unless DATABASE_URL is set (then a temporary database on that server).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { benchPlatform, login, round } from './lib.js';
import { generateCases } from './gen/cases.js';
import { CHROMIUM, hasChromium } from '../test/browser.js';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function tempDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const server = process.env.DATABASE_URL;
  if (!server) return null;
  const name = `jiedao_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(server);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: server });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export default async function webBench() {
  if (!hasChromium) return { skipped: `no Chromium at ${CHROMIUM}` };
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const N = Number(process.env.BENCH_CASES ?? 100_000);
  execFileSync(process.execPath, ['scripts/ensure-web.mjs'], { stdio: 'inherit' });
  const db = await tempDatabase();
  const { platform, url, close } = await benchPlatform(db ? { DATABASE_URL: db.url } : {});
  const bare = Fastify();
  bare.get('/', async (_req, reply) => reply.type('text/html').send('<!doctype html><html><head><meta charset="utf-8"><title>bare</title></head><body><p>ok</p><script>performance.mark("ready")</script></body></html>'));
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage'] });
  try {
    const gen = await generateCases(platform.ctx.database, N);
    // the generated history has thousands of limits already past: let the SLA and other
    // sweeps catch up first (a running deployment is caught up), else their one-off burst
    // of overdue marks is what gets measured
    for (const name of platform.ctx.sweeper.names()) for (let i = 0; i < 200 && (await platform.ctx.sweeper.runNow(name)) > 0; i++);
    const [{ n }] = (await platform.ctx.database.query<{ n: string }>(`select count(*) as n from cases`)) as [{ n: string }];
    const cookie = await login(url, 'dispatcher');
    const cookies = cookie.split('; ').map((c) => {
      const i = c.indexOf('=');
      return { name: c.slice(0, i), value: c.slice(i + 1), url };
    });

    // the API calls behind the first view, server side (median of 5 each, after one warm-up)
    const api: Record<string, number> = {};
    for (const path of ['/api/v1/cases/today', '/api/v1/cases/kpis?by=department', '/api/v1/cases/points?limit=5000', '/api/v1/cases?overdue=true&limit=12', '/api/v1/cases/hotspots']) {
      const samples: number[] = [];
      for (let i = 0; i < 6; i++) {
        const t = performance.now();
        const res = await fetch(`${url}${path}`, { headers: { cookie } });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${path}: ${res.status}`);
        if (i > 0) samples.push(performance.now() - t);
      }
      api[path.replace('/api/v1', '').split('?')[0]!.replace(/^\//, '').replace(/\//g, '_')] = round(median(samples), 1);
    }

    async function coldLoad(target: string, marks: string[], withCookies: boolean) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      if (withCookies) await context.addCookies(cookies);
      const page = await context.newPage();
      await page.goto(target);
      await page.waitForFunction((ms) => ms.every((m) => performance.getEntriesByName(m).length > 0), marks, { timeout: 60_000 });
      const at = await page.evaluate((ms) => ms.map((m) => performance.getEntriesByName(m)[0]!.startTime), marks);
      if (process.env.BENCH_DEBUG) {
        const entries = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => { const r = e as PerformanceResourceTiming; return `${Math.round(r.startTime)}→${Math.round(r.responseEnd)} ${r.encodedBodySize} ${r.name.replace(location.origin, '')}`; }));
        process.stderr.write(`${target} ${JSON.stringify(at)}\n${entries.join('\n')}\n`);
      }
      // the scripts loaded so far, from the page's own resource timing: reading their bodies
      // over the DevTools protocol while the page loads would send ~1 MB through this
      // process, which is also the server's (decoded = as run, encoded = on the wire)
      const js = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => e as PerformanceResourceTiming)
          .filter((e) => new URL(e.name).pathname.endsWith('.js'))
          .map((e) => [e.decodedBodySize, e.encodedBodySize] as const),
      );
      await context.close();
      const jsBytes = js.reduce((n, [d]) => n + d, 0);
      const jsWire = js.reduce((n, [, w]) => n + w, 0);
      // usable = map and KPI tiles (the first two marks); charts reported beside
      return { ms: Math.max(...at.slice(0, 2)), at, jsBytes, jsWire, jsFiles: js.length };
    }

    await coldLoad(bareUrl, ['ready'], false);
    await coldLoad(`${url}/ops/screen`, ['ops:map', 'ops:kpi', 'ops:charts'], true); // warm the server's caches once
    const base: number[] = [];
    const screen: Awaited<ReturnType<typeof coldLoad>>[] = [];
    for (let i = 0; i < runs; i++) {
      base.push((await coldLoad(bareUrl, ['ready'], false)).ms);
      screen.push(await coldLoad(`${url}/ops/screen`, ['ops:map', 'ops:kpi', 'ops:charts'], true));
    }
    const usable = median(screen.map((s) => s.ms));
    const baseline = median(base);
    return {
      cases: Number(n),
      generated_s: gen.seconds,
      engine: db ? 'postgresql' : 'pglite',
      usable_ms: round(usable, 0),
      map_ms: round(median(screen.map((s) => s.at[0]!)), 0),
      kpi_ms: round(median(screen.map((s) => s.at[1]!)), 0),
      first_chart_ms: round(median(screen.map((s) => s.at[2]!)), 0),
      baseline_ms: round(baseline, 0),
      ratio: round(usable / baseline, 1),
      target_ms: 1500,
      within_target: usable <= 1500,
      js_bytes_first_view: screen[0]!.jsBytes,
      js_wire_bytes_first_view: screen[0]!.jsWire,
      js_files_first_view: screen[0]!.jsFiles,
      api_ms: api,
      runs,
    };
  } finally {
    await browser.close();
    await bare.close();
    await close();
    await db?.drop();
  }
}
