// mySociety's servicerequestupdates: GET the public updates of a window (what the office
// told the public, and what the public added), POST a member of the public's update.
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../../core/context.js';
import { listPublicUpdates } from '../../cases/index.js';
import { postUpdate } from '../commands/postUpdate.js';
import { invalid } from '../commands/submitRequest.js';
import { presentUpdate } from '../domain/present.js';
import { instant, type Issue } from '../domain/params.js';
import { MAX_ITEMS, listWindow } from '../domain/window.js';
import { PostUpdateBody, UpdatesQuery } from '../http/schemas.js';
import { rateLimitPerClient } from '../http/hooks.js';
import { answer, presenting } from '../http/reply.js';
import { FormatParam, clientPost, summaryOf } from './shared.js';

/** Without dates, the last day (clients poll a recent window; FixMyStreet asks for 2 hours). */
const DEFAULT_UPDATE_DAYS = 1;

export function updateRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/servicerequestupdates.:format',
    {
      config: { public: true, open311: { key: 'optional' }, rateLimit: rateLimitPerClient() },
      schema: {
        tags: ['open311'],
        summary: summaryOf('Updates of service requests in a window, oldest first (default: the last day; at most 90 days, 1,000 updates)'),
        params: Type.Object(FormatParam),
        querystring: UpdatesQuery,
      },
    },
    async (request, reply) => {
      const o = request.open311;
      const issues: Issue[] = [];
      const start = instant(o.form, 'start_date', issues);
      const end = instant(o.form, 'end_date', issues);
      const now = ctx.clock.now();
      const w = start || end ? listWindow(now, start, end) : listWindow(now, undefined, now, DEFAULT_UPDATE_DAYS);
      if (!w.ok) issues.push({ field: w.field, code: w.code, params: w.params });
      if (issues.length || !w.ok) throw invalid(issues);
      const updates = await listPublicUpdates(ctx, o.tenantId, { from: w.from, to: w.to, limit: MAX_ITEMS });
      const p = await presenting(ctx, request);
      return answer(request, reply, 'service_request_updates', updates.map((u) => presentUpdate(u, p)));
    },
  );

  app.post(
    '/servicerequestupdates.:format',
    clientPost("Add a member of the public's update to a service request", 'Recorded on the case as a public update (the desk is told; the case does not move). Posting the same update_id again returns the same update.', PostUpdateBody),
    async (request, reply) => {
      const o = request.open311;
      const r = await postUpdate(ctx, o.client!, o.form, o.files);
      return answer(request, reply, 'service_request_updates', [{ update_id: r.updateId }]);
    },
  );
}
