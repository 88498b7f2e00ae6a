// Rate limits on log-in (per address and user name, besides the lock-out), device HTTP
// ingest (per address) and public pages (per address, Open311 reads without a key
// included): 429 in Chinese or English with Retry-After (problem+json, or Open311's own
// error list). Limits come from RATE_LIMIT_* (small here to test them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { startTestPlatform, type TestPlatform } from '../harness.js';
import { clientKey } from '../../src/modules/open311/testkit.js';

let tp: TestPlatform;
beforeAll(async () => {
  tp = await startTestPlatform({ config: { RATE_LIMIT_LOGIN: '3', RATE_LIMIT_INGEST: '5', RATE_LIMIT_PUBLIC: '4' } });
});
afterAll(async () => tp?.close());

async function until429(o: InjectOptions, max: number): Promise<{ passed: number; res: Awaited<ReturnType<TestPlatform['request']>> }> {
  for (let i = 0; i <= max; i++) {
    const res = await tp.request(o);
    if (res.statusCode === 429) return { passed: i, res };
  }
  throw new Error(`no 429 after ${max + 1} requests to ${o.url}`);
}

function expect429(res: Awaited<ReturnType<TestPlatform['request']>>, lang: 'zh' | 'en') {
  expect(res.statusCode).toBe(429);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  const p = res.json();
  expect(p.code).toBe('problem.rate_limited');
  if (lang === 'zh') expect(p.detail).toMatch(/请求过于频繁/);
  else expect(p.detail).toMatch(/Too many requests/);
}

describe('rate limits', () => {
  it('log-in: per address and user name, in Chinese; another user or address is not held up', async () => {
    const o = { method: 'POST' as const, url: '/api/v1/auth/login', payload: { username: 'dispatcher', password: 'jiedao2026' }, remoteAddress: '10.1.0.1' };
    const { passed, res } = await until429(o, 10);
    expect(passed).toBe(3);
    expect429(res, 'zh');
    expect((await tp.request({ ...o, payload: { username: 'handler', password: 'jiedao2026' } })).statusCode).toBe(200);
    expect((await tp.request({ ...o, remoteAddress: '10.1.0.2' })).statusCode).toBe(200);
    // a held-up log-in does not create a session
    expect(res.cookies).toHaveLength(0);
  });

  it('device HTTP ingest: per address, before any signature work, in English on request', async () => {
    const o = { method: 'POST' as const, url: '/api/v1/ingest/alarms', payload: { type: 'smoke' }, headers: { 'accept-language': 'en' }, remoteAddress: '10.2.0.1' };
    const { passed, res } = await until429(o, 20);
    expect(passed).toBe(5);
    expect429(res, 'en');
    expect((await tp.request({ ...o, remoteAddress: '10.2.0.2' })).statusCode).toBe(401);
  });

  it('public result pages: per address', async () => {
    const o = { method: 'GET' as const, url: '/api/v1/public/community/consultations/NOPE-1', remoteAddress: '10.3.0.1' };
    const { passed, res } = await until429(o, 20);
    expect(passed).toBe(4);
    expect429(res, 'zh');
  });

  it('Open311 reads: RATE_LIMIT_PUBLIC per address, answered in Open311 format', async () => {
    const o = { method: 'GET' as const, url: '/open311/v2/services.json?jurisdiction_id=shimen2', remoteAddress: '10.4.0.1' };
    const { passed, res } = await until429(o, 20);
    expect(passed).toBe(4);
    expect(res.json()).toEqual([{ code: 429, description: '请求过于频繁，请稍后再试' }]);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect((await tp.request({ ...o, remoteAddress: '10.4.0.2' })).statusCode).toBe(200);
    const discovery = await until429({ method: 'GET', url: '/open311/v2/discovery.json', remoteAddress: '10.4.0.3' }, 20);
    expect(discovery.passed).toBe(4);
  });

  it('Open311 request lists: RATE_LIMIT_PUBLIC per address without a key; a key keeps its own limit', async () => {
    const url = '/open311/v2/requests.json?jurisdiction_id=shimen2';
    const keyless = await until429({ method: 'GET', url, remoteAddress: '10.5.0.1' }, 20);
    expect(keyless.passed).toBe(4);
    expect(keyless.res.json()[0].code).toBe(429);
    // a client with its own limit of 6 is not held to the public 4, from the same address
    const key = await clientKey(tp, { name: '限速测试客户端', rateLimit: 6 });
    const keyed = await until429({ method: 'GET', url: `${url}&api_key=${key}`, remoteAddress: '10.5.0.1' }, 20);
    expect(keyed.passed).toBe(6);
  });
});
