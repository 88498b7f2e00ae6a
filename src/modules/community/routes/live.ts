// Live participation for the committee's screen: a server-sent event stream that sends
// the participation figures at once and again whenever a ballot is cast (on any node:
// events arrive through the bus), at most once a second, never the choices.
import type { ServerResponse } from 'node:http';
import { authorize } from '../../../core/auth/index.js';
import type { App, AppContext } from '../../../core/context.js';
import { IdParams } from '../present.js';
import { loadConsultation } from '../commands/loadConsultation.js';
import { standing } from '../queries/consultations.js';

const streams = new Set<ServerResponse>();
const MIN_GAP_MS = 1000;

export function liveRoutes(app: App, ctx: AppContext): void {
  // an open stream would otherwise hold the server's close until the client goes away
  app.addHook('preClose', async () => {
    for (const s of streams) s.end();
    streams.clear();
  });

  app.get(
    '/community/consultations/:id/live',
    { config: { policy: 'community.read' }, schema: { tags: ['community'], summary: 'Server-sent events: participation now and after every ballot (text/event-stream)', params: IdParams } },
    async (request, reply) => {
      const { tenantId } = request.actor;
      const id = request.params.id;
      const { subject } = await loadConsultation(ctx.db, tenantId, id);
      authorize(request.actor, 'community.read', subject);

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      streams.add(res);
      let last = 0;
      let timer: NodeJS.Timeout | undefined;
      const send = async () => {
        timer = undefined;
        last = Date.now();
        try {
          const { c } = await loadConsultation(ctx.db, tenantId, id);
          const { progress } = await standing(ctx.db, c);
          if (!res.writableEnded) res.write(`event: progress\ndata: ${JSON.stringify({ status: c.status, progress })}\n\n`);
        } catch (e) {
          request.log.warn({ err: e }, 'live participation failed');
        }
      };
      const schedule = () => {
        if (timer) return;
        timer = setTimeout(() => void send(), Math.max(0, last + MIN_GAP_MS - Date.now()));
      };
      const offs = ['community.ballot.cast', 'community.consultation.closed', 'community.consultation.cancelled'].map((type) =>
        ctx.bus.on(type, (e) => {
          if (e.tenantId === tenantId && e.subjectId === String(id)) schedule();
        }),
      );
      const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
      res.on('close', () => {
        offs.forEach((off) => off());
        clearInterval(ping);
        clearTimeout(timer);
        streams.delete(res);
      });
      await send();
    },
  );
}
