// Fault script: restart the MQTT broker while a device fleet publishes at QoS 1 to two app
// nodes. The nodes reconnect by themselves (their persistent sessions, saved by the
// broker, resume), /healthz reports the outage and recovers, every alarm the broker
// acknowledged before the restart or after the nodes were back is stored, and nothing twice.
// Mosquitto 2.0 does not restore shared subscriptions from its persistence file: alarms a
// device publishes between the broker's start and the nodes' new SUBSCRIBE are acknowledged
// and dropped by the broker (no subscriber); the nodes retry fast to be back first, and the
// script measures the gap (ADR 1001). A private Mosquitto (same binary and settings as
// the packaged one, own port) is restarted, not the shared one. Needs DATABASE_URL and
// JIEDAO_FAULTS=1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { onPostgres } from '../harness.js';
import { clusterOnFreshDemo, INSIDE, login, metricsText, until, type Cluster, type ClusterOnDemo } from '../process.js';
import { faultsEnabled, haveMosquitto, privateMosquitto, type PrivateMosquitto } from './services.js';
import { Device } from './device.js';

const enabled = faultsEnabled && haveMosquitto && onPostgres;
if (!enabled) process.stdout.write('faults/broker-restart: skipped (needs DATABASE_URL, mosquitto and JIEDAO_FAULTS=1)\n');

describe.skipIf(!enabled)('restart the MQTT broker during ingest', () => {
  let broker: PrivateMosquitto;
  let on: ClusterOnDemo;
  let cluster: Cluster;
  beforeAll(async () => {
    broker = await privateMosquitto();
    on = await clusterOnFreshDemo(['a', 'b'], { MQTT_URL: broker.url });
    cluster = on.cluster;
  }, 180_000);
  afterAll(async () => {
    await on?.stop();
    await broker?.stop();
  });

  it('the nodes reconnect and resume; what was acknowledged before the restart or after they resubscribed is stored, nothing twice', { timeout: 400_000 }, async ({ onTestFailed }) => {
    onTestFailed(() => void process.stdout.write(`${cluster.diag()}\n`));
    const [a, b] = cluster.nodes as [(typeof cluster.nodes)[0], (typeof cluster.nodes)[0]];
    const admin = await login(a.base);
    const reg = await fetch(`${a.base}/api/v1/sensing/devices`, { method: 'POST', headers: admin, body: JSON.stringify({ code: 'FAULT-MQ', name: '消息服务器重启测试设备', kind: 'generic', ...INSIDE, rateLimit: 100_000 }) });
    expect(reg.status).toBe(201);
    const { device, credentials } = (await reg.json()) as { device: { id: number }; credentials: { topics: string[] } };
    await until('node b knows the device', async () => (await fetch(`${b.base}/api/v1/sensing/devices/${device.id}`, { headers: await login(b.base) })).ok);

    const N = 6000;
    const dev = new Device(broker.url, credentials.topics[0]!, `m${randomBytes(2).toString('hex')}`);
    await dev.connect();
    const publishing = dev.publish(N, 50, 50);
    await until('ingest under way', () => dev.acked.size >= N / 4, 120_000);

    const health: number[] = [];
    let probe = true;
    const probing = (async () => {
      while (probe) {
        health.push(await fetch(`${a.base}/healthz`).then((r) => r.status, () => 0));
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const before = new Set(dev.acked);
    await broker.restart(2000);
    const back = Date.now();
    // both nodes subscribed again (all their ingest sessions connected)
    const sessions = async (node: typeof a) => Number(/^sensing_ingest_sessions_connected (\d+)/m.exec(await metricsText(node))?.[1]);
    await until('both nodes resubscribed', async () => (await sessions(a)) === 4 && (await sessions(b)) === 4, 60_000, 50);
    const resubscribed = Date.now();
    await publishing;
    await until('every PUBACK', () => dev.unacked.size === 0, 120_000);
    await dev.close();
    await until('/healthz of both nodes recovered', async () => (await fetch(`${a.base}/healthz`)).status === 200 && (await fetch(`${b.base}/healthz`)).status === 200, 60_000);
    probe = false;
    await probing;

    // after the restart Mosquitto (2.0) no longer has the nodes' shared subscriptions until
    // they subscribe again; what devices publish in that gap finds no subscriber (ADR 1001)
    const mustHave = [...dev.acked].filter((i) => before.has(i) || dev.ackedAt.get(i)! > resubscribed + 200);
    const storedIds = async () => new Set((await on.db.database.query<{ v: number }>(`select (data->>'value')::int as v from sensing_alarms where device_id = $1`, [device.id])).map((r) => r.v));
    await until('every alarm acknowledged before the restart or after the nodes were back is stored', async () => {
      const have = await storedIds();
      return mustHave.every((i) => have.has(i));
    }, 120_000, 500).catch(async (e: Error) => {
      const have = await storedIds();
      throw new Error(`${e.message}: missing ${mustHave.filter((i) => !have.has(i)).length} (${mustHave.filter((i) => !have.has(i)).slice(0, 10).join(', ')})`);
    });
    await new Promise((r) => setTimeout(r, 1000));
    const [row] = await on.db.database.query<{ n: number; keys: number }>(`select count(*)::int as n, count(distinct msg_key)::int as keys from sensing_alarms where device_id = $1`, [device.id]);
    expect(dev.acked.size).toBe(N);
    // nothing twice
    expect(row!.n).toBe(row!.keys);
    const gap = N - row!.n;
    expect(health).toContain(503);
    process.stdout.write(`faults/broker-restart: nodes resubscribed ${resubscribed - back} ms after the broker was back; ${row!.n} of ${N} alarms stored once; ${gap} published in that gap found no subscriber; health probes ${health.filter((s) => s !== 200).length} not ok of ${health.length}\n`);
  });
});
