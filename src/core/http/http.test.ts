import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { checkRouteDeclaresPolicy } from './authenticate.js';

let tp: TestPlatform;
beforeAll(async () => {
  tp = await startTestPlatform({ mqtt: true });
});
afterAll(async () => tp?.close());

type RouteInfo = { method: string; url: string; policy?: string; public?: boolean };

describe('HTTP conventions', () => {
  it('/healthz reports the database and the broker', async () => {
    const res = await tp.request({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: 'ok', mqtt: 'ok' });
  });

  it('/healthz is 503 naming the failing part', async () => {
    tp.platform.ctx.health.set('probe', async () => {
      throw new Error('boom');
    });
    const res = await tp.request({ method: 'GET', url: '/healthz' });
    tp.platform.ctx.health.delete('probe');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'degraded', db: 'ok', probe: 'error: boom' });
  });

  it('/metrics speaks Prometheus', async () => {
    await tp.request({ method: 'GET', url: '/healthz' });
    const res = await tp.request({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('http_request_duration_seconds_bucket');
    expect(res.body).toContain('process_resident_memory_bytes');
  });

  it('/metrics without METRICS_TOKEN answers only on this machine, and not through a proxy', async () => {
    const remote = await tp.request({ method: 'GET', url: '/metrics', remoteAddress: '10.9.0.1' });
    expect(remote.statusCode).toBe(403);
    expect(remote.headers['content-type']).toMatch(/problem\+json/);
    expect(remote.body).not.toContain('process_resident_memory_bytes');
    const proxied = await tp.request({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(proxied.statusCode).toBe(403);
    expect((await tp.request({ method: 'GET', url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
  });

  it('/metrics with METRICS_TOKEN answers the bearer of the token from anywhere, and nobody else', async () => {
    const config = tp.platform.ctx.config;
    config.metricsToken = 'prometheus-token-0123456789';
    try {
      const ask = (headers: Record<string, string>, remoteAddress = '10.9.0.2') => tp.request({ method: 'GET', url: '/metrics', headers, remoteAddress });
      expect((await ask({ authorization: 'Bearer prometheus-token-0123456789' })).statusCode).toBe(200);
      for (const h of [{} as Record<string, string>, { authorization: 'Bearer prometheus-token-012345678' }, { authorization: 'Basic cHJvbWV0aGV1cw==' }, { authorization: 'Bearer prometheus-token-0123456789x' }]) {
        const res = await ask(h);
        expect(res.statusCode).toBe(401);
        expect(res.body).not.toContain('process_resident_memory_bytes');
      }
      // on this machine too: a token, once set, is the only way in
      expect((await ask({}, '127.0.0.1')).statusCode).toBe(401);
    } finally {
      config.metricsToken = undefined;
    }
  });

  it('serves the OpenAPI document at /docs/json', async () => {
    const res = await tp.request({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/grids/lookup']).toBeDefined();
    expect(doc.paths['/api/v1/auth/login'].post).toBeDefined();
  });

  it('every API route declares a policy, and every non-public one refuses anonymous callers', async () => {
    const routes = tp.platform.ctx.services.get('http.routes') as RouteInfo[];
    const api = routes.filter((r) => /^\/(api|open311)\//.test(r.url) && r.method !== 'HEAD');
    expect(api.length).toBeGreaterThan(10);
    for (const r of api) {
      expect(r.public === true || typeof r.policy === 'string', `${r.method} ${r.url}`).toBe(true);
      if (r.public) continue;
      const url = r.url.replace(/:(\w+)/g, '1');
      const res = await tp.request({ method: r.method as 'GET', url, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect(res.statusCode, `${r.method} ${url}`).toBe(401);
    }
  });

  it('a route without a policy cannot be registered', async () => {
    const app = Fastify();
    app.addHook('onRoute', checkRouteDeclaresPolicy);
    expect(() => app.get('/api/v1/naked', async () => 'x')).toThrow(/declares neither/);
    expect(() => app.get('/api/v1/typo', { config: { policy: 'no.such' } }, async () => 'x')).toThrow(/unknown policy/);
    await app.close();
  });

  it('unknown API routes are 404 problems; other paths serve the web app', async () => {
    const res = await tp.request({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('problem.route_not_found');
    const page = await tp.request({ method: 'GET', url: '/ops/screen', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('sends security headers', async () => {
    const res = await tp.request({ method: 'GET', url: '/healthz' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('a malformed JSON body is a 400 problem', async () => {
    const res = await tp.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('problem.bad_json');
  });
});

describe('validation of JSON bodies', () => {
  it('keeps a JSON null as null and does not take "12" for a number', async () => {
    const admin = await tp.as('admin');
    const users = (await admin.get('/api/v1/users')).json() as { id: number; username: string; departmentId: number | null }[];
    const handler = users.find((u) => u.username === 'handler')!;
    expect(handler.departmentId).not.toBeNull();
    expect((await admin.patch(`/api/v1/users/${handler.id}`, { departmentId: null })).statusCode).toBe(204);
    const after = (await admin.get('/api/v1/users')).json() as { id: number; departmentId: number | null }[];
    expect(after.find((u) => u.id === handler.id)!.departmentId).toBeNull();
    const bad = await admin.patch(`/api/v1/users/${handler.id}`, { departmentId: '12' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('departmentId');
  });
});
