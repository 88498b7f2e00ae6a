// GET tokens/{token}: the service request id a token stands for, once the report's
// verification is over; until then the token alone (no empty id element: clients read
// any element as an id).
import { Type } from '@sinclair/typebox';
import { and, eq } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import { Problem } from '../../../core/http/problem.js';
import { cases, getPublicCase } from '../../cases/index.js';
import { open311Requests } from '../schema.js';
import { JurisdictionQuery } from '../http/schemas.js';
import { answer } from '../http/reply.js';
import { FormatParam, IdParam, summaryOf } from './shared.js';
import { rateLimitPerClient } from '../http/hooks.js';

export function tokenRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/tokens/:token.:format',
    {
      config: { public: true, open311: { key: 'optional' }, rateLimit: rateLimitPerClient() },
      schema: { tags: ['open311'], summary: summaryOf('The service request id of a token (given once the report is verified and registered)'), params: Type.Object({ ...IdParam('token', 'the token POST requests answered'), ...FormatParam }), querystring: JurisdictionQuery },
    },
    async (request, reply) => {
      const tenantId = request.open311.tenantId;
      const token = request.params.token;
      const [row] = await ctx.db
        .select({ number: cases.number })
        .from(open311Requests)
        .innerJoin(cases, eq(cases.id, open311Requests.caseId))
        .where(and(eq(open311Requests.tenantId, tenantId), eq(open311Requests.token, token)));
      if (!row) throw new Problem(404, 'open311.token_unknown', { token: token.slice(0, 60) });
      const visible = await getPublicCase(ctx, tenantId, row.number);
      return answer(request, reply, 'service_requests', [visible ? { service_request_id: visible.number, token } : { token }]);
    },
  );
}
