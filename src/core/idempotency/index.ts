// Idempotency-Key for changes under /api/ (ADR 0510): registerIdempotency(app, ctx) in the
// HTTP server; idempotencyModule purges old keys.
export { registerIdempotency, IDEMPOTENCY_HEADER, STALE_AFTER_MS } from './hooks.js';
export { idempotencyModule, PURGE_SWEEP, KEEP_KEYS_MS } from './module.js';
export { canonicalJson, fingerprint, keepsResponse } from './fingerprint.js';
export { idempotencyKeys } from './schema.js';
