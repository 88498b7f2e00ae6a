// GET services and services/{code}: the jurisdiction's public categories (name, group,
// keywords) and each one's attributes.
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../../core/context.js';
import { publicCategories } from '../../cases/index.js';
import { presentDefinition, presentService } from '../domain/present.js';
import { serviceOf } from '../commands/submitRequest.js';
import { JurisdictionQuery } from '../http/schemas.js';
import { answer, presenting } from '../http/reply.js';
import { FormatParam, IdParam, summaryOf } from './shared.js';
import { rateLimitPerClient } from '../http/hooks.js';

export function serviceRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/services.:format',
    { config: { public: true, open311: { key: 'optional' }, rateLimit: rateLimitPerClient() }, schema: { tags: ['open311'], summary: summaryOf('The services (public case categories) of a jurisdiction'), params: Type.Object(FormatParam), querystring: JurisdictionQuery } },
    async (request, reply) => {
      const p = await presenting(ctx, request);
      const list = await publicCategories(ctx, request.open311.tenantId);
      return answer(request, reply, 'services', list.map((c) => presentService(c, p)));
    },
  );

  app.get(
    '/services/:service_code.:format',
    {
      config: { public: true, open311: { key: 'optional' }, rateLimit: rateLimitPerClient() },
      schema: { tags: ['open311'], summary: summaryOf("A service's definition: its attributes"), params: Type.Object({ ...IdParam('service_code', 'the service'), ...FormatParam }), querystring: JurisdictionQuery },
    },
    async (request, reply) => {
      const service = await serviceOf(ctx, request.open311.tenantId, request.params.service_code);
      return answer(request, reply, 'service_definition', presentDefinition(service, await presenting(ctx, request)));
    },
  );
}
