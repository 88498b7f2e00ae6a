// Turns anything thrown in a route into RFC 9457 problem+json, in the caller's language.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import localizeModule from 'ajv-i18n';
import { interopDefault } from '../interop.js';
import { Problem, type FieldError } from './problem.js';

const localize = interopDefault(localizeModule as unknown as { default: typeof localizeModule.default }) as typeof localizeModule.default;
import type { Locale } from './i18n.js';
import { audit } from '../audit/index.js';
import type { AppContext } from '../context.js';

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** "/location/lat" → "location.lat"; a missing property is named in full. */
export function fieldPath(e: AjvError): string {
  const parts = e.instancePath.split('/').filter(Boolean);
  if (e.keyword === 'required' && typeof e.params.missingProperty === 'string') parts.push(e.params.missingProperty);
  if (e.keyword === 'additionalProperties' && typeof e.params.additionalProperty === 'string') parts.push(e.params.additionalProperty);
  return parts.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).join('.') || '(root)';
}

function validationProblem(err: FastifyError, locale: Locale): Problem {
  const raw = (err.validation ?? []) as unknown as AjvError[];
  const copies = raw.map((e) => ({ ...e }));
  (locale === 'en' ? localize.en : localize.zh)(copies as never);
  const where = err.validationContext ?? 'body';
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const e of copies) {
    const field = fieldPath(e);
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, in: where, code: e.message ?? e.keyword });
  }
  return new Problem(400, 'problem.validation', {}, errors);
}

export function toProblem(err: FastifyError | Problem | Error, locale: Locale): Problem {
  if (err instanceof Problem) return err;
  const fe = err as FastifyError;
  if (fe.validation) return validationProblem(fe, locale);
  const status = fe.statusCode ?? 500;
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new Problem(400, 'problem.bad_json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new Problem(413, 'problem.payload_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new Problem(415, 'problem.unsupported_media_type');
  }
  if (status === 429) return new Problem(429, 'problem.rate_limited');
  if (status >= 400 && status < 500) return new Problem(status, 'problem.validation_message', { message: fe.message });
  return new Problem(500, 'problem.internal');
}

export function makeErrorHandler(ctx: AppContext) {
  return async function errorHandler(err: FastifyError | Problem, request: FastifyRequest, reply: FastifyReply) {
    const locale = request.locale ?? 'zh';
    const problem = toProblem(err, locale);
    if (problem.status >= 500) request.log.error({ err }, 'request failed');
    if (problem.status === 403 && request.actor && request.actor.kind !== 'anonymous') {
      // Refused attempts are on the record too (they never share the refused change's transaction).
      await audit(ctx.db, {
        tenantId: request.actor.tenantId,
        actor: request.actor,
        action: String(problem.extra?.action ?? 'unknown'),
        subjectType: problem.auditSubject?.type ?? 'route',
        subjectId: problem.auditSubject?.id ?? `${request.method} ${request.routeOptions.url ?? request.url}`,
        outcome: 'denied',
        detail: { url: request.url, route: `${request.method} ${request.routeOptions.url ?? request.url}` },
        ip: request.ip,
      }).catch((e) => request.log.warn({ err: e }, 'audit of refusal failed'));
    }
    return reply
      .status(problem.status)
      .type('application/problem+json; charset=utf-8')
      .send(problem.render(locale, request.url));
  };
}
