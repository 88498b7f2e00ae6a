// Small pieces the resources share.
import { Type, type TSchema, type TString } from '@sinclair/typebox';
import { w3c } from '../domain/format.js';
import { FormatParam } from '../http/schemas.js';
import { rateLimitPerClient } from '../http/hooks.js';
export { FormatParam };

/** A database time (Date or text, by driver) as a W3C date-time, or the fallback's. */
export function w3cOr(v: Date | string | null, fallback: Date): string {
  const d = v === null ? fallback : new Date(v);
  return w3c(Number.isNaN(d.getTime()) ? fallback : d);
}

export const summaryOf = (what: string) => `${what} (.xml or .json)`;
export const IdParam = <N extends string>(name: N, description: string) => ({ [name]: Type.String({ minLength: 1, maxLength: 100, description }) }) as Record<N, TString>;

/** Options of a client's POST: api_key required, the client's rate, a form or multipart body. */
export const clientPost = <B extends TSchema>(summary: string, description: string, body: B) => ({
  // the api_key is checked by the Open311 hooks (it is a form parameter, not a header)
  config: { public: true, open311: { key: 'required' as const }, rateLimit: rateLimitPerClient() },
  schema: { tags: ['open311'], summary: summaryOf(summary), description, params: Type.Object(FormatParam), body, consumes: ['application/x-www-form-urlencoded', 'multipart/form-data'] },
});
