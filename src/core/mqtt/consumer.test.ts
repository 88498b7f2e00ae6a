// The deferred-acknowledgement consumer against a real broker: the embedded aedes broker
// (MQTT 3.1.1) and, when MQTT_URL is set, Mosquitto (MQTT 5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { startEmbeddedBroker, type EmbeddedBroker } from './broker.js';
import { MqttConsumer, type ConsumedMessage } from './consumer.js';

const external = process.env.MQTT_URL;
let broker: EmbeddedBroker | undefined;
let url: string;
beforeAll(async () => {
  if (external) url = external;
  else {
    broker = await startEmbeddedBroker('127.0.0.1', 0, false);
    url = `mqtt://127.0.0.1:${broker.port}`;
  }
});
afterAll(async () => broker?.close());

const prefix = `ctest-${randomBytes(4).toString('hex')}`;

async function publisher() {
  const c = await mqtt.connectAsync(url, { protocolVersion: 4, clientId: `${prefix}-pub-${randomBytes(3).toString('hex')}` });
  return c;
}

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('MqttConsumer', () => {
  it('receives many messages before acknowledging any, and the broker keeps the unacknowledged ones for the session', async () => {
    const topic = `${prefix}/a`;
    const clientId = `${prefix}-c1`;
    const got: { m: ConsumedMessage; ack: () => void }[] = [];
    const c = new MqttConsumer({ url, clientId, subscriptions: [topic], protocolVersion: external ? 5 : 4, receiveMaximum: 500, sessionExpirySeconds: 60, onMessage: (m, ack) => got.push({ m, ack }) });
    await c.start();
    const pub = await publisher();
    for (let i = 0; i < 60; i++) await pub.publishAsync(topic, String(i), { qos: 1 });
    // on 3.1.1 the broker's own in-flight window applies; on 5 our receive maximum does
    await until(() => got.length >= (external ? 60 : 10));
    expect(got.length).toBeGreaterThanOrEqual(10);
    // acknowledge the first ten in reverse order: the PUBACKs still leave in arrival order,
    // all of them once message 0 is acknowledged
    const firstTen = got.slice(0, 10);
    expect(firstTen.map((g) => g.m.payload.toString())).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    for (const g of [...firstTen].reverse()) g.ack();
    await new Promise((r) => setTimeout(r, 300));
    await c.close();

    // a new connection with the same client id receives again whatever was not acknowledged
    const again = new Set<number>();
    const c2 = new MqttConsumer({ url, clientId, subscriptions: [topic], protocolVersion: external ? 5 : 4, receiveMaximum: 500, sessionExpirySeconds: 60, onMessage: (m, ack) => (again.add(Number(m.payload.toString())), ack()) });
    await c2.start();
    await until(() => again.size >= 50, 15_000);
    await new Promise((r) => setTimeout(r, 300));
    expect([...again].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 10));
    await c2.close();
    await pub.endAsync();
  });

  it('keeps consuming after the broker connection drops, and resubscribes', async () => {
    const topic = `${prefix}/b`;
    const got: string[] = [];
    const c = new MqttConsumer({ url, clientId: `${prefix}-c2`, subscriptions: [topic], protocolVersion: external ? 5 : 4, sessionExpirySeconds: 60, onMessage: (m, ack) => (got.push(m.payload.toString()), ack()) });
    await c.start();
    const pub = await publisher();
    await pub.publishAsync(topic, 'one', { qos: 1 });
    await until(() => got.includes('one'));
    // cut the socket under it
    (c as unknown as { socket: import('node:net').Socket }).socket.destroy();
    await until(() => c.connected === false);
    await until(() => c.connected === true);
    await pub.publishAsync(topic, 'two', { qos: 1 });
    await until(() => got.includes('two'));
    await c.close();
    await pub.endAsync();
  });

  it('subscribes to filters added while connected', async () => {
    const got: string[] = [];
    const c = new MqttConsumer({ url, clientId: `${prefix}-c3`, subscriptions: [`${prefix}/c1`], protocolVersion: external ? 5 : 4, sessionExpirySeconds: 60, onMessage: (m, ack) => (got.push(m.topic), ack()) });
    await c.start();
    c.subscribe([`${prefix}/c2`]);
    await new Promise((r) => setTimeout(r, 200));
    const pub = await publisher();
    await pub.publishAsync(`${prefix}/c2`, 'x', { qos: 1 });
    await until(() => got.includes(`${prefix}/c2`));
    await c.close();
    await pub.endAsync();
  });
});

