// The photos a reporter shared with a public case, for the media_url of requests and
// updates. Nothing else of a case's evidence is ever served here.
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../../core/context.js';
import { Problem } from '../../../core/http/problem.js';
import { publicEvidenceContent } from '../../cases/index.js';
import { JurisdictionQuery } from '../http/schemas.js';
import { rateLimitPerClient } from '../http/hooks.js';

export function mediaRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/media/:id',
    {
      config: { public: true, rateLimit: rateLimitPerClient() },
      schema: { tags: ['open311'], summary: 'A photo shared by the reporter of a public service request', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), querystring: JurisdictionQuery },
    },
    async (request, reply) => {
      const m = await publicEvidenceContent(ctx, request.open311.tenantId, request.params.id);
      if (!m) throw new Problem(404, 'open311.resource_unknown', { url: request.url.split('?')[0] });
      return reply
        .header('content-type', m.mediaType ?? 'application/octet-stream')
        .header('cache-control', 'public, max-age=86400')
        .header('etag', `"${m.sha256}"`)
        .header('x-content-type-options', 'nosniff')
        .send(m.content);
    },
  );
}
