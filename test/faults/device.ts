// A device fleet as the fault scripts need it: publishes numbered alarms at QoS 1 at a
// steady pace, keeps every alarm until the broker's PUBACK and sends whatever is still
// unacknowledged again after a reconnect (a broker or network outage).
import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';

export class Device {
  readonly unacked = new Map<number, string>();
  /** alarms the broker acknowledged: these must all be stored */
  readonly acked = new Set<number>();
  /** when each PUBACK arrived (ms since epoch) */
  readonly ackedAt = new Map<number, number>();
  sent = 0;
  private client?: MqttClient;
  private finished = false;

  constructor(
    private readonly url: string,
    private readonly topic: string,
    private readonly tag: string,
  ) {}

  async connect(): Promise<void> {
    for (;;) {
      try {
        const c = await mqtt.connectAsync(this.url, { protocolVersion: 4, clientId: `fault-dev-${randomBytes(4).toString('hex')}`, reconnectPeriod: 0, connectTimeout: 2000 });
        c.on('error', () => undefined);
        c.once('close', () => {
          if (this.client === c) this.client = undefined;
          if (!this.finished) setTimeout(() => void this.connect(), 300);
        });
        this.client = c;
        for (const i of [...this.unacked.keys()]) this.sendOne(i);
        return;
      } catch {
        if (this.finished) return;
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  }

  private sendOne(i: number): void {
    const c = this.client;
    if (!c?.connected) return;
    c.publish(this.topic, this.unacked.get(i)!, { qos: 1 }, (err) => {
      if (!err && this.unacked.delete(i)) {
        this.acked.add(i);
        this.ackedAt.set(i, Date.now());
      }
    });
  }

  /** `n` alarms, `perTick` every `tickMs`, whatever happens to the broker meanwhile */
  async publish(n: number, perTick = 50, tickMs = 50): Promise<void> {
    for (let i = 0; i < n; i++) {
      this.unacked.set(i, JSON.stringify({ id: `${this.tag}${i}`, type: 'fault_test', ts: new Date().toISOString(), value: i }));
      this.sendOne(i);
      this.sent++;
      if (i % perTick === perTick - 1) await new Promise((r) => setTimeout(r, tickMs));
    }
  }

  async close(): Promise<void> {
    this.finished = true;
    await this.client?.endAsync();
  }
}
