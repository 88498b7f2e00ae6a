// Notification channels against a local HTTP server that records what it receives (real
// HTTP): WeCom and DingTalk robots, a signed webhook, retries with back-off, failures
// recorded and retried by hand, and a failing channel never holding up a case.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { as, report } from '../../modules/cases/testkit.js';
import { backoffMs } from './deliver.js';

interface Got {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

let tp: TestPlatform;
let server: Server;
let base: string;
const got: Got[] = [];
/** what the recorder answers, per path: a status and a body, consumed in order */
const script = new Map<string, [number, string][]>();
let t = new Date('2026-12-16T10:00:00+08:00');
const later = (ms: number) => (t = new Date(t.getTime() + ms));

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const u = new URL(req.url!, 'http://x');
      got.push({ path: u.pathname, query: u.searchParams, headers: req.headers, body });
      const [status, reply] = script.get(u.pathname)?.shift() ?? [200, '{"errcode":0,"errmsg":"ok"}'];
      res.writeHead(status, { 'content-type': 'application/json' }).end(reply);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  tp = await startTestPlatform({ clock: { now: () => t } });
});
afterAll(async () => {
  await tp?.close();
  server?.close();
});

const run = async () => {
  await tp.platform.ctx.sweeper.runNow('notify.enqueue');
  return tp.platform.ctx.sweeper.runNow('notify.send');
};
const received = (path: string) => got.filter((g) => g.path === path);

async function channel(body: Record<string, unknown>) {
  const res = await (await as(tp, 'admin')).post('/api/v1/notify/channels', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; hasSecret: boolean; cursor: number };
}

describe('notification channels', () => {
  it('a WeCom robot gets a markdown message per case event it asked for; history before the channel is not replayed', async () => {
    await report(await as(tp, 'acceptor'), { description: '建群之前的案件' });
    const ch = await channel({ name: '城运值班群', kind: 'wecom', url: `${base}/wecom`, eventTypes: ['case.created', 'case.overdue'] });
    expect(ch.cursor).toBeGreaterThan(0);
    const c = await report(await as(tp, 'acceptor'), { description: '凤阳路垃圾桶满溢', address: '凤阳路 288 号' });
    await act();
    const msgs = received('/wecom');
    expect(msgs).toHaveLength(1);
    const body = JSON.parse(msgs[0]!.body);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toContain(`**【新案件】案件 ${c.number}**`);
    expect(body.markdown.content).toContain('> 地点：凤阳路 288 号');
    const deliveries = (await (await as(tp, 'admin')).get(`/api/v1/notify/deliveries?channelId=${ch.id}`)).json();
    expect(deliveries).toEqual([expect.objectContaining({ eventType: 'case.created', status: 'sent', attempts: 1, lastStatus: 200 })]);
    await act();
    expect(received('/wecom')).toHaveLength(1); // exactly once
  });

  it('a DingTalk robot with a secret gets a valid timestamp + HMAC-SHA256 signature', async () => {
    await channel({ name: '钉钉群', kind: 'dingtalk', url: `${base}/ding?access_token=abc`, secret: 'SECxyz', eventTypes: ['case.*'] });
    const c = await report(await as(tp, 'acceptor'));
    await act();
    const m = received('/ding').at(-1)!;
    expect(m.query.get('access_token')).toBe('abc');
    const ts = m.query.get('timestamp')!;
    expect(ts).toBe(String(t.getTime()));
    expect(m.query.get('sign')).toBe(createHmac('sha256', 'SECxyz').update(`${ts}\nSECxyz`).digest('base64'));
    const body = JSON.parse(m.body);
    expect(body.markdown.title).toBe(`【新案件】案件 ${c.number}`);
  });

  it('a generic webhook is signed with HMAC-SHA256 over timestamp.body, and only gets events in its grids', async () => {
    const grids = (await (await as(tp, 'admin')).get('/api/v1/grids?kind=responsibility')).json() as { id: number; code: string }[];
    const g1 = grids.find((g) => g.code === 'SM2-G01')!.id;
    const ch = await channel({ name: '区平台', kind: 'webhook', url: `${base}/hook`, secret: 'k3y', eventTypes: ['case.created'], filter: { grids: [g1] } });
    expect(ch.hasSecret).toBe(true);
    expect(JSON.stringify((await (await as(tp, 'admin')).get('/api/v1/notify/channels')).json())).not.toContain('k3y');
    await report(await as(tp, 'acceptor')); // grid 5: not for this channel
    const inG1 = await report(await as(tp, 'acceptor'), { location: { lng: 121.4525, lat: 31.232 } });
    await act();
    const hooks = received('/hook');
    expect(hooks).toHaveLength(1);
    const h = hooks[0]!;
    const ts = h.headers['x-jiedao-timestamp'] as string;
    expect(h.headers['x-jiedao-signature']).toBe(`sha256=${createHmac('sha256', 'k3y').update(`${ts}.${h.body}`).digest('hex')}`);
    expect(h.headers['x-jiedao-event']).toBe('case.created');
    const body = JSON.parse(h.body);
    expect(body).toMatchObject({ type: 'case.created', subjectId: String(inG1.id), payload: { number: inG1.number }, message: { title: `【新案件】案件 ${inG1.number}` } });
    expect(body).not.toHaveProperty('scope');
  });

  it('a failing channel is retried with back-off, recorded as failed after the last attempt, retried by hand — and never blocks a case', async () => {
    const admin = await as(tp, 'admin');
    const ch = await channel({ name: '不稳定的群', kind: 'wecom', url: `${base}/flaky`, eventTypes: ['case.created'] });
    script.set('/flaky', [
      [500, 'boom'],
      [200, '{"errcode":93000,"errmsg":"invalid webhook url"}'],
      [200, '{"errcode":0,"errmsg":"ok"}'],
    ]);
    const c = await report(await as(tp, 'acceptor')); // the case is created whatever the channel does
    expect(c.state).toBe('reported');
    await act();
    let d = (await admin.get(`/api/v1/notify/deliveries?channelId=${ch.id}`)).json()[0];
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500, lastError: 'HTTP 500 boom', nextAttemptAt: new Date(t.getTime() + backoffMs(1)).toISOString() });
    await act();
    expect(received('/flaky')).toHaveLength(1); // not due yet
    later(backoffMs(1));
    await act();
    d = (await admin.get(`/api/v1/notify/deliveries?channelId=${ch.id}`)).json()[0];
    expect(d).toMatchObject({ status: 'pending', attempts: 2, lastError: 'errcode 93000: invalid webhook url' });
    later(backoffMs(2));
    await act();
    d = (await admin.get(`/api/v1/notify/deliveries?channelId=${ch.id}`)).json()[0];
    expect(d).toMatchObject({ status: 'sent', attempts: 3, lastError: null });

    // a dead endpoint: every attempt fails until the last, then it is kept as failed
    const dead = await channel({ name: '已停用的地址', kind: 'webhook', url: 'http://127.0.0.1:9/gone', eventTypes: ['case.created'] });
    await report(await as(tp, 'acceptor'));
    for (let i = 1; i <= 8; i++) {
      await act();
      later(backoffMs(i));
    }
    const f = (await admin.get(`/api/v1/notify/deliveries?channelId=${dead.id}`)).json()[0];
    expect(f).toMatchObject({ status: 'failed', attempts: 8 });
    expect((await admin.get('/api/v1/notify/channels')).json().find((x: { id: number }) => x.id === dead.id)).toMatchObject({ failed: 1 });
    await admin.patch(`/api/v1/notify/channels/${dead.id}`, { url: `${base}/revived` });
    const r = await admin.post(`/api/v1/notify/deliveries/${f.id}/retry`);
    expect(r.json()).toMatchObject({ status: 'pending', attempts: 0 });
    await act();
    expect(received('/revived')).toHaveLength(1);
    expect((await admin.get(`/api/v1/notify/deliveries?channelId=${dead.id}`)).json()[0].status).toBe('sent');
  });

  it('only admins manage channels; a test message reports what the channel answered', async () => {
    expect((await (await as(tp, 'leader')).get('/api/v1/notify/channels')).statusCode).toBe(403);
    const admin = await as(tp, 'admin');
    expect((await admin.post('/api/v1/notify/channels', { name: 'x', kind: 'wecom', url: 'ftp://example', eventTypes: ['case.*'] })).json().errors[0].field).toBe('url');
    const ch = await channel({ name: '测试', kind: 'wecom', url: `${base}/probe`, eventTypes: ['case.*'] });
    script.set('/probe', [[200, '{"errcode":310000,"errmsg":"sign not match"}']]);
    expect((await admin.post(`/api/v1/notify/channels/${ch.id}/test`)).json()).toEqual({ ok: false, status: 200, error: 'errcode 310000: sign not match' });
    expect((await admin.post(`/api/v1/notify/channels/${ch.id}/test`)).json()).toEqual({ ok: true, status: 200, error: null });
  });
});

async function act() {
  await run();
}
