// Ingest on the embedded broker: devices log in with their code and secret; each message
// is ingested inside aedes' authorizePublish, whose answer the PUBACK waits for, so a
// QoS 1 message is acknowledged only after what it caused is committed. A failure (the
// database is down) drops the connection and the device sends again.
import type { Client } from 'aedes';
import type { EmbeddedBroker } from '../../../core/mqtt/index.js';
import type { Logger } from 'pino';
import { sameSecret } from '../domain/signature.js';
import type { KeyRing } from './keys.js';
import type { DeviceRef, SensingRegistry } from './registry.js';
import type { Ingestor } from './pipeline.js';

/** "code" in the default tenant, or "tenant:code". */
export function parseUsername(username: string, defaultTenant: string): { tenantId: string; code: string } {
  const i = username.indexOf(':');
  return i > 0 ? { tenantId: username.slice(0, i), code: username.slice(i + 1) } : { tenantId: defaultTenant, code: username };
}

export function installEmbeddedIngest(broker: EmbeddedBroker, deps: { registry: SensingRegistry; keys: KeyRing; ingestor: Ingestor; defaultTenant: string; nativePrefix: string; log: Logger }): void {
  const devicesOf = new WeakMap<Client, DeviceRef>();
  const { registry, keys, ingestor } = deps;
  /** A device's own topics: its Frigate prefix, or {prefix}/{tenant}/{code}/… */
  const ownsTopic = (device: DeviceRef, topic: string): boolean => {
    if (device.topicPrefix) return topic === `${device.topicPrefix}/#` || topic.startsWith(`${device.topicPrefix}/`);
    const own = `${deps.nativePrefix}/${device.tenantId}/${device.code}/`;
    return topic.startsWith(own) || topic === `${own}#`;
  };
  broker.setAuth({
    async authenticate(client, username, password) {
      if (!username || !password) return false;
      const { tenantId, code } = parseUsername(username, deps.defaultTenant);
      const device = registry.device(tenantId, code);
      if (!device || !device.enabled) return false;
      await keys.load(tenantId);
      if (!sameSecret(password.toString('utf8'), keys.secret(device))) return false;
      devicesOf.set(client, device);
      return true;
    },
    async authorizePublish(client, topic, packet) {
      const known = devicesOf.get(client);
      // the registry may have changed since the log-in (rotation, disabling)
      const device = known ? registry.deviceById(known.id) : undefined;
      if (!device || !device.enabled) return false;
      const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
      try {
        await ingestor.mqtt(topic, payload, device);
        if (!ownsTopic(device, topic)) {
          // Recorded above as a dead letter (not_authorized) and acknowledged, but never
          // delivered or retained where it was sent (another device's, another tenant's,
          // $SYS): it goes on under a topic no device may subscribe to (ADR 1010).
          packet.topic = `$jiedao/refused/${device.id}`;
          packet.retain = false;
        }
        return true;
      } catch (err) {
        deps.log.warn({ err, device: device.code }, 'sensing: message not committed; the device will send it again');
        throw err;
      }
    },
    authorizeSubscribe(client, topic) {
      const device = devicesOf.get(client);
      if (!device) return false;
      return ownsTopic(device, topic);
    },
  });
}
