// Fault script: restart PostgreSQL while a device fleet publishes at QoS 1. The node keeps
// running, its batches fail while the server is away (their messages are not acknowledged
// to the broker, which sends them again), /healthz says so and recovers by itself, and
// every alarm the broker acknowledged is stored exactly once. The live event stream
// resumes too. A private PostgreSQL instance (same binaries, own port) is restarted, not
// the shared one. Needs MQTT_URL and JIEDAO_FAULTS=1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { INSIDE, login, startCluster, until, type Cluster } from '../process.js';
import { faultsEnabled, havePostgresBinaries, privatePostgres, type PrivatePostgres } from './services.js';
import { Device } from './device.js';

const enabled = faultsEnabled && havePostgresBinaries && !!process.env.MQTT_URL;
if (!enabled) process.stdout.write('faults/postgres-restart: skipped (needs MQTT_URL, PostgreSQL binaries and JIEDAO_FAULTS=1)\n');

describe.skipIf(!enabled)('restart PostgreSQL during ingest', () => {
  let server: PrivatePostgres;
  let cluster: Cluster;
  beforeAll(async () => {
    server = await privatePostgres();
    await server.createDatabase('jiedao');
    cluster = await startCluster(server.url('jiedao'));
    await cluster.start('pg'); // first start loads the demo data
  }, 300_000);
  afterAll(async () => {
    await cluster?.stop();
    await server?.stop();
  });

  it('the node reconnects, /healthz recovers by itself, nothing acknowledged is lost', { timeout: 400_000 }, async ({ onTestFailed }) => {
    onTestFailed(() => void process.stdout.write(`${cluster.diag()}\n`));
    const node = cluster.nodes[0]!;
    const admin = await login(node.base);
    const reg = await fetch(`${node.base}/api/v1/sensing/devices`, { method: 'POST', headers: admin, body: JSON.stringify({ code: 'FAULT-PG', name: '数据库重启测试设备', kind: 'generic', ...INSIDE, rateLimit: 100_000 }) });
    expect(reg.status).toBe(201);
    const { device, credentials } = (await reg.json()) as { device: { id: number }; credentials: { topics: string[] } };
    expect((await fetch(`${node.base}/healthz`)).status).toBe(200);

    // a live screen open across the restart
    const viewer = await login(node.base, 'dispatcher');
    let streamText = '';
    const ac = new AbortController();
    const open = async () => {
      for (;;) {
        const last = [...streamText.matchAll(/^id: (\d+)$/gm)].pop()?.[1];
        try {
          const res = await fetch(`${node.base}/api/v1/stream?types=case.*`, { headers: { cookie: viewer.cookie!, ...(last ? { 'last-event-id': last } : {}) }, signal: ac.signal });
          const dec = new TextDecoder();
          for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) streamText += dec.decode(chunk, { stream: true });
        } catch {
          if (ac.signal.aborted) return;
        }
        await new Promise((r) => setTimeout(r, 300));
      }
    };
    const streaming = open();

    const N = 6000;
    const dev = new Device(process.env.MQTT_URL!, credentials.topics[0]!, `p${randomBytes(2).toString('hex')}`);
    await dev.connect();
    const publishing = dev.publish(N, 50, 50);
    await until('ingest under way', () => dev.acked.size >= N / 4, 120_000);

    const health: number[] = [];
    const probing = (async () => {
      while (health.length < 10_000 && !ac.signal.aborted) {
        const s = await fetch(`${node.base}/healthz`).then((r) => r.status, () => 0);
        health.push(s);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    await server.restart(2000);
    await publishing;
    await until('/healthz recovered', async () => (await fetch(`${node.base}/healthz`)).status === 200, 60_000);
    await until('every PUBACK', () => dev.unacked.size === 0, 120_000);
    await dev.close();

    // the node works again for users: a case created after the restart reaches the live screen
    const acceptor = await until('log-in after the restart', () => login(node.base, 'acceptor'), 30_000);
    const created = await fetch(`${node.base}/api/v1/cases`, { method: 'POST', headers: acceptor, body: JSON.stringify({ source: 'hotline', categoryCode: '09030', description: `数据库重启后 ${randomBytes(2).toString('hex')}`, location: INSIDE }) });
    expect(created.status).toBe(201);
    const { case: c } = (await created.json()) as { case: { number: string } };
    await until('the live screen sees it', () => streamText.includes(c.number), 30_000);

    const q = new pg.Client({ connectionString: server.url('jiedao') });
    await q.connect();
    await until('every acknowledged alarm stored', async () => (await q.query(`select count(*)::int as n from sensing_alarms where device_id = $1`, [device.id])).rows[0].n >= N, 120_000, 250);
    await new Promise((r) => setTimeout(r, 1000));
    const { rows } = await q.query(`select count(*)::int as n, count(distinct msg_key)::int as keys from sensing_alarms where device_id = $1`, [device.id]);
    await q.end();
    ac.abort();
    await Promise.all([streaming, probing]);
    expect(dev.acked.size).toBe(N);
    expect(rows[0]).toEqual({ n: N, keys: N });
    // the restart was seen by the health check, and it recovered without anyone's help
    expect(health).toContain(503);
    expect(health.at(-1)).toBe(200);
    process.stdout.write(`faults/postgres-restart: health probes ${health.filter((s) => s !== 200).length} not ok of ${health.length}; ${N} alarms stored once\n`);
  });
});
