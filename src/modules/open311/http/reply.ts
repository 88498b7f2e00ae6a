// Answering in the format the URL asked for.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MEDIA_TYPES, render, type Value } from '../domain/format.js';
import type { Presenting } from '../domain/present.js';
import { jurisdictions } from '../queries/jurisdictions.js';
import type { AppContext } from '../../../core/context.js';
import './context.js';

export function answer(request: FastifyRequest, reply: FastifyReply, root: string, body: Value) {
  const f = request.open311.format;
  return reply.type(MEDIA_TYPES[f]).send(render(f, root, body));
}

/** The absolute base of this interface as the client reached it. */
export const baseUrl = (request: FastifyRequest) => `${request.protocol}://${request.host}/open311/v2`;

/** What presenting needs: language, the jurisdiction's name, links. */
export async function presenting(ctx: AppContext, request: FastifyRequest): Promise<Presenting> {
  const tenantId = request.open311.tenantId;
  const j = (await jurisdictions(ctx)).find((x) => x.id === tenantId);
  const locale = request.locale ?? 'zh';
  return { locale, agency: (locale === 'en' ? j?.nameEn : j?.name) ?? tenantId, base: baseUrl(request), tenantId };
}
