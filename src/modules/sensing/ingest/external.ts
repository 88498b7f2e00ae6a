// Ingest from an external broker (MQTT_URL: Mosquitto, EMQX). Each node opens several
// sessions in the shared subscription $share/{group}/… so nodes (and sessions) split the
// load; sessions are persistent (named after NODE_ID) so a restarted node gets back what
// its broker kept for it. A message is acknowledged only after its batch committed.
//
// Frigate's messages (zone counts are levels; an event's new/update/end must not be
// reordered) go to one session per node, in a share group of their own; Frigate's
// availability, which is retained and not delivered to shared subscriptions, is
// subscribed to directly. ADR 0401.
import type { Logger } from 'pino';
import { MqttConsumer } from '../../../core/mqtt/index.js';
import type { SensingRegistry } from './registry.js';
import type { Ingestor } from './pipeline.js';

export interface ExternalIngestOptions {
  url: string;
  nodeId: string;
  group: string;
  nativePrefix: string;
  connections: number;
  sessionExpirySeconds: number;
}

export function subscriptionsFor(opts: Pick<ExternalIngestOptions, 'group' | 'nativePrefix'>, prefixes: string[], index: number): string[] {
  const g = opts.group;
  const out = [`$share/${g}/${opts.nativePrefix}/+/+/alarm`, `$share/${g}/${opts.nativePrefix}/+/+/telemetry`];
  if (index === 0) for (const p of prefixes) out.push(`$share/${g}-frigate/${p}/events`, `$share/${g}-frigate/${p}/reviews`, `$share/${g}-frigate/${p}/+/+`, `${p}/available`);
  return out;
}

export class ExternalIngest {
  private readonly consumers: MqttConsumer[] = [];
  private prefixes: string[] = [];
  private unlisten?: () => void;

  constructor(
    private readonly opts: ExternalIngestOptions,
    private readonly registry: SensingRegistry,
    private readonly ingestor: Ingestor,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    this.prefixes = this.registry.nvrPrefixes().sort();
    for (let i = 0; i < this.opts.connections; i++) {
      const consumer: MqttConsumer = new MqttConsumer({
        url: this.opts.url,
        clientId: `${this.opts.group}-${this.opts.nodeId}-${i}`,
        subscriptions: subscriptionsFor(this.opts, this.prefixes, i),
        protocolVersion: 5,
        receiveMaximum: 65_535,
        sessionExpirySeconds: this.opts.sessionExpirySeconds,
        onMessage: (m, ack) => {
          this.ingestor.mqtt(m.topic, m.payload).then(ack, (err: unknown) => {
            this.log.warn({ err }, 'sensing: message not committed; reconnecting so the broker sends it again');
            consumer.restart();
          });
        },
        onError: (err) => this.log.debug({ err }, 'sensing: MQTT ingest connection error'),
      });
      this.consumers.push(consumer);
    }
    await Promise.all(this.consumers.map((c) => c.start()));
    this.unlisten = this.registry.onChange(() => this.resubscribe());
  }

  /** A Frigate server added or removed: follow its topics. */
  private resubscribe(): void {
    const next = this.registry.nvrPrefixes().sort();
    if (next.join('\u0000') === this.prefixes.join('\u0000')) return;
    const before = this.prefixes;
    this.prefixes = next;
    this.consumers.forEach((c, i) => {
      const old = subscriptionsFor(this.opts, before, i);
      const now = subscriptionsFor(this.opts, next, i);
      c.unsubscribe(old.filter((f) => !now.includes(f)));
      c.subscribe(now.filter((f) => !old.includes(f)));
    });
  }

  /** Sessions connected now. */
  connected(): number {
    return this.consumers.filter((c) => c.connected).length;
  }

  async stop(): Promise<void> {
    this.unlisten?.();
    await Promise.all(this.consumers.map((c) => c.close()));
  }
}
