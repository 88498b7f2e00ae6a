// The Fastify instance: conventions shared by every route (problem+json, auth, policy,
// OpenAPI at /docs, metrics, security headers) and the built web app.
import fs from 'node:fs';
import Fastify, { LogController } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { databaseStore } from '../ratelimit/index.js';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Histogram } from 'prom-client';
import './types.js';
import type { App, AppContext, Module } from '../context.js';
import { makeErrorHandler } from './errors.js';
import { Problem } from './problem.js';
import { checkRouteDeclaresPolicy, registerAuthentication } from './authenticate.js';
import { registerSystemRoutes } from './systemRoutes.js';
import { registerSecurityHeaders } from './securityHeaders.js';
import { validatorCompiler } from './validation.js';
import { registerIdempotency } from '../idempotency/index.js';
import { registerWebAssets, type WebApp } from './webAssets.js';

export async function createHttpServer(ctx: AppContext, modules: Module[]): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.log,
    // per-request lines are left to the metrics; errors are still logged
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  const routes: { method: string; url: string; policy?: string; public?: boolean }[] = [];
  ctx.services.set('http.routes', routes);
  app.setValidatorCompiler(validatorCompiler);
  app.addHook('onRoute', (route) => {
    checkRouteDeclaresPolicy(route);
    const cfg = (route.config ?? {}) as { policy?: string; public?: boolean };
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, policy: cfg.policy, public: cfg.public });
  });
  app.setErrorHandler(makeErrorHandler(ctx));

  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [ctx.metrics],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode }, reply.elapsedTime / 1000);
  });

  await app.register(cookie);
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Element Plus and ECharts set inline styles; tiles come from a configured server.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(ctx.config.tileUrl ? [new URL(ctx.config.tileUrl.replace(/\{[a-z]\}/g, '0')).origin] : [])],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // HSTS only where the deployment says it is behind HTTPS (COOKIE_SECURE): ADR 1010
    strictTransportSecurity: ctx.config.cookieSecure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  // counted in the database so a limit holds across nodes (ADR 1012); a database error
  // lets the request through (it will meet the same database next)
  await app.register(rateLimit, { global: false, store: databaseStore(ctx.database), skipOnError: true });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Jiedao 街道 API', version: '1', description: 'Subdistrict office platform. Errors are RFC 9457 problem+json.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'jd_session' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  registerAuthentication(app, ctx);
  registerIdempotency(app, ctx);
  registerSystemRoutes(app, ctx);

  for (const m of modules) {
    if (!m.routes) continue;
    await app.register(async (scope) => m.routes!(scope as App, ctx), { prefix: m.prefix ?? '/api/v1' });
  }

  const hasWeb = fs.existsSync(`${ctx.config.webDist}/index.html`);
  let web: WebApp | undefined;
  if (hasWeb) {
    // hashed assets and pages from memory (webAssets.ts); the other files (favicon, service
    // worker) from disk, one route per file (wildcard:false), never cached without asking;
    // the build writes .br/.gz copies, sent to browsers that accept them (web/build/precompress.ts)
    web = registerWebAssets(app, ctx.config.webDist);
    await app.register(fastifyStatic, {
      root: ctx.config.webDist,
      wildcard: false,
      preCompressed: true,
      globIgnore: ['assets/**', '**/*.html', '**/*.html.br', '**/*.html.gz'],
      index: false,
      setHeaders: (reply: { header(k: string, v: string): unknown }) => void reply.header('cache-control', 'no-cache'),
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const wantsHtml = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
    if (web && wantsHtml && !/^\/(api|open311|docs)\b/.test(request.url)) {
      // client-side routes of the single-page app
      return web.sendPage(request, reply);
    }
    const p = new Problem(404, 'problem.route_not_found', { method: request.method, url: request.url.split('?')[0] });
    return reply.status(404).type('application/problem+json; charset=utf-8').send(p.render(request.locale ?? 'zh', request.url));
  });

  return app;
}

