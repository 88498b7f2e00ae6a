// /healthz and /metrics: what a load balancer and Prometheus ask of every node.
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../context.js';

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

  app.get('/metrics', { config: { public: true }, schema: { tags: ['system'], summary: 'Prometheus metrics', hide: true } }, async (_req, reply) => {
    reply.type(ctx.metrics.contentType);
    return ctx.metrics.metrics();
  });
}
