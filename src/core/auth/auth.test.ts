import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../../demo/accounts.js';

let tp: TestPlatform;
beforeAll(async () => {
  tp = await startTestPlatform();
});
afterAll(async () => tp?.close());

describe('log-in, sessions and lock-out', () => {
  it('every demo role can log in and sees its roles and permissions', async () => {
    for (const a of DEMO_ACCOUNTS) {
      const c = await tp.as(a.username);
      const me = await c.get('/api/v1/auth/me');
      expect(me.statusCode, a.username).toBe(200);
      const body = me.json();
      expect(body.username).toBe(a.username);
      expect(body.roles).toEqual(a.roles);
      expect(body.tenant.name).toBe('石门二路街道');
    }
  });

  it('sets an httpOnly session cookie and a readable CSRF cookie', async () => {
    const res = await tp.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
    const session = res.cookies.find((c) => c.name === 'jd_session')!;
    const csrf = res.cookies.find((c) => c.name === 'jd_csrf')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(csrf.httpOnly).toBeFalsy();
  });

  it('a wrong password is a 401 problem in Chinese, or English on request', async () => {
    const zh = await tp.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'acceptor', password: 'nope-nope' } });
    expect(zh.statusCode).toBe(401);
    expect(zh.headers['content-type']).toContain('application/problem+json');
    expect(zh.json()).toMatchObject({ status: 401, code: 'auth.invalid', detail: '用户名或密码错误' });
    const en = await tp.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'accept-language': 'en-GB,en;q=0.9' }, payload: { username: 'acceptor', password: 'nope-nope' } });
    expect(en.json().detail).toBe('Wrong user name or password');
    // an unknown user gets the same answer
    const unknown = await tp.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'x' } });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().code).toBe('auth.invalid');
  });

  it('the sixth failure in a row locks the account with a clear message, even for the right password', async () => {
    const attempt = (password: string) => tp.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'dispatcher', password } });
    for (let i = 1; i <= 5; i++) {
      const r = await attempt('wrong-password');
      expect(r.statusCode).toBe(401);
      expect(r.json().remainingAttempts).toBe(6 - i);
    }
    const sixth = await attempt('wrong-password');
    expect(sixth.statusCode).toBe(423);
    expect(sixth.json().code).toBe('auth.locked');
    expect(sixth.json().detail).toMatch(/已被锁定.*后再试/);
    const right = await attempt(DEMO_PASSWORD);
    expect(right.statusCode).toBe(423);
    // an administrator unlocks it
    const admin = await tp.as('admin');
    const users = (await admin.get('/api/v1/users')).json() as { id: number; username: string; locked: boolean }[];
    const d = users.find((u) => u.username === 'dispatcher')!;
    expect(d.locked).toBe(true);
    expect((await admin.patch(`/api/v1/users/${d.id}`, { unlock: true })).statusCode).toBe(204);
    expect((await attempt(DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('log-out ends the session', async () => {
    const c = await tp.as('inspector');
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    const after = await c.get('/api/v1/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('auth.required');
  });

  it('a cookie-authenticated change without the CSRF header is refused', async () => {
    const c = await tp.as('admin');
    const res = await c.post('/api/v1/api-keys', { name: 'x', grants: ['grids.lookup'] }, { 'x-csrf-token': 'forged' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.csrf');
  });

  it('validation errors name the field', async () => {
    const res = await tp.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.errors[0]).toMatchObject({ field: 'password', in: 'body' });
    expect(body.detail).toContain('password');
  });

  it('API keys: created once, used as a bearer token, refused once revoked', async () => {
    const admin = await tp.as('admin');
    const created = await admin.post('/api/v1/api-keys', { name: '测试集成', grants: ['grids.lookup'] });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json();
    const ok = await tp.request({ method: 'GET', url: '/api/v1/grids/lookup?lat=31.2331&lng=121.4567', headers: { authorization: `Bearer ${key}` } });
    expect(ok.statusCode).toBe(200);
    // a key is limited to its grants
    const notGranted = await tp.request({ method: 'GET', url: '/api/v1/grids', headers: { authorization: `Bearer ${key}` } });
    expect(notGranted.statusCode).toBe(403);
    expect((await admin.delete(`/api/v1/api-keys/${id}`)).statusCode).toBe(204);
    const revoked = await tp.request({ method: 'GET', url: '/api/v1/grids/lookup?lat=31.2331&lng=121.4567', headers: { authorization: `Bearer ${key}` } });
    expect(revoked.statusCode).toBe(401);
    // the grants on offer are the actions a key can take, every module's included
    const grants = (await admin.get('/api/v1/api-keys/grants')).json();
    expect(grants).toEqual(expect.arrayContaining(['grids.lookup', 'cases.create', 'open311.report']));
    expect(grants).not.toContain('users.manage'); // only people (admins) may
    expect((await (await tp.as('dispatcher')).get('/api/v1/api-keys/grants')).statusCode).toBe(403);
    const bad = await admin.post('/api/v1/api-keys', { name: 'x', grants: ['no.such.policy'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('grants.0');
  });
});
