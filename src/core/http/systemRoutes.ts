// /healthz and /metrics: what a load balancer and Prometheus ask of every node.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { App, AppContext } from '../context.js';
import { Problem } from './problem.js';

const HEALTH_TIMEOUT_MS = 2000;

function withTimeout(p: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      () => {
        clearTimeout(t);
        resolve();
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export function registerSystemRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Health of this node and the parts it depends on',
        response: { 200: Type.Record(Type.String(), Type.String()), 503: Type.Record(Type.String(), Type.String()) },
      },
    },
    async (_req, reply) => {
      const result: Record<string, string> = { status: 'ok' };
      await Promise.all(
        [...ctx.health.entries()].map(async ([name, check]) => {
          try {
            await withTimeout(check(), HEALTH_TIMEOUT_MS);
            result[name] = 'ok';
          } catch (e) {
            result[name] = `error: ${(e as Error).message}`;
            result.status = 'degraded';
          }
        }),
      );
      return reply.status(result.status === 'ok' ? 200 : 503).header('cache-control', 'no-store').send(result);
    },
  );

  app.get('/metrics', { config: { public: true, ownBearer: true }, schema: { tags: ['system'], summary: 'Prometheus metrics (METRICS_TOKEN bearer, else loopback only)', hide: true } }, async (request, reply) => {
    checkMetricsCaller(request, ctx.config.metricsToken);
    reply.header('cache-control', 'no-store');
    reply.type(ctx.metrics.contentType);
    return ctx.metrics.metrics();
  });
}

const digest = (s: string) => createHash('sha256').update(s).digest();
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** /metrics tells request rates, queue depths and memory: with METRICS_TOKEN set, only a
 * caller sending it as a bearer token; without it, only a caller on this machine that no
 * proxy forwarded (a proxy on the same host would otherwise make everyone loopback). */
export function checkMetricsCaller(request: FastifyRequest, token: string | undefined): void {
  if (token) {
    const m = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    // compared as digests: equal length, so timingSafeEqual tells nothing of the token's length
    if (!m || !timingSafeEqual(digest(m[1]!), digest(token))) throw new Problem(401, 'auth.required', {}, undefined, { hint: 'Authorization: Bearer <METRICS_TOKEN>' });
    return;
  }
  const forwarded = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined || request.headers['x-real-ip'] !== undefined;
  if (forwarded || !LOOPBACK.has(request.socket.remoteAddress ?? '')) throw new Problem(403, 'auth.forbidden');
}
