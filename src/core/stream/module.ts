// GET /api/v1/stream: the live stream of domain events a viewer may see (SSE).
import { Type } from '@sinclair/typebox';
import type { Module } from '../context.js';
import { definePolicies } from '../auth/policy.js';
import { StreamHub } from './hub.js';
import { typeMatcher } from './visibility.js';

definePolicies({
  'stream.read': (a) => a.kind === 'user' || (a.kind === 'apiKey' && a.grants.includes('stream.read')),
});

export const STREAM_HUB = 'core.stream';

export const streamModule: Module = {
  name: 'stream',
  async start(ctx) {
    const hub = new StreamHub(ctx.database, ctx.metrics);
    hub.attach(ctx.bus);
    ctx.services.set(STREAM_HUB, hub);
  },
  async stop(ctx) {
    await (ctx.services.get(STREAM_HUB) as StreamHub | undefined)?.stop();
  },
  routes(app, ctx) {
    // open streams would keep the server from closing: end them first
    app.addHook('preClose', async () => (ctx.services.get(STREAM_HUB) as StreamHub | undefined)?.stop());
    app.get(
      '/stream',
      {
        config: { policy: 'stream.read' },
        schema: {
          tags: ['stream'],
          summary: 'Live domain events the viewer may see (text/event-stream)',
          description:
            'Server-Sent Events: `id` is the event id, `event` its type, `data` JSON {id, type, subjectType, subjectId, payload, createdAt}. Reconnect with the Last-Event-ID header (or ?lastEventId=) to receive every event committed since, in order, exactly once. `types` filters (e.g. case.*,sensing.alarm). A comment line every 15 s keeps proxies open.',
          querystring: Type.Object({ types: Type.Optional(Type.String({ maxLength: 500 })), lastEventId: Type.Optional(Type.Integer({ minimum: 0 })) }),
        },
      },
      async (request, reply) => {
        const hub = ctx.services.get(STREAM_HUB) as StreamHub;
        const header = request.headers['last-event-id'];
        const fromHeader = typeof header === 'string' && /^\d+$/.test(header.trim()) ? Number(header.trim()) : undefined;
        let lastId = fromHeader ?? request.query.lastEventId;
        if (lastId === undefined) {
          // a new viewer starts from now
          const [row] = await ctx.database.query<{ id: number | string | null }>(`select max(id) as id from events where tenant_id = $1`, [request.actor.tenantId]);
          lastId = Number(row?.id ?? 0);
        }
        reply.hijack();
        reply.raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
          'x-content-type-options': 'nosniff',
        });
        await hub.open(request.actor, reply.raw, lastId, typeMatcher(request.query.types));
      },
    );
  },
};
