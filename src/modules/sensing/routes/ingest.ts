// POST /api/v1/ingest/alarms: a device posts one alarm or a batch, signed with its secret:
//   X-Jiedao-Device: <device code>          (or <tenant>:<code>)
//   X-Jiedao-Timestamp: <Unix seconds>
//   X-Jiedao-Signature: hex HMAC-SHA256(secret, "<timestamp>.<raw body>")
// A timestamp outside ±5 minutes or a signature already used is refused (replay window).
// The signature is checked on the raw bytes, before anything is validated, so an unsigned
// caller learns nothing; every refusal is recorded as a dead letter with its reason.
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { App, AppContext } from '../../../core/context.js';
import { Problem } from '../../../core/http/problem.js';
import { REPLAY_WINDOW_S, sameSecret, signBody } from '../domain/signature.js';
import { TokenBuckets } from '../domain/rateLimit.js';
import { parseUsername } from '../ingest/embedded.js';
import type { DeviceRef } from '../ingest/registry.js';
import { SENSING_SERVICE, type SensingRuntime } from '../service.js';
import { queryRows } from '../ingest/sql.js';

export const MAX_HTTP_BATCH = 1000;

const Result = Type.Object({ index: Type.Integer(), status: Type.String({ description: 'stored, duplicate (sent before), rejected' }), reason: Type.Optional(Type.String()), detail: Type.Optional(Type.String()) });

export function ingestRoutes(app: App, ctx: AppContext): void {
  const rt = () => ctx.services.get(SENSING_SERVICE) as SensingRuntime;
  // refusals of unauthenticated callers are recorded, but not faster than this
  const refusals = new TokenBuckets();

  async function refuse(request: FastifyRequest, status: number, code: string, reason: string, params: Record<string, unknown>, deviceCode: string | null, tenantId: string, body: Buffer): Promise<never> {
    if (refusals.take(0, 20, Date.now())) await rt().ingestor.refuse(tenantId, 'http', deviceCode, reason, `${request.ip}: ${code}`, body).catch(() => undefined);
    throw new Problem(status, code, params);
  }

  async function authenticate(request: FastifyRequest, body: Buffer): Promise<DeviceRef> {
    const h = request.headers;
    const key = typeof h['x-jiedao-device'] === 'string' ? h['x-jiedao-device'].trim() : '';
    const ts = typeof h['x-jiedao-timestamp'] === 'string' ? h['x-jiedao-timestamp'].trim() : '';
    const sigHeader = typeof h['x-jiedao-signature'] === 'string' ? h['x-jiedao-signature'].trim() : '';
    const sig = sigHeader.replace(/^sha256=/i, '').toLowerCase();
    const fallback = ctx.config.tenant;
    if (!key) throw new Problem(401, 'sensing.device_key_required');
    if (!ts || !sig) throw new Problem(401, 'sensing.signature_required');
    const { tenantId, code } = parseUsername(key, fallback);
    const { registry, keys } = rt();
    const device = registry.device(tenantId, code);
    const knownTenant = registry.tenantIds().includes(tenantId) ? tenantId : fallback;
    if (!device || !device.enabled) return refuse(request, 401, 'sensing.unknown_device_key', 'unknown_device', { code }, code, knownTenant, body);
    const t = Number(ts);
    const now = ctx.clock.now().getTime() / 1000;
    if (!/^\d{9,11}$/.test(ts) || Math.abs(now - t) > REPLAY_WINDOW_S) return refuse(request, 401, 'sensing.stale_timestamp', 'stale_timestamp', { window: REPLAY_WINDOW_S }, code, tenantId, body);
    await keys.load(tenantId);
    if (!/^[0-9a-f]{64}$/.test(sig) || !sameSecret(sig, signBody(keys.secret(device), ts, body))) return refuse(request, 401, 'sensing.bad_signature', 'bad_signature', {}, code, tenantId, body);
    // a signature may be used once within the window; kept until the window has passed
    const fresh = await queryRows<{ signature: string }>(ctx.db, sql`insert into sensing_http_nonces (signature, tenant_id, device_id, expires_at)
      values (${sig}, ${tenantId}, ${device.id}, ${new Date((t + 2 * REPLAY_WINDOW_S) * 1000).toISOString()}) on conflict do nothing returning signature`);
    if (fresh.length === 0) return refuse(request, 409, 'sensing.replayed', 'replayed', {}, code, tenantId, body);
    return device;
  }

  app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 }, async (request: FastifyRequest, body: Buffer) => {
      const device = await authenticate(request, body);
      request.actor = { kind: 'device', deviceId: device.id, tenantId: device.tenantId, code: device.code };
      try {
        return JSON.parse(body.toString('utf8'));
      } catch {
        await rt().ingestor.refuse(device.tenantId, 'http', device.code, 'malformed', 'not JSON', body);
        throw new Problem(400, 'problem.bad_json');
      }
    });

    scope.post(
      '/ingest/alarms',
      {
        // per address, before the signature is checked: a flood costs no HMAC work (per-device rates come after)
        config: { policy: 'sensing.ingest', csrfExempt: true, rateLimit: { max: ctx.config.rateLimits.ingest, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => `ingest:${req.ip}` } },
        schema: {
          tags: ['sensing'],
          summary: 'Devices post one alarm or a batch ({"alarms": […]}), signed with HMAC-SHA256',
          description: 'Headers X-Jiedao-Device, X-Jiedao-Timestamp (Unix seconds, ±300 s) and X-Jiedao-Signature (hex HMAC-SHA256 of "<timestamp>.<raw body>" with the device secret). Each alarm needs id or ts; a resend with the same id (or ts and type) is reported as duplicate and changes nothing.',
          body: Type.Union([Type.Object({ alarms: Type.Array(Type.Unknown(), { minItems: 1 }) }), Type.Object({ type: Type.Unknown() })]),
          response: { 200: Type.Object({ results: Type.Array(Result) }) },
        },
      },
      async (request, reply) => {
        const { registry, ingestor } = rt();
        const actor = request.actor;
        if (actor.kind !== 'device') throw new Problem(401, 'sensing.device_key_required');
        const device = registry.deviceById(actor.deviceId)!;
        const body = request.body as { alarms?: unknown[] };
        const batch = Array.isArray(body.alarms);
        const alarms = batch ? body.alarms! : [body];
        if (alarms.length > MAX_HTTP_BATCH) throw new Problem(413, 'sensing.batch_too_large', { max: MAX_HTTP_BATCH });
        const results = await ingestor.http(device, alarms);
        const out = results.map((r, index) => ({ index, status: r.outcome === 'stored' ? 'stored' : r.outcome === 'duplicate' ? 'duplicate' : 'rejected', ...(r.reason ? { reason: r.reason, detail: r.detail } : {}) }));
        // one alarm that was refused: say why, naming the field
        if (!batch && out[0]!.status === 'rejected') {
          const detail = out[0]!.detail ?? '';
          const field = detail.startsWith('/') ? detail.slice(1, detail.indexOf(':')).replace(/\//g, '.') || '(root)' : '(root)';
          if (out[0]!.reason === 'rate_limited') throw new Problem(429, 'problem.rate_limited');
          throw new Problem(400, 'problem.validation', {}, [{ field, in: 'body', code: detail.slice(detail.indexOf(':') + 1).trim() || String(out[0]!.reason) }]);
        }
        return reply.send({ results: out });
      },
    );
  });
}
