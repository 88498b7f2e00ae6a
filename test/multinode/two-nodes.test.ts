// Two real app processes on one fresh PostgreSQL database and Mosquitto, same share group,
// different ports and NODE_IDs: device traffic is split between them and stored once, and a
// screen on node A sees live what a user did on node B. Runs in .ci/run's second pass
// (DATABASE_URL and MQTT_URL set); skipped otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { randomBytes } from 'node:crypto';
import { clusterAvailable, clusterOnFreshDemo, INSIDE, login, metric, until, type Cluster, type ClusterOnDemo } from '../process.js';

if (!clusterAvailable) process.stdout.write('multinode/two-nodes: skipped (needs DATABASE_URL and MQTT_URL)\n');

describe.skipIf(!clusterAvailable)('two nodes on PostgreSQL and Mosquitto', () => {
  let on: ClusterOnDemo;
  let cluster: Cluster;

  beforeAll(async () => {
    on = await clusterOnFreshDemo(['a', 'b']);
    cluster = on.cluster;
  }, 180_000);
  afterAll(() => on?.stop());

  it('device messages are split across both nodes and each is stored exactly once', { timeout: 180_000 }, async () => {
    const [a, b] = cluster.nodes as [typeof cluster.nodes[0], typeof cluster.nodes[0]];
    const h = await login(a.base);
    const reg = await fetch(`${a.base}/api/v1/sensing/devices`, { method: 'POST', headers: h, body: JSON.stringify({ code: 'MN-1', name: '双节点测试设备', kind: 'generic', ...INSIDE, rateLimit: 100_000 }) });
    expect(reg.status).toBe(201);
    const { device, credentials } = (await reg.json()) as { device: { id: number }; credentials: { topics: string[] } };
    // node b learns of the new device through the event (its registry is rebuilt from the DB)
    await until('node b knows the device', async () => (await fetch(`${b.base}/api/v1/sensing/devices/${device.id}`, { headers: await login(b.base) })).ok);

    const N = 2000;
    const pub = await mqtt.connectAsync(process.env.MQTT_URL!, { protocolVersion: 4, clientId: `mn-pub-${randomBytes(4).toString('hex')}` });
    const acks: Promise<unknown>[] = [];
    for (let i = 0; i < N; i++) acks.push(pub.publishAsync(credentials.topics[0]!, JSON.stringify({ id: `mn${i}`, type: 'two_nodes', ts: new Date().toISOString(), value: i }), { qos: 1 }));
    await Promise.all(acks);
    await pub.endAsync();

    const ha = await login(a.base);
    await until('all stored', async () => ((await (await fetch(`${a.base}/api/v1/sensing/devices/${device.id}/stats`, { headers: ha })).json()) as { alarms: number }).alarms >= N, 120_000, 250);
    const [row] = await on.db.database.query<{ n: number; keys: number }>(`select count(*)::int as n, count(distinct msg_key)::int as keys from sensing_alarms where device_id = $1`, [device.id]);
    expect(row).toEqual({ n: N, keys: N });
    const storedA = await metric(a, 'sensing_messages_total', '{source="mqtt",outcome="stored"}');
    const storedB = await metric(b, 'sensing_messages_total', '{source="mqtt",outcome="stored"}');
    process.stdout.write(`multinode/two-nodes: node a stored ${storedA}, node b stored ${storedB} of ${N}\n`);
    // both took a share, and together exactly all of them (none twice)
    expect(storedA).toBeGreaterThan(0);
    expect(storedB).toBeGreaterThan(0);
    expect(storedA + storedB).toBe(N);
  });

  it('a live stream on node A receives the case a user created on node B (LISTEN/NOTIFY)', { timeout: 60_000 }, async () => {
    const [a, b] = cluster.nodes as [typeof cluster.nodes[0], typeof cluster.nodes[0]];
    const viewer = await login(a.base, 'dispatcher');
    const ac = new AbortController();
    const res = await fetch(`${a.base}/api/v1/stream?types=case.*`, { headers: { cookie: viewer.cookie!, accept: 'text/event-stream' }, signal: ac.signal });
    expect(res.status).toBe(200);
    let text = '';
    const reading = (async () => {
      const dec = new TextDecoder();
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) text += dec.decode(chunk, { stream: true });
      } catch {
        /* aborted */
      }
    })();
    await new Promise((r) => setTimeout(r, 300));

    const acceptor = await login(b.base, 'acceptor');
    const desc = `双节点直播测试 ${randomBytes(3).toString('hex')}`;
    const created = await fetch(`${b.base}/api/v1/cases`, { method: 'POST', headers: acceptor, body: JSON.stringify({ source: 'hotline', categoryCode: '09030', description: desc, location: INSIDE }) });
    expect(created.status).toBe(201);
    const { case: c } = (await created.json()) as { case: { id: number; number: string } };
    await until('event on node a', () => text.includes('event: case.created') && text.includes(c.number), 30_000);
    ac.abort();
    await reading;
    const block = text.split('\n\n').find((b) => b.includes('event: case.created') && b.includes(c.number))!;
    expect(block).toMatch(new RegExp(`data: .*"subjectId":"${c.id}"`));
  });
});
