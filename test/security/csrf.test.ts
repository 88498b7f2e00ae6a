// CSRF for cookie sessions (double submit, checked against the session, ADR 0003): a
// state-changing request with the session cookie but without the token, or with a token
// of another session, is refused with a 403 problem and changes nothing, on a sample of
// routes from every module. API-key callers send no cookie and need no token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../harness.js';
import { apiKeyCaller } from './clients.js';
import { tenantDigest } from './twoTenants.js';

/** One state change per module, with a body that would be accepted with the right token. */
const SAMPLE: [string, string, unknown][] = [
  ['POST', '/api/v1/users', { username: 'csrf_victim', displayName: '跨站', password: 'Long-enough-pw-2026', roles: ['inspector'] }],
  ['POST', '/api/v1/api-keys', { name: 'csrf', grants: ['cases.create'] }],
  ['POST', '/api/v1/notify/channels', { name: 'csrf', kind: 'webhook', url: 'https://example.org/hook', secret: 'x'.repeat(32), filters: ['case.*'] }],
  ['PUT', '/api/v1/calendar/years/2031', { holidays: [], workdays: [] }],
  ['PUT', '/api/v1/places/geojson/departments', { type: 'FeatureCollection', features: [] }],
  ['POST', '/api/v1/cases', { source: 'inspector', categoryCode: '06010', description: '跨站请求伪造', location: { lng: 121.4566, lat: 31.2331 } }],
  ['POST', '/api/v1/staff/shifts', { userId: 1, startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-01T08:00:00Z' }],
  ['POST', '/api/v1/enterprise/offices', { code: 'CSRF', name: '跨站办公室', nameEn: 'CSRF office', kind: 'centre' }],
  ['POST', '/api/v1/community/projects', { title: '跨站项目', description: '不应被创建' }],
  ['POST', '/api/v1/people/service-points', { name: '跨站服务点', kind: 'canteen', lng: 121.4566, lat: 31.2331 }],
  ['POST', '/api/v1/sensing/devices', { code: 'CSRF-1', name: '跨站设备', kind: 'smoke', lng: 121.4566, lat: 31.2331 }],
  ['DELETE', '/api/v1/api-keys/1', undefined],
  ['POST', '/api/v1/auth/logout', undefined],
];

describe('CSRF', () => {
  let tp: TestPlatform;
  let cookie: string;
  let token: string;
  let otherToken: string;
  beforeAll(async () => {
    tp = await startTestPlatform();
    const login = async () => {
      const res = await tp.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'jiedao2026' } });
      return Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
    };
    const mine = await login();
    cookie = `jd_session=${mine.jd_session}; jd_csrf=${mine.jd_csrf}`;
    token = mine.jd_csrf!;
    otherToken = (await login()).jd_csrf!;
  });
  afterAll(async () => tp?.close());

  const stable = async () => {
    const d = await tenantDigest(tp, 'shimen2');
    delete d.audit_log; // refusals are audited
    delete d.sessions;
    return d;
  };

  it('without the token, with another session’s token, or with a forged cookie pair: 403 problem, nothing written', async () => {
    const before = await stable();
    for (const [method, url, body] of SAMPLE) {
      for (const [label, headers] of [
        ['no token', { cookie }],
        ['token of another session', { cookie, 'x-csrf-token': otherToken }],
        ['forged pair', { cookie: `jd_session=${cookie.split(';')[0]!.split('=')[1]}; jd_csrf=forged`, 'x-csrf-token': 'forged' }],
      ] as [string, Record<string, string>][]) {
        const res = await tp.request({ method: method as 'POST', url, headers: { ...headers, 'accept-language': 'en' }, ...(body === undefined ? {} : { payload: body as object }) });
        expect(res.statusCode, `${label}: ${method} ${url}`).toBe(403);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.json().code, `${label}: ${method} ${url}`).toBe('auth.csrf');
      }
    }
    expect(await stable()).toEqual(before);
    // the session is still alive and the right token still works
    const ok = await tp.request({ method: 'POST', url: '/api/v1/sensing/devices', headers: { cookie, 'x-csrf-token': token }, payload: SAMPLE[10]![2] as object });
    expect(ok.statusCode).toBe(201);
  });

  it('the refusal is in Chinese by default', async () => {
    const res = await tp.request({ method: 'POST', url: '/api/v1/cases', headers: { cookie }, payload: SAMPLE[5]![2] as object });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toMatch(/[\u4e00-\u9fff]/);
  });

  it('API-key requests carry no cookie and need no token', async () => {
    const key = await apiKeyCaller(tp, ['cases.create']);
    const res = await key.call('POST', '/api/v1/cases', SAMPLE[5]![2]);
    expect(res.statusCode, res.body).toBeLessThan(300);
  });
});
