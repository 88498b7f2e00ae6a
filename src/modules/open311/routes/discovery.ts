// GET discovery: where the GeoReport v2 endpoint is, its formats, whom to ask for a key,
// and a changeset that moves whenever a service or its definition changes.
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import { t } from '../../../core/http/i18n.js';
import { caseCategories } from '../../cases/index.js';
import { FormatParam, w3cOr } from './shared.js';
import { answer, baseUrl } from '../http/reply.js';
import { jurisdictions } from '../queries/jurisdictions.js';
import { rateLimitPerClient } from '../http/hooks.js';

export function discoveryRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/discovery.:format',
    {
      config: { public: true, open311: { jurisdiction: false }, rateLimit: rateLimitPerClient() },
      schema: { tags: ['open311'], summary: 'Service discovery: the GeoReport v2 endpoint, its formats and how to get a key', params: Type.Object(FormatParam) },
    },
    async (request, reply) => {
      const [row] = await ctx.db.select({ at: sql<Date | string | null>`max(${caseCategories.updatedAt})` }).from(caseCategories);
      const changeset = w3cOr(row?.at ?? null, new Date(0));
      const locale = request.locale ?? 'zh';
      const names = (await jurisdictions(ctx)).map((j) => (locale === 'en' ? j.nameEn : j.name)).join(locale === 'en' ? ', ' : '、');
      return answer(request, reply, 'discovery', {
        changeset,
        contact: t(locale, 'open311.discovery_contact', { tenant: names }),
        key_service: t(locale, 'open311.discovery_key', { tenant: names }),
        endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: baseUrl(request), changeset, type: ctx.config.env === 'production' ? 'production' : 'test', formats: ['text/xml', 'application/json'] }],
      });
    },
  );
}
