// Cross-tenant isolation: two subdistricts in one deployment. Every route with an id is
// called by tenant A's users with tenant B's ids, every list is read looking for B's
// records, every write is tried against B's records; nothing of B is returned or changed.
// Also Open311 across jurisdictions and MQTT across tenants on the embedded broker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { sql } from 'drizzle-orm';
import type { TestPlatform } from '../harness.js';
import { ROUTE_TABLE } from './routeTable.js';
import { apiKeyCaller, concreteUrl, userCaller, type Caller } from './clients.js';
import { rowsOf, startTwoTenantPlatform, tenantDigest, TENANT_B } from './twoTenants.js';

let tp: TestPlatform;
let aAdmin: Caller;
let bAdmin: Caller;
let aUsers: Caller[];

beforeAll(async () => {
  tp = await startTwoTenantPlatform({ mqtt: true });
  aAdmin = await userCaller(tp, 'admin', 'A admin');
  bAdmin = await userCaller(tp, 'admin', 'B admin', TENANT_B);
  aUsers = [aAdmin];
  for (const u of ['dispatcher', 'chief', 'committee', 'care', 'ent', 'owner', 'district']) aUsers.push(await userCaller(tp, u, `A ${u}`));
}, 600_000);
afterAll(async () => tp?.close());

// live views are Server-Sent Events that never end; their scope is checked before the first byte like any read
const STREAMS = /\/(stream|live)$/;
const routeKeys = Object.keys(ROUTE_TABLE).filter((k) => k.includes(' /api/') && ROUTE_TABLE[k] !== 'public' && !STREAMS.test(k));
const lists = routeKeys.filter((k) => k.startsWith('GET ') && !k.includes(':') && !k.endsWith('/stream') && !k.includes('export'));

function idsIn(body: unknown): number[] {
  const arr = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items) ? (body as { items: unknown[] }).items : [];
  return arr.map((x) => (x && typeof x === 'object' ? (x as { id?: unknown }).id : undefined)).filter((x): x is number => typeof x === 'number');
}

/** B's ids per list URL, read by B's administrator. */
const bIds = new Map<string, number[]>();

describe('two tenants', () => {
  it('each administrator logs in to their own subdistrict only', async () => {
    expect((await aAdmin.call('GET', '/api/v1/auth/me')).json().tenant.id).toBe('shimen2');
    expect((await bAdmin.call('GET', '/api/v1/auth/me')).json().tenant.id).toBe(TENANT_B);
  });

  it('lists never carry the other tenant’s records, whatever the filter', async () => {
    const failures: string[] = [];
    for (const key of lists) {
      const url = key.slice(4);
      const b = await bAdmin.call('GET', url);
      if (b.statusCode === 200) bIds.set(url, idsIn(b.json()));
    }
    const withB = [...bIds.values()].filter((v) => v.length > 0).length;
    expect(withB).toBeGreaterThan(20);
    for (const key of lists) {
      const url = key.slice(4);
      const theirs = new Set(bIds.get(url) ?? []);
      if (theirs.size === 0) continue;
      for (const c of aUsers) {
        for (const u of [url, `${url}?tenant=${TENANT_B}&tenantId=${TENANT_B}`]) {
          const res = await c.call('GET', u);
          if (res.statusCode >= 500) failures.push(`${c.who} ${u} → ${res.statusCode}`);
          if (res.statusCode !== 200) continue;
          const leaked = idsIn(res.json()).filter((id) => theirs.has(id));
          if (leaked.length) failures.push(`${c.who} ${u} lists ${TENANT_B} ids ${leaked.slice(0, 5).join(',')}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('every route with an id refuses the other tenant’s ids, and nothing of B changes', async () => {
    const failures: string[] = [];
    let proven = 0;
    const idRoutes = routeKeys.filter((k) => /\/:id\b/.test(k));
    // B's id for a route: from the list at the path before ":id"
    const bIdFor = (url: string) => {
      const list = url.slice(0, url.indexOf('/:id'));
      return bIds.get(list)?.[0];
    };
    // reads first (B's administrator proves the id is real), then the writes, with B's digest around them
    for (const key of idRoutes.filter((k) => k.startsWith('GET '))) {
      const pattern = key.slice(4);
      const id = bIdFor(pattern);
      if (id === undefined) continue;
      const url = concreteUrl(pattern).replace('/999999', `/${id}`);
      if ((await bAdmin.call('GET', url)).statusCode !== 200) continue;
      proven++;
      for (const c of aUsers) {
        const res = await c.call('GET', url);
        if (res.statusCode !== 404 && res.statusCode !== 403) failures.push(`${c.who} GET ${url} (${TENANT_B}'s) → ${res.statusCode}`);
      }
    }
    expect(proven).toBeGreaterThan(15);
    // the live participation stream of B's consultation: refused before the first byte
    const consultation = bIds.get('/api/v1/community/consultations')?.[0];
    expect(consultation).toBeDefined();
    for (const c of aUsers) {
      const res = await c.call('GET', `/api/v1/community/consultations/${consultation}/live`);
      if (res.statusCode !== 404 && res.statusCode !== 403) failures.push(`${c.who} live stream of ${TENANT_B}'s consultation → ${res.statusCode}`);
    }

    const before = await tenantDigest(tp, TENANT_B);
    let writes = 0;
    for (const key of idRoutes.filter((k) => !k.startsWith('GET '))) {
      const [method, pattern] = key.split(' ') as [string, string];
      const id = bIdFor(pattern);
      if (id === undefined) continue;
      writes++;
      const url = concreteUrl(pattern).replace('/999999', `/${id}`);
      for (const c of aUsers) {
        const res = await c.call(method, url, method === 'DELETE' ? undefined : WRITE_BODIES[key] ?? {});
        if (res.statusCode < 300 || res.statusCode >= 500) failures.push(`${c.who} ${method} ${url} (${TENANT_B}'s) → ${res.statusCode}`);
      }
    }
    expect(writes).toBeGreaterThan(30);
    expect(await tenantDigest(tp, TENANT_B)).toEqual(before);
    expect(failures).toEqual([]);
  }, 600_000);

  it('an Open311 key of one subdistrict cannot read or report in another', async () => {
    const key = await apiKeyCaller(tp, ['open311.report']);
    const read = await tp.request({ method: 'GET', url: `/open311/v2/requests.json?jurisdiction_id=${TENANT_B}&api_key=${key.key}` });
    expect(read.statusCode).toBe(403);
    const before = await tenantDigest(tp, TENANT_B);
    const post = await tp.request({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ jurisdiction_id: TENANT_B, api_key: key.key, service_code: '0101', lat: '31.2331', long: '121.4566', description: '跨辖区上报' }).toString(),
    });
    expect(post.statusCode).toBe(403);
    expect(await tenantDigest(tp, TENANT_B)).toEqual(before);
  });

  it.skipIf(!!process.env.MQTT_URL)('a device of tenant A cannot publish into tenant B’s topics on the embedded broker', async () => {
    const reg = async (c: Caller, code: string) => {
      const res = await c.call('POST', '/api/v1/sensing/devices', { code, name: '隔离测试烟感', kind: 'smoke', lng: 121.4566, lat: 31.2331 });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { device: { id: number; code: string }; credentials: { mqttUsername: string; mqttPassword: string; topics: string[] } };
    };
    const a = await reg(aAdmin, 'ISO-A-1');
    const b = await reg(bAdmin, 'ISO-B-1');
    const url = `mqtt://127.0.0.1:${tp.platform.broker!.port}`;
    const bTopic = b.credentials.topics.find((t) => t.endsWith('/alarm')) ?? `jiedao/${TENANT_B}/${b.device.code}/alarm`;
    const listener = await mqtt.connectAsync(url, { protocolVersion: 4, username: b.credentials.mqttUsername, password: b.credentials.mqttPassword, reconnectPeriod: 0 });
    const heard: string[] = [];
    listener.on('message', (_t, p) => heard.push(p.toString()));
    await listener.subscribeAsync(bTopic.replace(/\/alarm$/, '/#'), { qos: 1 });
    const intruder = await mqtt.connectAsync(url, { protocolVersion: 4, username: a.credentials.mqttUsername, password: a.credentials.mqttPassword, reconnectPeriod: 0 });
    await intruder.publishAsync(bTopic, JSON.stringify({ type: 'smoke', id: 'cross-tenant', state: 'active' }), { qos: 1, retain: true });
    // B's own device then publishes a marker: it arrives, the intruder's message never did
    await listener.publishAsync(bTopic, JSON.stringify({ type: 'smoke', id: 'marker', state: 'cleared' }), { qos: 1 });
    const start = Date.now();
    while (!heard.some((h) => h.includes('marker')) && Date.now() - start < 20_000) await new Promise((r) => setTimeout(r, 20));
    expect(heard.some((h) => h.includes('marker'))).toBe(true);
    expect(heard.filter((h) => h.includes('cross-tenant'))).toEqual([]);
    const alarms = await rowsOf<{ n: string }>(tp, sql`select count(*)::text as n from sensing_alarms where tenant_id = ${TENANT_B} and device_id = ${b.device.id} and msg_key like ${'%cross-tenant%'}`);
    expect(Number(alarms[0]!.n)).toBe(0);
    const dead = await rowsOf<{ reason: string }>(tp, sql`select reason from sensing_dead_letters where tenant_id = 'shimen2' and device_code = ${a.device.code}`);
    expect(dead.map((d) => d.reason)).toContain('not_authorized');
    // nothing was retained on B's topic either: a new subscriber gets nothing but the marker's successors
    await intruder.endAsync();
    await listener.endAsync();
  });
});

/** Plausible bodies for a few writes, so refusal is about the tenant and not the schema. */
const WRITE_BODIES: Record<string, unknown> = {
  'POST /api/v1/cases/:id/actions': { action: 'cancel', reason: '跨租户尝试' },
  'PATCH /api/v1/people/elderly/:id': { version: 1, notes: '跨租户尝试' },
  'PATCH /api/v1/sensing/devices/:id': { name: '跨租户尝试' },
  'PATCH /api/v1/users/:id': { displayName: '跨租户尝试' },
  'DELETE /api/v1/api-keys/:id': undefined,
  'POST /api/v1/community/consultations/:id/close': {},
  'POST /api/v1/community/consultations/:id/cancel': { reason: '跨租户尝试' },
  'POST /api/v1/enterprise/requests/:id/cancel': { reason: '跨租户尝试' },
  'PATCH /api/v1/enterprise/enterprises/:id': { name: '跨租户尝试' },
};
