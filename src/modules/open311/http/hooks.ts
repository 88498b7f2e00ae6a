// The Open311 scope's conventions, in hook order: the format from the URL's suffix; the
// parameters (form, multipart with photos, or query) read with empty = absent; the
// jurisdiction; the client's api_key (403 when a route needs one or a bad one is sent);
// then each route's per-client rate limit. Errors here are Open311 errors (errors.ts).
import type { FastifyRequest } from 'fastify';
import type { App, AppContext } from '../../../core/context.js';
import { Problem } from '../../../core/http/problem.js';
import { can } from '../../../core/auth/index.js';
import { formatOfUrl } from '../domain/format.js';
import { normaliseParams } from '../domain/params.js';
import { resolveJurisdiction } from '../queries/jurisdictions.js';
import { REPORT_GRANT } from '../policies.js';
import type { Upload } from './context.js';
import './context.js';

/** Requests per minute of a client without its own limit (callers without a key and
 * reads are held to RATE_LIMIT_PUBLIC per address, like the other public pages). */
export const DEFAULT_CLIENT_LIMIT = 60;

interface Part {
  type?: string;
  value?: unknown;
  _buf?: Buffer | null;
  fieldname?: string;
}

/** A multipart body as @fastify/multipart attaches it: fields (value) and files (_buf). */
function splitMultipart(body: Record<string, Part | Part[]>): { fields: Record<string, unknown>; files: Upload[] } {
  const fields: Record<string, unknown> = {};
  const files: Upload[] = [];
  for (const [name, entry] of Object.entries(body)) {
    for (const p of [entry].flat()) {
      if (p?.type === 'file') files.push({ field: name, content: p._buf ?? Buffer.alloc(0) });
      else if (p && 'value' in p) fields[name] = name in fields ? [fields[name], p.value].flat() : p.value;
    }
  }
  return { fields, files };
}

export function installHooks(app: App, ctx: AppContext): void {
  app.decorateRequest('open311', null as never);

  app.addHook('onRequest', async (request) => {
    request.open311 = { format: formatOfUrl(request.url), tenantId: '', client: null, rateLimit: null, publicLimit: ctx.config.rateLimits.public, form: {}, files: [] };
  });

  app.addHook('preValidation', async (request) => {
    // an unknown resource is answered as such, whatever its parameters
    if (request.is404) return;
    const o = request.open311;
    let body: unknown = request.body;
    if (request.isMultipart() && body && typeof body === 'object') {
      const split = splitMultipart(body as Record<string, Part | Part[]>);
      body = split.fields;
      o.files = split.files;
    }
    const params = request.method === 'GET' ? normaliseParams(request.query) : { ...normaliseParams(request.query), ...normaliseParams(body) };
    o.form = params;
    // the schemas validate what the standard reads: the same cleaned parameters
    if (request.method === 'GET') request.query = params;
    else request.body = params;

    const cfg = request.routeOptions.config.open311 ?? {};
    if (cfg.jurisdiction !== false) {
      if (Array.isArray(params.jurisdiction_id)) throw new Problem(400, 'problem.validation', {}, [{ field: 'jurisdiction_id', in: 'query', code: 'open311.repeated' }]);
      const j = await resolveJurisdiction(ctx, params.jurisdiction_id);
      if (!j.ok) throw new Problem(j.status, j.code, j.params);
      o.tenantId = j.jurisdiction.id;
    }
    if (cfg.key) await identifyClient(ctx, request, cfg.key === 'required');
  });
}

/** The api_key parameter (or an Authorization/X-Api-Key header the platform resolved). */
async function identifyClient(ctx: AppContext, request: FastifyRequest, required: boolean): Promise<void> {
  const o = request.open311;
  const sent = o.form.api_key;
  if (Array.isArray(sent)) throw new Problem(403, 'open311.key_invalid');
  let found = sent !== undefined ? await ctx.apiKeys.resolve(sent.trim()) : null;
  if (sent !== undefined && !found) throw new Problem(403, 'open311.key_invalid');
  if (!found && request.actor.kind === 'apiKey') found = { actor: request.actor, rateLimit: null };
  if (!found) {
    if (required) throw new Problem(403, 'open311.key_missing');
    return;
  }
  o.client = found.actor;
  o.rateLimit = found.rateLimit;
  if (found.actor.tenantId !== o.tenantId) throw new Problem(403, 'open311.key_other_jurisdiction', { id: o.tenantId });
  if (required && !can(found.actor, REPORT_GRANT)) throw new Problem(403, 'open311.key_not_granted', {}, undefined, { action: REPORT_GRANT });
}

/** Route config of @fastify/rate-limit for every Open311 route: per client key (its own
 * limit or the default), per address at RATE_LIMIT_PUBLIC for callers without a key.
 * After the key is read (preValidation); counted on each node. */
export function rateLimitPerClient() {
  return {
    hook: 'preValidation' as const,
    timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) => (req.open311?.client ? `open311:key:${req.open311.client.keyId}` : `open311:ip:${req.ip}`),
    max: async (req: FastifyRequest) => (req.open311?.client ? (req.open311.rateLimit ?? DEFAULT_CLIENT_LIMIT) : req.open311.publicLimit),
  };
}

