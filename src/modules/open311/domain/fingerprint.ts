// A client that does not hear back (a timeout, a token it cannot resolve yet) posts the
// same report again — FixMyStreet does so on its next run. The fingerprint of what was
// posted lets the second post find the first instead of making a second case.
import { createHash } from 'node:crypto';
import type { Form } from './params.js';

/** Parameters that say who is calling, not what is reported. */
const NOT_CONTENT = new Set(['api_key', 'jurisdiction_id']);

export function fingerprint(form: Form, files: readonly Buffer[]): string {
  const h = createHash('sha256');
  for (const k of Object.keys(form).sort()) {
    if (NOT_CONTENT.has(k)) continue;
    h.update(JSON.stringify([k, form[k]]));
  }
  for (const f of files) h.update(createHash('sha256').update(f).digest('hex'));
  return h.digest('hex');
}
