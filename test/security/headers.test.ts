// Security headers on a sample of every kind of response: API (ok, refused, not found,
// problem), the built web app, the API documentation, Open311, operations endpoints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../harness.js';

const SAMPLE = ['/api/v1/auth/me', '/api/v1/grids', '/api/v1/nope', '/', '/index.html', '/docs', '/docs/json', '/open311/v2/discovery.json', '/healthz'];

function expectHardened(h: Record<string, unknown>, url: string) {
  const csp = String(h['content-security-policy'] ?? '');
  expect(csp, url).toContain("default-src 'self'");
  expect(csp, url).toContain("frame-ancestors 'self'");
  expect(csp, url).toContain("object-src 'none'");
  expect(h['x-content-type-options'], url).toBe('nosniff');
  expect(h['x-frame-options'], url).toBe('SAMEORIGIN');
  expect(h['referrer-policy'], url).toBe('no-referrer');
  expect(h['x-powered-by'], url).toBeUndefined();
}

describe('security headers', () => {
  let tp: TestPlatform;
  let secure: TestPlatform;
  beforeAll(async () => {
    tp = await startTestPlatform({ kind: 'blank' });
    secure = await startTestPlatform({ config: { COOKIE_SECURE: 'true' } });
  });
  afterAll(async () => {
    await tp?.close();
    await secure?.close();
  });

  it('every sampled response carries CSP, nosniff, frame and referrer policies and no x-powered-by; no HSTS over plain deployments', async () => {
    for (const url of SAMPLE) {
      const res = await tp.request({ method: 'GET', url, headers: { accept: url.startsWith('/api') ? 'application/json' : 'text/html' } });
      expect(res.statusCode, url).toBeLessThan(500);
      expectHardened(res.headers, url);
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('with COOKIE_SECURE (behind HTTPS) HSTS is sent and cookies are Secure', async () => {
    for (const url of SAMPLE) {
      const res = await secure.request({ method: 'GET', url });
      expectHardened(res.headers, url);
      expect(res.headers['strict-transport-security'], url).toMatch(/max-age=31536000; includeSubDomains/);
    }
    const login = await secure.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'jiedao2026' } });
    expect(login.statusCode).toBe(200);
    expect(login.cookies.length).toBeGreaterThanOrEqual(2);
    for (const c of login.cookies) expect(c.secure, c.name).toBe(true);
    expect(login.cookies.find((c) => c.name === 'jd_session')!.httpOnly).toBe(true);
  });
});
