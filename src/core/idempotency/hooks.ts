// Idempotency-Key (IETF draft-ietf-httpapi-idempotency-key-header) for every change under
// /api/: a signed-in user or an API key may send `Idempotency-Key: <unique id>` with a
// POST, PUT, PATCH or DELETE. The first request runs and its response is kept; a retry
// with the same key gets that response again (header `Idempotent-Replayed: true`) and
// changes nothing. The same key with a different request is 422; while the first is still
// running, 409 (retry shortly). See ADR 0510.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { Problem } from '../http/problem.js';
import { registerMessages } from '../http/i18n.js';
import { fingerprint, keepsResponse, validKey } from './fingerprint.js';
import { claim, complete, release, takeOver, type KeyRef } from './store.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** a first request older than this that never finished is taken over by its retry */
export const STALE_AFTER_MS = 2 * 60_000;
/** responses larger than this are not kept (the key is released) */
const MAX_KEPT_BYTES = 1024 * 1024;
const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

registerMessages({
  zh: {
    'idempotency.key_invalid': 'Idempotency-Key 须为 1–200 个可见 ASCII 字符',
    'idempotency.in_progress': '同一 Idempotency-Key 的请求仍在处理中，请稍后重试',
    'idempotency.key_reused': '该 Idempotency-Key 已用于另一个请求（{method} {path}）；每个新请求请使用新的键',
  },
  en: {
    'idempotency.key_invalid': 'Idempotency-Key must be 1–200 visible ASCII characters',
    'idempotency.in_progress': 'A request with this Idempotency-Key is still being processed; retry shortly',
    'idempotency.key_reused': 'This Idempotency-Key was used for a different request ({method} {path}); use a new key for each new request',
  },
});

declare module 'fastify' {
  interface FastifyRequest {
    /** set while this request holds an idempotency key it must complete or release */
    idempotency?: KeyRef;
  }
}

function principalOf(request: FastifyRequest): string | null {
  const a = request.actor;
  if (a.kind === 'user') return `u:${a.id}`;
  if (a.kind === 'apiKey') return `k:${a.keyId}`;
  return null;
}

export function registerIdempotency(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('idempotency', undefined);

  // after authentication, the route's policy and validation: a refused or malformed
  // request never takes a key
  app.addHook('preHandler', async (request, reply) => {
    const raw = request.headers[IDEMPOTENCY_HEADER];
    if (raw === undefined || !CHANGES.has(request.method) || !request.url.startsWith('/api/')) return;
    const principal = principalOf(request);
    if (!principal) return;
    const key = Array.isArray(raw) ? raw[0]! : raw;
    if (!validKey(key)) throw new Problem(400, 'problem.validation', {}, [{ field: 'Idempotency-Key', in: 'headers', code: 'idempotency.key_invalid' }]);
    const ref: KeyRef = { tenantId: request.actor.tenantId, principal, key };
    const req = { method: request.method, path: request.url, fingerprint: fingerprint(request.method, request.url, request.isMultipart() ? 'multipart' : request.body) };
    const now = ctx.clock.now();
    const seen = await claim(ctx.db, ref, req, now);
    if (!seen) {
      request.idempotency = ref;
      return;
    }
    if (seen.fingerprint !== req.fingerprint) throw new Problem(422, 'idempotency.key_reused', { method: seen.method, path: seen.path.split('?')[0] });
    if (seen.status === null) {
      if (now.getTime() - seen.createdAt.getTime() > STALE_AFTER_MS && (await takeOver(ctx.db, ref, seen.createdAt, now))) {
        request.idempotency = ref;
        return;
      }
      reply.header('retry-after', '1');
      throw new Problem(409, 'idempotency.in_progress');
    }
    reply.code(seen.status).header('idempotent-replayed', 'true');
    if (seen.contentType) reply.header('content-type', seen.contentType);
    return reply.send(seen.body ?? '');
  });

  // the response is kept before it leaves, so a retry that races the answer finds it
  app.addHook('onSend', async (request, reply, payload) => {
    const ref = request.idempotency;
    if (!ref) return payload;
    request.idempotency = undefined;
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
    const ct = reply.getHeader('content-type');
    const text = typeof ct === 'string' && /json|text|xml/.test(ct);
    try {
      if (body !== null && (text || body.length === 0) && body.length <= MAX_KEPT_BYTES && keepsResponse(reply.statusCode)) {
        await complete(ctx.db, ref, { status: reply.statusCode, contentType: typeof ct === 'string' ? ct : null, body }, ctx.clock.now());
      } else await release(ctx.db, ref);
    } catch (err) {
      request.log.error({ err }, 'idempotency: could not keep the response');
    }
    return payload;
  });
}
