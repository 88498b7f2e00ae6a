// Errors inside /open311 are Open311 errors, not problem+json:
// <errors><error><code/><description/></error></errors> (JSON: a bare array), one error
// per problem found, in the format the URL asked for. HTTP status: 403 for a missing or
// bad api_key, 404 for an unknown resource or jurisdiction (or service, request, token),
// 429 when a client is over its rate, 500 for our own failures, 400 for anything else.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../core/context.js';
import { toProblem } from '../../../core/http/errors.js';
import { Problem } from '../../../core/http/problem.js';
import { t, type Locale } from '../../../core/http/i18n.js';
import { audit } from '../../../core/audit/index.js';
import { MEDIA_TYPES, formatOfUrl, render, type Format } from '../domain/format.js';
import { MAX_EVIDENCE_BYTES } from '../../cases/index.js';
import './context.js';

export function open311Status(status: number): number {
  if (status === 401 || status === 403) return 403;
  if (status === 404 || status === 429) return status;
  if (status >= 500) return 500;
  return 400;
}

/** One description per problem: each field named, or the problem's own message. */
export function describe(p: Problem, locale: Locale): string[] {
  if (p.errors?.length) return p.errors.map((e) => t(locale, 'field.invalid', { field: e.field, message: t(locale, e.code, { ...e.params, field: e.field }) }));
  return [t(locale, p.code, p.params)];
}

export function sendErrors(reply: FastifyReply, format: Format, status: number, descriptions: string[]) {
  const body = descriptions.map((description) => ({ code: status, description }));
  return reply.status(status).type(MEDIA_TYPES[format]).header('cache-control', 'no-store').send(render(format, 'errors', body));
}

function open311Problem(err: FastifyError | Problem, request: FastifyRequest, locale: Locale): Problem {
  const fe = err as FastifyError & { part?: { fieldname?: string } };
  // a resource with a bad suffix (/services.csv) is a resource that does not exist
  if (fe.validationContext === 'params') return new Problem(404, 'open311.resource_unknown', { url: request.url.split('?')[0] });
  // a photo over the limit stops the upload: name it, as the photo check would
  if (fe.code === 'FST_REQ_FILE_TOO_LARGE') return new Problem(400, 'problem.validation', {}, [{ field: fe.part?.fieldname ?? 'photo', in: 'body', code: 'open311.photo_size', params: { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 } }]);
  return toProblem(err, locale);
}

export function makeOpen311ErrorHandler(ctx: AppContext) {
  return async function open311Errors(err: FastifyError | Problem, request: FastifyRequest, reply: FastifyReply) {
    const locale = request.locale ?? 'zh';
    const format = request.open311?.format ?? formatOfUrl(request.url);
    const problem = open311Problem(err, request, locale);
    const status = open311Status(problem.status);
    if (status >= 500) request.log.error({ err }, 'open311 request failed');
    const client = request.open311?.client;
    if (status === 403 && client) {
      // a known client refused (not granted, another jurisdiction) is on the record
      await audit(ctx.db, { tenantId: client.tenantId, actor: client, action: String(problem.extra?.action ?? 'open311'), subjectType: 'route', subjectId: `${request.method} ${request.routeOptions.url ?? request.url}`, outcome: 'denied', detail: { url: request.url.split('?')[0], code: problem.code }, ip: request.ip }).catch((e) =>
        request.log.warn({ err: e }, 'audit of refusal failed'),
      );
    }
    return sendErrors(reply, format, status, describe(problem, locale));
  };
}
