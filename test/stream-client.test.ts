// The web app's live-stream client (web/src/stores/sse.ts) against the real server: when
// the connection drops it reconnects by itself and catches up on every event committed
// meanwhile, once each and in order; a refused session stops it instead of hammering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness.js';
import { DEMO_PASSWORD } from '../demo/accounts.js';
import { SseClient, SseParser, type StreamEvent, type StreamStatus } from '../web/src/stores/sse.js';

let tp: TestPlatform;
let base: string;
beforeAll(async () => {
  tp = await startTestPlatform();
  base = await tp.platform.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => tp?.close());

async function login(username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  return { cookie: cookies.join('; '), csrf: cookies.find((c) => c.startsWith('jd_csrf='))!.split('=')[1]! };
}

async function createCase(s: { cookie: string; csrf: string }): Promise<number> {
  const res = await fetch(`${base}/api/v1/cases`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ source: 'hotline', categoryCode: '06010', description: '断线重连测试', location: { lng: 121.4567, lat: 31.2331 } }) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { case: { id: number } }).case.id;
}

async function until(test: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** fetch whose open streams the test can break (a dropped network) and whose new connections it can hold back */
function breakableFetch(cookie: string) {
  const open: ReadableStreamDefaultController<Uint8Array>[] = [];
  let gate: Promise<void> = Promise.resolve();
  let release = () => {};
  const requests: Record<string, string>[] = [];
  const f = (async (url: string | URL | Request, init?: RequestInit) => {
    await gate;
    const headers = { ...(init?.headers as Record<string, string>), cookie };
    requests.push(headers);
    const res = await fetch(new URL(String(url), base), { ...init, headers });
    if (!res.body) return res;
    const upstream = res.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        open.push(c);
      },
      async pull(c) {
        const { value, done } = await upstream.read().catch(() => ({ value: undefined, done: true }));
        if (done) c.close();
        else c.enqueue(value);
      },
      cancel() {
        void upstream.cancel();
      },
    });
    return new Response(body, { status: res.status, headers: res.headers });
  }) as typeof fetch;
  return {
    fetch: f,
    requests,
    drop() {
      gate = new Promise((r) => (release = r));
      for (const c of open.splice(0)) c.error(new TypeError('network down'));
    },
    restore: () => release(),
  };
}

describe('live-stream client', () => {
  it('reconnects by itself after the network drops and receives every missed event once, in order', async () => {
    const acceptor = await login('acceptor');
    const net = breakableFetch((await login('dispatcher')).cookie);
    const got: StreamEvent[] = [];
    const statuses: StreamStatus[] = [];
    const client = new SseClient({ url: '/api/v1/stream', fetch: net.fetch, onEvent: (e) => got.push(e), onStatus: (s) => statuses.push(s), minDelayMs: 50 });
    client.start();
    await until(() => client.status === 'live', 'live');
    const a = await createCase(acceptor);
    await until(() => got.some((e) => e.subjectId === String(a)), 'first case');

    net.drop();
    await until(() => client.status === 'reconnecting', 'reconnecting');
    const b = await createCase(acceptor);
    const c = await createCase(acceptor);
    net.restore();
    await until(() => client.status === 'live' && client.connections === 2, 'second connection');
    const d = await createCase(acceptor);
    await until(() => got.some((e) => e.subjectId === String(d) && e.type === 'case.created'), 'case after reconnect');

    const created = got.filter((e) => e.type === 'case.created').map((e) => Number(e.subjectId));
    expect(created).toEqual([a, b, c, d]);
    const ids = got.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    // the reconnect asked for what came after the last event it had seen
    const lastBefore = got.filter((e) => Number(e.subjectId) === a).at(-1)!.id;
    expect(Number(net.requests[1]!['last-event-id'])).toBeGreaterThanOrEqual(lastBefore);
    expect(statuses).toEqual(['connecting', 'live', 'reconnecting', 'live']);
    client.stop();
  });

  it('a stream that goes silent (no heartbeat) is taken for dead and reopened', async () => {
    const net = breakableFetch((await login('dispatcher')).cookie);
    const client = new SseClient({ url: '/api/v1/stream', fetch: net.fetch, onEvent: () => {}, minDelayMs: 20, idleMs: 300 });
    client.start();
    // the server's heartbeat is every 15 s here, so an idle limit of 300 ms trips
    await until(() => client.connections >= 2, 'a second connection');
    client.stop();
    expect(client.status).toBe('idle');
  });

  it('stops on 401 instead of retrying', async () => {
    const net = breakableFetch('jd_session=nonsense');
    const client = new SseClient({ url: '/api/v1/stream', fetch: net.fetch, onEvent: () => {}, minDelayMs: 20 });
    client.start();
    await until(() => client.status === 'unauthorized', 'unauthorized');
    await new Promise((r) => setTimeout(r, 200));
    expect(net.requests).toHaveLength(1);
  });

  it('parses events split across chunks, multi-line data and comments', () => {
    const out: { id?: string; event?: string; data?: string }[] = [];
    const p = new SseParser((f) => out.push(f));
    p.push('retry: 2000\n: connected\n\nid: 7\nevent: case.created\nda');
    p.push('ta: {"a":\ndata: 1}\n\n: ping\r\nid: 7\r\n\r\n');
    expect(out).toEqual([{ retry: '2000' }, { id: '7', event: 'case.created', data: '{"a":\n1}' }, { id: '7' }]);
  });
});
