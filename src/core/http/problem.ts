// RFC 9457 problem details. Throw a Problem anywhere; the error handler renders it as
// application/problem+json in the caller's language, naming the offending field.
import { t, type Locale } from './i18n.js';

export interface FieldError {
  /** dotted path of the field, e.g. "location.lat" */
  field: string;
  /** where it came from: body, query, params, headers */
  in?: string;
  /** message code (registered) or literal message */
  code: string;
  params?: Record<string, unknown>;
}

const TITLE_BY_STATUS: Record<number, string> = {
  400: 'problem.validation',
  401: 'auth.required',
  403: 'auth.forbidden',
  404: 'problem.not_found',
  409: 'problem.conflict',
  413: 'problem.payload_too_large',
  415: 'problem.unsupported_media_type',
  422: 'problem.validation',
  429: 'problem.rate_limited',
  500: 'problem.internal',
};

export class Problem extends Error {
  /** the record a refusal concerns; the error handler audits it instead of the route */
  auditSubject?: { type: string; id: string | number };

  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly errors?: FieldError[],
    /** extra members of the problem object (e.g. allowed actions on a 409) */
    readonly extra?: Record<string, unknown>,
  ) {
    super(code);
  }

  render(locale: Locale, instance?: string): Record<string, unknown> {
    const errors = this.errors?.map((e) => ({
      field: e.field,
      in: e.in,
      code: e.code,
      message: t(locale, e.code, { ...e.params, field: e.field }),
    }));
    const titleCode = TITLE_BY_STATUS[this.status] ?? 'problem.validation';
    let detail = t(locale, this.code, this.params);
    if (errors?.length && this.code === 'problem.validation') {
      detail = errors.map((e) => t(locale, 'field.invalid', { field: e.field, message: e.message })).join('；');
    }
    return {
      type: `urn:jiedao:problem:${this.code}`,
      title: t(locale, titleCode),
      status: this.status,
      detail,
      instance,
      code: this.code,
      ...(errors ? { errors } : {}),
      ...this.extra,
    };
  }
}

/** 400 naming one field. */
export function fieldProblem(field: string, code: string, params: Record<string, unknown> = {}, where = 'body', status = 400): Problem {
  return new Problem(status, 'problem.validation', {}, [{ field, in: where, code, params }]);
}

/** 404 for a thing; `what` is a message code such as 'thing.grid'. */
export const notFound = (what: string, id?: unknown) => new Problem(404, 'problem.not_found_thing', { what: { $t: what }, id: id ?? '' });
