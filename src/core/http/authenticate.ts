// Resolves the actor of every request (session cookie or API key), then applies the
// route's policy. Routes under /api and /open311 must declare a policy or say public.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { Problem } from './problem.js';
import { pickLocale } from './i18n.js';
import { authorize, isPolicy } from '../auth/policy.js';
import { isReadOnly } from '../auth/roles.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../auth/sessions.js';
import type { AppContext } from '../context.js';

const GUARDED = /^\/(api|open311)\//;
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function checkRouteDeclaresPolicy(route: RouteOptions): void {
  if (!GUARDED.test(route.url)) return;
  const cfg = (route.config ?? {}) as { policy?: string; public?: boolean };
  if (cfg.public === true) return;
  if (!cfg.policy) throw new Error(`route ${route.method} ${route.url} declares neither config.policy nor config.public`);
  if (!isPolicy(cfg.policy)) throw new Error(`route ${route.method} ${route.url} names unknown policy ${cfg.policy}`);
}

function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim();
  const k = request.headers['x-api-key'];
  return typeof k === 'string' ? k.trim() : undefined;
}

export function registerAuthentication(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('locale', 'zh');

  app.addHook('onRequest', async (request) => {
    const q = request.query as Record<string, unknown> | undefined;
    request.locale = pickLocale(request.headers['accept-language'], typeof q?.lang === 'string' ? q.lang : undefined);
    request.actor = { kind: 'anonymous', tenantId: ctx.config.tenant };
    // the built web app's files are the same for everyone: no session look-up (a query on a
    // cold cache) for each script of a page being opened
    if (request.url.startsWith('/assets/')) return;

    const key = request.routeOptions.config?.ownBearer ? undefined : bearer(request);
    if (key) {
      const found = await ctx.apiKeys.resolve(key);
      if (!found) throw new Problem(401, 'auth.api_key_invalid');
      request.actor = found.actor;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await ctx.sessions.resolve(token);
    if (!session) return;
    request.actor = session.actor;
    const cfg = request.routeOptions.config;
    if (!SAFE.has(request.method) && !cfg?.csrfExempt) {
      const sent = request.headers['x-csrf-token'];
      if (sent !== session.csrf || request.cookies[CSRF_COOKIE] !== session.csrf) throw new Problem(403, 'auth.csrf');
    }
  });

  // before validation: an anonymous or unauthorised caller learns nothing of the schema
  app.addHook('preValidation', async (request) => {
    const cfg = request.routeOptions.config;
    if (!cfg || cfg.public || !cfg.policy) return;
    authorize(request.actor, cfg.policy);
    // Read-only accounts (the district roll-up viewer) change nothing, whatever a module's
    // policy grants every user (volunteering, pledges, registrations): ADR 1010.
    if (!SAFE.has(request.method) && isReadOnly(request.actor)) throw new Problem(403, 'auth.forbidden', { action: cfg.policy }, undefined, { action: cfg.policy });
  });
}
