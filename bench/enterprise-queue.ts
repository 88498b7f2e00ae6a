// Requests per second of the agents' queue (GET /api/v1/enterprise/requests: open
// requests by deadline, joins for enterprise, item, owner; step counts and hand-overs of
// the page) and of the leader's statistics, on the demo's ~700 requests, against a bare
// Fastify route measured in the same run.
import Fastify from 'fastify';
import { benchPlatform, login, rps, round } from './lib.js';

export default async function enterpriseQueue() {
  const bare = Fastify();
  bare.get('/ping', async () => ({ ok: true }));
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);

  const { url, close } = await benchPlatform();
  const cookie = await login(url, 'agent');
  const chief = await login(url, 'chief');
  const queueUrl = `${url}/api/v1/enterprise/requests?open=true&pageSize=20`;
  const statsUrl = `${url}/api/v1/enterprise/stats`;
  for (const [u, c] of [[queueUrl, cookie], [statsUrl, chief]] as const) {
    const check = await fetch(u, { headers: { cookie: c } });
    if (!check.ok) throw new Error(`${u} failed ${check.status}`);
  }

  await rps(`${bareUrl}/ping`, {}, 1); // warm-up
  await rps(queueUrl, { cookie }, 1);
  const b = await rps(`${bareUrl}/ping`, {}, seconds);
  const q = await rps(queueUrl, { cookie }, seconds);
  const s = await rps(statsUrl, { cookie: chief }, seconds, 4);
  await bare.close();
  await close();
  return {
    bare_rps: b.rps,
    queue_rps: q.rps,
    queue_ratio: round(q.rps / b.rps, 4),
    queue_p99_ms: q.p99_ms,
    stats_rps: s.rps,
    stats_p99_ms: s.p99_ms,
    errors: b.errors + q.errors + s.errors,
  };
}
