// What makes two requests "the same request" for an idempotency key: method, path (with
// the query) and the parsed body with its object keys in a stable order. Pure.
import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so {a,b} and {b,a} are one body. */
export function canonicalJson(v: unknown): string {
  if (v === undefined) return 'null';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Buffer.isBuffer(v)) return JSON.stringify(v.toString('base64'));
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

export function fingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(method).update('\n').update(path).update('\n').update(canonicalJson(body)).digest('hex');
}

/** A key is 1–200 visible ASCII characters (a UUID from the device, typically). */
export const validKey = (k: string) => /^[\x21-\x7e]{1,200}$/.test(k);

/** Which responses are kept and replayed: successes, and refusals that a retry of the same
 * request would meet again. Not kept (the key is released, a retry runs again): server
 * errors, and 401/403/408/429, which depend on the session or the moment. */
export const keepsResponse = (status: number) => (status >= 200 && status < 300) || (status >= 400 && status < 500 && ![401, 403, 408, 429].includes(status));
