// The platform's own MQTT connection (to the embedded broker or to MQTT_URL).
// Persistent session and QoS 1, so messages published while it was away are delivered
// when it returns.
import mqtt, { type MqttClient } from 'mqtt';

export interface MqttConnection {
  client: MqttClient;
  url: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function connectMqtt(url: string, clientId: string, opts: { username?: string; password?: string } = {}): Promise<MqttConnection> {
  const client = mqtt.connect(url, {
    clientId,
    clean: false,
    // MQTT 3.1.1: what aedes, Mosquitto, EMQX and Frigate all speak
    protocolVersion: 4,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
    username: opts.username,
    password: opts.password,
  });
  client.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`MQTT_URL: cannot connect to ${redact(url)} within 10 s`)), 10_000);
    client.once('connect', () => {
      clearTimeout(t);
      resolve();
    });
  });
  return {
    client,
    url,
    async ping() {
      if (!client.connected) throw new Error('disconnected');
    },
    close: () => new Promise<void>((resolve) => client.end(false, {}, () => resolve())),
  };
}

export const redact = (url: string) => url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
