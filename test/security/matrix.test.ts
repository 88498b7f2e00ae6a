// Route × role matrix: every route of the running server, tried as every role, an
// anonymous caller and an API key without grants. The expectation comes from two
// sources that must agree: the policy table (GET /auth/me permissions, role level) and
// the hand-written table of what each role must never reach (sensitive.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { auditLog } from '../../src/core/audit/schema.js';
import { startTestPlatform, type TestPlatform } from '../harness.js';
import { ROUTE_TABLE } from './routeTable.js';
import { NEVER, EVERY_USER, DEVICE_ONLY } from './sensitive.js';
import { anonymousCaller, apiKeyCaller, concreteUrl, ROLE_ACCOUNTS, userCaller, type Caller } from './clients.js';

let tp: TestPlatform;
let callers: Caller[];

interface RouteInfo {
  method: string;
  url: string;
  policy?: string;
  public?: boolean;
}

const guarded = (r: RouteInfo) => /^\/(api|open311)\//.test(r.url) && r.method !== 'HEAD';
const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

beforeAll(async () => {
  tp = await startTestPlatform();
  callers = [anonymousCaller(tp), await apiKeyCaller(tp)];
  for (const [who, username] of Object.entries(ROLE_ACCOUNTS)) callers.push(await userCaller(tp, username, who));
});
afterAll(async () => tp?.close());

function routes(): RouteInfo[] {
  return (tp.platform.ctx.services.get('http.routes') as RouteInfo[]).filter(guarded);
}

describe('route inventory', () => {
  it('every route of the server has a reviewed entry with the same policy, and no entry is stale', () => {
    const live = new Map(routes().map((r) => [keyOf(r), r.public ? 'public' : r.policy!]));
    const unknown = [...live.keys()].filter((k) => !(k in ROUTE_TABLE));
    const changed = [...live].filter(([k, p]) => k in ROUTE_TABLE && ROUTE_TABLE[k] !== p).map(([k, p]) => `${k}: ${ROUTE_TABLE[k]} → ${p}`);
    const stale = Object.keys(ROUTE_TABLE).filter((k) => !live.has(k));
    expect({ unknown, changed, stale }).toEqual({ unknown: [], changed: [], stale: [] });
  });
});

/** Bodies never reach a handler of a refused caller; an allowed one gets a validation error. */
function bodyFor(method: string): unknown {
  return method === 'GET' || method === 'DELETE' ? undefined : {};
}

/** URLs the matrix calls: the SSE stream is asked with a bad parameter so an allowed caller gets 400 instead of an endless response. */
function urlFor(r: RouteInfo): string {
  const u = concreteUrl(r.url);
  return r.url === '/api/v1/stream' ? `${u}?lastEventId=not-a-number` : u;
}

describe('route × role', () => {
  it('every caller is allowed or refused exactly as the policy table and the hand-written table say', async () => {
    const failures: string[] = [];
    let refusals = 0;
    const auditBefore = await deniedCount();
    for (const r of routes()) {
      const key = keyOf(r);
      // logging out ends the caller's session; it is public and tried last, below
      if (key === 'POST /api/v1/auth/logout') continue;
      for (const c of callers) {
        // public routes are the same for everyone: try them anonymously and with the key only
        if (r.public && c.kind === 'user') continue;
        const res = await c.call(r.method, urlFor(r), bodyFor(r.method));
        const body = res.headers['content-type']?.toString().includes('json') ? (res.json() as { code?: string; action?: string }) : {};
        const where = `${c.who}: ${key} → ${res.statusCode} ${body.code ?? ''}`;
        if (res.statusCode >= 500) failures.push(`${where} (server error)`);
        if (r.public) continue;
        if (DEVICE_ONLY.some((re) => re.test(key))) {
          // devices sign with their own key; a person or an integration is not a device
          if (res.statusCode !== 401 || body.code !== 'sensing.device_key_required') failures.push(`${where} (device-only route must answer 401 device key required)`);
          continue;
        }
        const roleRefused = res.statusCode === 403 && body.code === 'auth.forbidden' && body.action === r.policy;
        const mayByPolicy = c.permissions.has(r.policy!);
        const never = NEVER[c.who]?.some((re) => re.test(key)) ?? false;
        if (c.kind === 'anonymous') {
          if (res.statusCode !== 401) failures.push(`${where} (anonymous must get 401)`);
          continue;
        }
        if (c.kind === 'apiKey') {
          if (!roleRefused) failures.push(`${where} (a key without grants must get 403)`);
          else refusals++;
          continue;
        }
        if (!mayByPolicy || never) {
          if (!roleRefused) failures.push(`${where} (expected 403 for ${r.policy})`);
          else refusals++;
        } else if (res.statusCode === 401) {
          failures.push(`${where} (policy allows ${r.policy}, the server refused)`);
        } else if (roleRefused) {
          // a record out of the caller's scope is refused like this too: with a malformed id
          // the role guard is passed and validation answers 400 before any record is read
          const again = r.url.includes(':') ? await c.call(r.method, concreteUrl(r.url, 'x'), bodyFor(r.method)) : res;
          if (again.statusCode !== 400) failures.push(`${where} (policy allows ${r.policy}, the server refused even without a record: ${again.statusCode})`);
        }
        if (EVERY_USER.some((re) => re.test(key)) && res.statusCode !== 200) failures.push(`${where} (every account reaches this)`);
      }
    }
    expect(failures).toEqual([]);
    expect(refusals).toBeGreaterThan(500);
    // every refusal of a known caller is on the audit record
    expect((await deniedCount()) - auditBefore).toBeGreaterThanOrEqual(refusals);
  }, 600_000);

  it('logging out ends the session: the same cookie is then anonymous', async () => {
    const c = await userCaller(tp, 'inspector');
    expect((await c.call('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await c.call('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await c.call('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });
});

async function deniedCount(): Promise<number> {
  const [row] = await tp.platform.ctx.db.select({ n: count() }).from(auditLog).where(eq(auditLog.outcome, 'denied'));
  return row!.n;
}
