// The case engine under load, on PostgreSQL (a temporary database on the server of
// DATABASE_URL, or on postgres://postgres@127.0.0.1:5432), in one run:
//  - cases reported, registered and dispatched per second through HTTP (each request
//    creates a case and dispatches it to the nearest on-duty handler), against a bare
//    Fastify route taking the same bodies; load from a separate process;
//  - with 1,000,000 generated cases: p50/p99 of filtered list pages and of KPI queries;
//  - the dispatch decision (nearest on-duty person, ties by workload) among 10,000 staff
//    positions, against a linear scan of the same positions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { benchPlatform, collectGarbage, round } from './lib.js';
import { PolygonIndex, type Polygon } from '../src/core/geo/index.js';
import { boundary } from '../demo/geography.js';
import { Rng } from '../demo/random.js';
import { loadUserActor } from '../src/core/auth/index.js';
import { listCases, type CaseFilter } from '../src/modules/cases/queries/listCases.js';
import { kpiRows } from '../src/modules/cases/queries/kpis.js';
import { engineOf } from '../src/modules/cases/services/engine.js';
import { StaffIndex, choose, departmentGroup } from '../src/modules/cases/domain/staffIndex.js';
import { distanceM } from '../src/modules/cases/domain/geo.js';
import { generateCases } from './gen/cases.js';

const run = promisify(execFile);

async function tempDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
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

async function load(url: string, headers: Record<string, string>, bodiesFile: string, seconds: number, connections = 16) {
  const { stdout } = await run(process.execPath, [path.resolve('bench/cases-load.mjs'), url, String(seconds), String(connections), JSON.stringify(headers), bodiesFile], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as { rps: number; total: number; p99_ms: number; errors: number; non2xx: number };
}

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!, 2);
}

async function time(fn: () => Promise<unknown>, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

export default async function casesBench() {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const db = await tempDatabase();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jiedao-bench-'));
  const bare = Fastify();
  bare.post('/cases', async (req) => ({ ok: true, category: (req.body as { categoryCode: string }).categoryCode }));
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  const { platform, url, close } = await benchPlatform({ DATABASE_URL: db.url });
  try {
    // --- throughput through HTTP
    const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'leader', password: 'jiedao2026' }) });
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
    const headers = { cookie: cookies.join('; '), 'x-csrf-token': cookies.find((c) => c.startsWith('jd_csrf='))!.slice('jd_csrf='.length) };
    const inside = new PolygonIndex([{ geometry: boundary() as Polygon, value: true }]);
    const rng = new Rng(11);
    const codes = ['06010', '06036', '09005', '09006', '09010', '07010', '06012', '09009'];
    const bodies: unknown[] = [];
    while (bodies.length < 5000) {
      const lng = 121.4505 + rng.next() * 0.0112;
      const lat = 31.2308 + rng.next() * 0.0112;
      if (inside.find(lng, lat)) bodies.push({ source: 'hotline', categoryCode: rng.pick(codes), description: `压测案件 ${bodies.length}`, location: { lng, lat }, register: true, dispatch: true });
    }
    const bodiesFile = path.join(tmp, 'bodies.json');
    fs.writeFileSync(bodiesFile, JSON.stringify(bodies));
    await load(`${bareUrl}/cases`, {}, bodiesFile, 1);
    await load(`${url}/api/v1/cases`, headers, bodiesFile, 1);
    const b = await load(`${bareUrl}/cases`, {}, bodiesFile, seconds);
    const before = Number((await platform.ctx.database.query<{ n: string }>(`select count(*) as n from cases where state = 'dispatched'`))[0]!.n);
    const c = await load(`${url}/api/v1/cases`, headers, bodiesFile, seconds);
    const dispatched = Number((await platform.ctx.database.query<{ n: string }>(`select count(*) as n from cases where state = 'dispatched'`))[0]!.n) - before;

    // --- 1,000,000 cases
    const gen = await generateCases(platform.ctx.database, 1_000_000);
    const now = new Date();
    const tenantId = 'shimen2';
    const userId = async (u: string) => (await platform.ctx.database.query<{ id: number }>(`select id from users where username = $1`, [u]))[0]!.id;
    const dispatcher = (await loadUserActor(platform.ctx.db, await userId('dispatcher')))!;
    const handler = (await loadUserActor(platform.ctx.db, await userId('handler')))!;
    const inspector = (await loadUserActor(platform.ctx.db, await userId('inspector')))!;
    const pick = <T>(xs: T[], i: number) => xs[i % xs.length]!;
    const monthAgo = new Date(now.getTime() - 30 * 86_400_000);
    const filters: [typeof dispatcher, CaseFilter][] = [
      [dispatcher, {}],
      [dispatcher, { state: ['dispatched', 'accepted'] }],
      [dispatcher, { overdue: true }],
      [dispatcher, { gridId: gen.grids[4]!, state: ['closed'] }],
      [dispatcher, { departmentId: gen.departments[1]!, from: monthAgo }],
      [dispatcher, { categoryId: [gen.categories[3]!], grade: ['normal', 'major'] }],
      [dispatcher, { source: ['hotline'], from: monthAgo, to: now }],
      [handler, {}],
      [inspector, { state: ['closed'] }],
    ];
    // a deep page: follow the cursor 20 pages into the default list first
    let cursor: import('../src/modules/cases/queries/listCases.js').Cursor | undefined;
    for (let i = 0; i < 20; i++) cursor = (await listCases(platform.ctx.db, dispatcher, {}, now, 50, cursor)).next ?? undefined;
    collectGarbage();
    let k = 0;
    const listSamples = await time(async () => {
      const [actor, f] = pick(filters, k);
      const r = await listCases(platform.ctx.db, actor, f, now, 50, k % 10 === 9 ? cursor : undefined);
      k++;
      return r;
    }, 450);
    const cfg = await engineOf(platform.ctx).config.get(tenantId);
    const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const periods: [string, string][] = [
      [day(monthAgo), day(now)],
      [day(new Date(now.getTime() - 364 * 86_400_000)), day(now)],
      [day(new Date(now.getTime() - 90 * 86_400_000)), day(now)],
    ];
    const dims = ['tenant', 'grid', 'department', 'category', 'source'] as const;
    collectGarbage();
    let j = 0;
    const kpiSamples = await time(async () => {
      const [from, to] = pick(periods, j);
      const r = await kpiRows(platform.ctx.db, tenantId, pick([...dims], Math.floor(j / 3)), from, to, cfg);
      j++;
      return r;
    }, 300);

    // --- dispatch decision among 10,000 positions
    const idx = new StaffIndex();
    const pts: { id: number; lng: number; lat: number; dept: number }[] = [];
    const drng = new Rng(5);
    const at = Date.now();
    for (let i = 1; i <= 10_000; i++) {
      const p = { id: i, lng: 121.44 + drng.next() * 0.04, lat: 31.22 + drng.next() * 0.04, dept: 1 + (i % 20) };
      pts.push(p);
      idx.upsert({ userId: p.id, lng: p.lng, lat: p.lat, at, departmentId: p.dept, inspector: false });
    }
    const onDuty = (id: number) => id % 3 !== 0;
    const work = new Map(pts.map((p) => [p.id, p.id % 5]));
    const queries = Array.from({ length: 2000 }, () => [121.44 + drng.next() * 0.04, 31.22 + drng.next() * 0.04, 1 + Math.floor(drng.next() * 20)] as const);
    const decide = (q: (typeof queries)[number]) => choose(idx.nearest(departmentGroup(q[2]), q[0], q[1], 8, 0, onDuty).map((c) => ({ ...c, workload: work.get(c.userId)! })));
    for (const q of queries) decide(q); // builds the indexes, warms up
    const n = 100_000;
    let t0 = performance.now();
    for (let i = 0; i < n; i++) decide(queries[i % queries.length]!);
    const decisionUs = ((performance.now() - t0) * 1000) / n;
    const scan = (q: (typeof queries)[number]) => {
      let best: { id: number; d: number } | null = null;
      for (const p of pts) {
        if (p.dept !== q[2] || !onDuty(p.id)) continue;
        const d = distanceM(q[0], q[1], p.lng, p.lat);
        if (!best || d < best.d) best = { id: p.id, d };
      }
      return best;
    };
    const m = 5000;
    t0 = performance.now();
    for (let i = 0; i < m; i++) scan(queries[i % queries.length]!);
    const scanUs = ((performance.now() - t0) * 1000) / m;

    return {
      engine: 'postgresql',
      bare_rps: b.rps,
      cases_created_dispatched_per_s: c.rps,
      ratio_to_bare: round(c.rps / b.rps, 3),
      cases_p99_ms: c.p99_ms,
      http_errors: b.errors + c.errors,
      dispatched_in_run: dispatched,
      generated_cases: gen.count,
      generate_s: gen.seconds,
      list_p50_ms: pct(listSamples, 50),
      list_p99_ms: pct(listSamples, 99),
      kpi_p50_ms: pct(kpiSamples, 50),
      kpi_p99_ms: pct(kpiSamples, 99),
      staff_positions: pts.length,
      dispatch_decision_us: round(decisionUs, 2),
      dispatch_linear_scan_us: round(scanUs, 2),
      dispatch_ratio_to_scan: round(scanUs / decisionUs, 1),
      targets: { list_p99_ms: 25, kpi_p99_ms: 100, dispatch_decision_us: 50 },
    };
  } finally {
    await close();
    await bare.close();
    await db.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
