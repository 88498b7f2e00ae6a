// Requests per second of a bare Fastify route and of GET /api/v1/grids/lookup (session
// cookie, policy check, validation, spatial index), measured in the same run.
import Fastify from 'fastify';
import { benchPlatform, login, rps, round } from './lib.js';

export default async function httpBaseline() {
  const bare = Fastify();
  bare.get('/ping', async () => ({ ok: true }));
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);

  const { url, close } = await benchPlatform();
  const cookie = await login(url, 'dispatcher');
  const lookupUrl = `${url}/api/v1/grids/lookup?lat=31.2331&lng=121.4567`;
  const check = await fetch(lookupUrl, { headers: { cookie } });
  if (!check.ok) throw new Error(`lookup failed ${check.status}`);

  await rps(`${bareUrl}/ping`, {}, 1); // warm-up
  await rps(lookupUrl, { cookie }, 1);
  const b = await rps(`${bareUrl}/ping`, {}, seconds);
  const l = await rps(lookupUrl, { cookie }, seconds);
  await bare.close();
  await close();
  return {
    bare_rps: b.rps,
    lookup_rps: l.rps,
    ratio: round(l.rps / b.rps),
    bare_p99_ms: b.p99_ms,
    lookup_p99_ms: l.p99_ms,
    errors: b.errors + l.errors,
    target_ratio: 0.5,
  };
}
