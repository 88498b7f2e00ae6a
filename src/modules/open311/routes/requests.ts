// POST requests (a client reports; answered with a token and a service notice), GET
// requests (filtered list) and GET requests/{id}.
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../../core/context.js';
import { Problem } from '../../../core/http/problem.js';
import { t } from '../../../core/http/i18n.js';
import { getPublicCase, type PublicCase } from '../../cases/index.js';
import { submitRequest } from '../commands/submitRequest.js';
import { presentRequest, type Presenting } from '../domain/present.js';
import { w3c } from '../domain/format.js';
import { PostRequestBody, RequestsQuery, JurisdictionQuery } from '../http/schemas.js';
import { rateLimitPerClient } from '../http/hooks.js';
import { answer, presenting } from '../http/reply.js';
import { addressIds, findRequests } from '../queries/requests.js';
import { FormatParam, IdParam, clientPost, summaryOf } from './shared.js';

async function present(ctx: AppContext, tenantId: string, list: PublicCase[], p: Presenting) {
  const ids = await addressIds(ctx, tenantId, list.map((c) => c.id));
  return list.map((c) => presentRequest(c, p, ids.get(c.id) ?? null));
}

export function requestRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/requests.:format',
    clientPost(
      'Report a problem (a service request); answered with a token to follow',
      'Every service is "batch": the answer carries a token, and GET tokens/{token} gives the service request id once the report has been verified and registered (or turned down). Posting the same report again returns the same token.',
      PostRequestBody,
    ),
    async (request, reply) => {
      const o = request.open311;
      const r = await submitRequest(ctx, o.client!, o.form, o.files);
      const locale = request.locale ?? 'zh';
      const notice = r.expected ? t(locale, 'open311.service_notice', { expected: w3c(r.expected).replace('T', ' ').slice(0, 16) }) : t(locale, 'open311.service_notice_plain');
      return answer(request, reply, 'service_requests', [{ token: r.token, service_notice: notice, account_id: r.accountId }]);
    },
  );

  app.get(
    '/requests.:format',
    {
      config: { public: true, open311: { key: 'optional' }, rateLimit: rateLimitPerClient() },
      schema: {
        tags: ['open311'],
        summary: summaryOf('Service requests, newest first: by ids, or by service, status and a window of at most 90 days (default: the last 90 days, at most 1,000)'),
        params: Type.Object(FormatParam),
        querystring: RequestsQuery,
      },
    },
    async (request, reply) => {
      const tenantId = request.open311.tenantId;
      const list = await findRequests(ctx, tenantId, request.open311.form);
      return answer(request, reply, 'service_requests', await present(ctx, tenantId, list, await presenting(ctx, request)));
    },
  );

  app.get(
    '/requests/:service_request_id.:format',
    {
      config: { public: true, open311: { key: 'optional' }, rateLimit: rateLimitPerClient() },
      schema: { tags: ['open311'], summary: summaryOf('One service request'), params: Type.Object({ ...IdParam('service_request_id', 'the service request id'), ...FormatParam }), querystring: JurisdictionQuery },
    },
    async (request, reply) => {
      const tenantId = request.open311.tenantId;
      const c = await getPublicCase(ctx, tenantId, request.params.service_request_id);
      if (!c) throw new Problem(404, 'open311.request_unknown', { id: request.params.service_request_id });
      return answer(request, reply, 'service_requests', await present(ctx, tenantId, [c], await presenting(ctx, request)));
    },
  );
}
