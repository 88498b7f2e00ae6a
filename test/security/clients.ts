// The callers the security suites try every route as: one logged-in demo account per
// role, an anonymous caller, and an API key that holds no grant at all.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TestPlatform } from '../harness.js';
import { createApiKey } from '../../src/core/auth/apiKeys.js';

export interface Caller {
  /** label in failure messages */
  who: string;
  kind: 'user' | 'anonymous' | 'apiKey';
  /** role-level actions this caller may perform (from GET /auth/me), empty for others */
  permissions: Set<string>;
  call(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/** Demo accounts by the role they stand for (demo/accounts.ts). */
export const ROLE_ACCOUNTS: Record<string, string> = {
  admin: 'admin',
  acceptor: 'acceptor',
  dispatcher: 'dispatcher',
  'duty chief': 'leader',
  inspector: 'inspector',
  handler: 'handler',
  'enterprise chief': 'chief',
  'enterprise agent': 'agent',
  'enterprise user': 'ent',
  committee: 'committee',
  'care staff': 'care',
  owner: 'owner',
  'district viewer': 'district',
};

function payloadOf(body: unknown): Partial<InjectOptions> {
  return body === undefined ? {} : { payload: body as object };
}

export async function userCaller(tp: TestPlatform, username: string, who = username, tenant?: string): Promise<Caller> {
  const res = await tp.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'jiedao2026', ...(tenant ? { tenant } : {}) } });
  if (res.statusCode !== 200) throw new Error(`login ${username}@${tenant ?? 'default'}: ${res.statusCode} ${res.body}`);
  const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
  const headers = { cookie: Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': cookies.jd_csrf! };
  return {
    who,
    kind: 'user',
    permissions: new Set((res.json() as { permissions: string[] }).permissions),
    call: (method, url, body) => tp.request({ method: method as InjectOptions['method'], url, headers, ...payloadOf(body) }),
  };
}

export function anonymousCaller(tp: TestPlatform): Caller {
  return { who: 'anonymous', kind: 'anonymous', permissions: new Set(), call: (method, url, body) => tp.request({ method: method as InjectOptions['method'], url, ...payloadOf(body) }) };
}

export async function apiKeyCaller(tp: TestPlatform, grants: string[] = [], tenantId = 'shimen2'): Promise<Caller & { key: string }> {
  const { key } = await createApiKey(tp.platform.ctx.db, { tenantId, name: `security suite ${grants.join(',') || 'no grants'}`, grants });
  return {
    who: grants.length ? `API key (${grants.join(',')})` : 'API key without grants',
    kind: 'apiKey',
    key,
    permissions: new Set(grants),
    call: (method, url, body) => tp.request({ method: method as InjectOptions['method'], url, headers: { authorization: `Bearer ${key}` }, ...payloadOf(body) }),
  };
}

/** A concrete URL for a route pattern: ids that exist nowhere, valid-looking codes. */
export function concreteUrl(pattern: string, id: number | string = 999_999): string {
  const fill: Record<string, string> = {
    layer: 'grids',
    month: '2026-01',
    year: '2031',
    code: 'NOPE-0',
    action: 'approve',
    format: 'json',
    service_code: 'NOPE',
    service_request_id: 'NOPE',
    token: 'NOPE',
  };
  return pattern.replace(/:([A-Za-z_]+)/g, (_m, name: string) => fill[name] ?? String(id));
}
