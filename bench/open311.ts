// The Open311 interface under load, in one run: reports posted form-encoded as
// FixMyStreet posts them (each one a new case with its token row, in one transaction)
// against a bare Fastify route parsing the same forms; and the default GET requests.xml
// (the newest 1,000 public cases of 90 days, with notes, expected times and media) against
// GET services.xml. Load comes from a separate process. Embedded database unless
// DATABASE_URL is set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import formbody from '@fastify/formbody';
import { benchPlatform, rps, round } from './lib.js';
import { createApiKey } from '../src/core/auth/index.js';
import { PolygonIndex, type Polygon } from '../src/core/geo/index.js';
import { boundary } from '../demo/geography.js';
import { Rng } from '../demo/random.js';

const run = promisify(execFile);

async function load(url: string, bodiesFile: string, seconds: number) {
  const { stdout } = await run(process.execPath, [path.resolve('bench/cases-load.mjs'), url, String(seconds), '8', '{}', bodiesFile, 'form'], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as { rps: number; total: number; p99_ms: number; errors: number };
}

export default async function open311Bench() {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jiedao-open311-'));
  const bare = Fastify();
  await bare.register(formbody);
  bare.post('/requests.xml', async (req, reply) => reply.type('text/xml').send(`<service_requests><request><token>${String((req.body as { service_code: string }).service_code)}</token></request></service_requests>`));
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  const { platform, url, close } = await benchPlatform(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {});
  try {
    const { key } = await createApiKey(platform.ctx.db, { tenantId: 'shimen2', name: 'bench', grants: ['open311.report'], rateLimit: 100_000 });
    const inside = new PolygonIndex([{ geometry: boundary() as Polygon, value: true }]);
    const rng = new Rng(31);
    const codes = ['06010', '06036', '09005', '09006', '07010', '06012'];
    const bodies: Record<string, string>[] = [];
    while (bodies.length < 20_000) {
      const lng = 121.4505 + rng.next() * 0.0112;
      const lat = 31.2308 + rng.next() * 0.0112;
      // distinct texts: a repeated report would find the first one instead of making a case
      if (inside.find(lng, lat)) bodies.push({ jurisdiction_id: 'shimen2', api_key: key, service_code: rng.pick(codes), lat: String(lat), long: String(lng), description: `压测反映 ${bodies.length} ${rng.next()}`, email: 'bench@example.com', first_name: '测', last_name: '试' });
    }
    const bodiesFile = path.join(tmp, 'bodies.json');
    fs.writeFileSync(bodiesFile, JSON.stringify(bodies));
    await load(`${bareUrl}/requests.xml`, bodiesFile, 1);
    const b = await load(`${bareUrl}/requests.xml`, bodiesFile, seconds);
    const before = Number((await platform.ctx.database.query<{ n: string }>(`select count(*) as n from open311_requests`))[0]!.n);
    const p = await load(`${url}/open311/v2/requests.xml`, bodiesFile, seconds);
    const made = Number((await platform.ctx.database.query<{ n: string }>(`select count(*) as n from open311_requests`))[0]!.n) - before;

    // with the key, so its own (high) rate applies rather than the per-address one
    const list = `${url}/open311/v2/requests.xml?jurisdiction_id=shimen2&api_key=${key}`;
    const services = `${url}/open311/v2/services.xml?jurisdiction_id=shimen2&api_key=${key}`;
    const items = ((await (await fetch(list)).text()).match(/<request>/g) ?? []).length;
    await rps(list, {}, 1, 4);
    const l = await rps(list, {}, seconds, 4);
    const s = await rps(services, {}, seconds, 4);
    return {
      bare_post_rps: b.rps,
      open311_post_rps: p.rps,
      ratio: round(p.rps / b.rps, 3),
      open311_post_p99_ms: p.p99_ms,
      cases_made: made,
      post_errors: p.errors,
      list_items: items,
      list_rps: l.rps,
      list_p99_ms: l.p99_ms,
      services_rps: s.rps,
      get_errors: l.errors + s.errors,
      list_vs_services: round(l.rps / s.rps, 3),
      engine: process.env.DATABASE_URL ? 'postgresql' : 'pglite',
    };
  } finally {
    await bare.close();
    await close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
