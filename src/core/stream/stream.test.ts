// The live stream over real HTTP: scope filtering, catch-up after a reconnect with
// Last-Event-ID (every missed event once, in order), heartbeats, revoked sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { DEMO_PASSWORD } from '../../../demo/accounts.js';
import { StreamHub } from './hub.js';
import { canSee } from './visibility.js';
import { emptyScopes } from '../auth/roles.js';

let tp: TestPlatform;
let base: string;
beforeAll(async () => {
  StreamHub.heartbeatMs = 300;
  tp = await startTestPlatform();
  base = await tp.platform.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => tp?.close());

async function login(username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  return { cookie: cookies.join('; '), csrf: cookies.find((c) => c.startsWith('jd_csrf='))!.split('=')[1]! };
}

interface Sse {
  events: { id: number; event: string; data: { type: string; subjectId: string; payload: Record<string, unknown> } }[];
  comments: number;
  ended: boolean;
  close(): void;
  until(test: () => boolean, ms?: number): Promise<void>;
}

async function stream(cookie: string, opts: { lastEventId?: number; query?: string } = {}): Promise<Sse> {
  const ac = new AbortController();
  const res = await fetch(`${base}/api/v1/stream${opts.query ?? ''}`, { headers: { cookie, ...(opts.lastEventId !== undefined ? { 'last-event-id': String(opts.lastEventId) } : {}) }, signal: ac.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const s: Sse = {
    events: [],
    comments: 0,
    ended: false,
    close: () => ac.abort(),
    async until(test, ms = 10_000) {
      const end = Date.now() + ms;
      while (!test()) {
        if (Date.now() > end) throw new Error(`timed out; got ${JSON.stringify(s.events.map((e) => [e.id, e.event]))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
  void (async () => {
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let buf = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const f: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) s.comments++;
            const m = /^(\w+): ?(.*)$/.exec(line);
            if (m) f[m[1]!] = m[2]!;
          }
          if (f.data) s.events.push({ id: Number(f.id), event: f.event!, data: JSON.parse(f.data) });
        }
      }
    } catch {
      // aborted
    }
    s.ended = true;
  })();
  return s;
}

async function createCase(session: { cookie: string; csrf: string }, categoryCode: string, lng = 121.4567, lat = 31.2331) {
  const res = await fetch(`${base}/api/v1/cases`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ source: 'hotline', categoryCode, description: '测试', location: { lng, lat } }) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { case: { id: number } }).case.id;
}

describe('GET /api/v1/stream', () => {
  it('filters by the viewer\u2019s scope and resumes after Last-Event-ID without losing or repeating events', async () => {
    const acceptor = await login('acceptor');
    const desk = await stream((await login('dispatcher')).cookie);
    const insp = await stream((await login('insp01')).cookie); // grid SM2-G01 only
    const id1 = await createCase(acceptor, '06010'); // in grid SM2-G05
    await desk.until(() => desk.events.some((e) => e.data.subjectId === String(id1)));
    const first = desk.events.find((e) => e.data.subjectId === String(id1))!;
    expect(first).toMatchObject({ event: 'case.created', data: { type: 'case.created', payload: { id: id1, state: 'reported', categoryCode: '06010' } } });
    expect(first.data).not.toHaveProperty('scope');

    // disconnected: two more cases; reconnecting with the last id delivers exactly those
    desk.close();
    const lastSeen = desk.events.at(-1)!.id;
    const id2 = await createCase(acceptor, '06012');
    const id3 = await createCase(acceptor, '09010');
    const again = await stream((await login('dispatcher')).cookie, { lastEventId: lastSeen });
    const id4 = await createCase(acceptor, '09006');
    await again.until(() => again.events.some((e) => e.data.subjectId === String(id4)));
    const created = again.events.filter((e) => e.event === 'case.created').map((e) => Number(e.data.subjectId));
    expect(created).toEqual([id2, id3, id4]);
    const ids = again.events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBeGreaterThan(lastSeen);

    // the inspector of another grid saw none of it; a case in their grid reaches them
    const g1 = await createCase(acceptor, '06010', 121.4525, 31.232);
    await insp.until(() => insp.events.length > 0);
    expect(insp.events.map((e) => Number(e.data.subjectId))).toEqual([g1]);
    again.close();
    insp.close();
  });

  it('under concurrent writes ids arrive in order; a reconnect mid-burst loses and repeats nothing', async () => {
    const acceptor = await login('acceptor');
    const cookie = (await login('leader')).cookie;
    const a = await stream(cookie, { query: '?types=case.created' });
    const burst = Array.from({ length: 24 }, (_, i) => createCase(acceptor, '06010', 121.4567 + i * 0.00001, 31.2331));
    await a.until(() => a.events.length >= 6);
    a.close();
    const cut = a.events.at(-1)!.id;
    const created = await Promise.all(burst);
    const b = await stream(cookie, { query: '?types=case.created', lastEventId: cut });
    await b.until(() => [...a.events, ...b.events].length >= 24);
    const got = [...a.events.filter((e) => e.id <= cut), ...b.events].map((e) => Number(e.data.subjectId));
    expect(got.sort((x, y) => x - y)).toEqual([...created].sort((x, y) => x - y));
    for (const list of [a.events, b.events]) expect(list.map((e) => e.id)).toEqual([...list.map((e) => e.id)].sort((x, y) => x - y));
    b.close();
  });

  it('types filter the stream; heartbeats keep it alive; a new viewer starts from now', async () => {
    const acceptor = await login('acceptor');
    const s = await stream((await login('leader')).cookie, { query: '?types=case.registered' });
    await s.until(() => s.comments >= 3);
    const id = await createCase(acceptor, '06010');
    const leader = await login('leader');
    const res = await fetch(`${base}/api/v1/cases/${id}/actions`, { method: 'POST', headers: { cookie: leader.cookie, 'x-csrf-token': leader.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ action: 'register' }) });
    expect(res.status).toBe(200);
    await s.until(() => s.events.length > 0);
    expect(s.events.map((e) => e.event)).toEqual(['case.registered']);
    s.close();
  });

  it('a revoked session ends its stream; anonymous callers are refused', async () => {
    const session = await login('dispatcher');
    const s = await stream(session.cookie);
    const out = await fetch(`${base}/api/v1/auth/logout`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
    expect(out.status).toBeLessThan(300);
    await s.until(() => s.ended);
    expect((await fetch(`${base}/api/v1/stream`)).status).toBe(401);
  });
});

describe('event visibility', () => {
  const user = (over: Record<string, unknown> = {}) => ({ kind: 'user' as const, id: 7, tenantId: 't', username: 'u', displayName: 'u', roles: ['handler' as const], scopes: { ...emptyScopes(), department: [3] }, departmentId: 4, ...over });
  it('follows roles, users and data scopes; internal events reach nobody', () => {
    expect(canSee(user(), { tenantId: 't', scope: {} })).toBe(false);
    expect(canSee(user(), { tenantId: 't', scope: { departments: [4] } })).toBe(true);
    expect(canSee(user(), { tenantId: 't', scope: { departments: [3] } })).toBe(true);
    expect(canSee(user(), { tenantId: 't', scope: { departments: [5], users: [7] } })).toBe(true);
    expect(canSee(user(), { tenantId: 't', scope: { roles: ['dispatcher'], grids: [1] } })).toBe(false);
    expect(canSee(user({ roles: ['dispatcher'] }), { tenantId: 't', scope: { roles: ['dispatcher'] } })).toBe(true);
    expect(canSee(user(), { tenantId: 'other', scope: { public: true } })).toBe(false);
    expect(canSee({ kind: 'apiKey', keyId: 1, tenantId: 't', name: 'k', grants: ['stream.read'] }, { tenantId: 't', scope: { roles: ['dispatcher'] } })).toBe(false);
  });
});
