// The embedded broker's hooks: an asynchronous publish check holds the PUBACK until it
// answers; a refusal drops the connection (the client sends again); the platform's own
// log-in bypasses device authentication.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { startEmbeddedBroker, type EmbeddedBroker } from './broker.js';

let broker: EmbeddedBroker;
let url: string;
beforeAll(async () => {
  broker = await startEmbeddedBroker('127.0.0.1', 0, false);
  url = `mqtt://127.0.0.1:${broker.port}`;
});
afterAll(async () => broker.close());

describe('embedded broker hooks', () => {
  it('a QoS 1 PUBACK waits for an asynchronous authorizePublish', async () => {
    const seen: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    broker.setAuth({
      authenticate: async (_c, username, password) => username === 'dev' && password?.toString() === 'pw',
      authorizePublish: async (_c, topic) => {
        seen.push(topic);
        await gate;
        return true;
      },
    });
    const c = await mqtt.connectAsync(url, { protocolVersion: 4, username: 'dev', password: 'pw' });
    let acked = false;
    const p = c.publishAsync('x/y', 'hello', { qos: 1 }).then(() => (acked = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toEqual(['x/y']);
    expect(acked).toBe(false);
    release();
    await p;
    expect(acked).toBe(true);
    await c.endAsync();
  });

  it('a refused publish closes the connection; wrong credentials are refused; the internal log-in is not', async () => {
    broker.setAuth({ authenticate: async (_c, username) => username === 'dev', authorizePublish: async () => false });
    const c = await mqtt.connectAsync(url, { protocolVersion: 4, username: 'dev', reconnectPeriod: 0 });
    const closed = new Promise<void>((r) => c.once('close', () => r()));
    c.publish('x/y', 'nope', { qos: 1 });
    await closed;
    c.end(true);
    await expect(mqtt.connectAsync(url, { protocolVersion: 4, username: 'intruder', reconnectPeriod: 0 })).rejects.toThrow();
    const internal = await mqtt.connectAsync(url, { protocolVersion: 4, ...broker.internalCredentials, reconnectPeriod: 0 });
    await internal.publishAsync('anything/at/all', 'ok', { qos: 1 });
    await internal.endAsync();
  });
});
