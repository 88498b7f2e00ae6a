// A QoS 1 subscriber that acknowledges each message only when the application says so,
// without holding up the messages behind it. Used to ingest from an external broker
// (Mosquitto, EMQX): the PUBACK goes out after what the message caused is committed, and
// an unacknowledged message is sent again by the broker after a reconnect.
//
// Why not mqtt.js: its client handles incoming packets one at a time and sends the PUBACK
// of a QoS 1 message before reading the next (customHandleAcks and handleMessage both
// block the stream), so a deferred acknowledgement would allow one message per commit.
// This client speaks the protocol through mqtt-packet (the parser/serializer mqtt.js and
// aedes use) and keeps only the session rules it needs: CONNECT with a persistent
// session, SUBSCRIBE, PUBACK in arrival order, keep-alive and reconnect. See ADR 0401.
import net from 'node:net';
import tls from 'node:tls';
import mqttPacket, { type IConnackPacket, type IPublishPacket, type Packet } from 'mqtt-packet';

export interface ConsumedMessage {
  topic: string;
  payload: Buffer;
  qos: 0 | 1 | 2;
  dup: boolean;
  retain: boolean;
}

export interface ConsumerOptions {
  url: string;
  clientId: string;
  /** topic filters subscribed at QoS 1 after every (re)connect */
  subscriptions: string[];
  /** 5 (default) lets the broker send up to receiveMaximum unacknowledged messages;
   * a broker that refuses 5 is retried with 3.1.1 (4) */
  protocolVersion?: 4 | 5;
  receiveMaximum?: number;
  sessionExpirySeconds?: number;
  keepaliveSeconds?: number;
  /** call ack() once the message is safely handled; never calling it leaves the message
   * with the broker, which sends it again on the next connection */
  onMessage(message: ConsumedMessage, ack: () => void): void;
  onError?(err: Error): void;
  onConnect?(sessionPresent: boolean): void;
}

/** how long after losing the broker a node retries every 100 ms before backing off */
const FAST_RETRY_MS = 10_000;

interface Pending {
  messageId: number;
  done: boolean;
}

export class MqttConsumer {
  private socket?: net.Socket;
  private generation = 0;
  private pending: Pending[] = [];
  private closed = false;
  private version: 4 | 5;
  private reconnectTimer?: NodeJS.Timeout;
  private pingTimer?: NodeJS.Timeout;
  private lastRx = 0;
  private backoffMs = 500;
  /** when the connection was lost (cleared on CONNACK): fast retries for a while after it */
  private lostAt?: number;
  private nextMessageId = 1;
  private subscriptions: string[];
  private firstConnect?: { resolve(): void; reject(e: Error): void };
  connected = false;

  constructor(private readonly opts: ConsumerOptions) {
    this.version = opts.protocolVersion ?? 5;
    this.subscriptions = [...opts.subscriptions];
  }

  /** Connects and subscribes; resolves after the first SUBACK (or rejects within `timeoutMs`). */
  start(timeoutMs = 10_000): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => {
        this.firstConnect = undefined;
        reject(new Error(`MQTT: no connection to ${redactUrl(this.opts.url)} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.firstConnect = {
        resolve: () => {
          clearTimeout(t);
          resolve();
        },
        reject: (e) => {
          clearTimeout(t);
          reject(e);
        },
      };
      this.connect();
    });
  }

  /** Adds topic filters (subscribed now when connected, and after every reconnect). */
  subscribe(filters: string[]): void {
    const fresh = filters.filter((f) => !this.subscriptions.includes(f));
    if (fresh.length === 0) return;
    this.subscriptions.push(...fresh);
    if (this.connected) this.send({ cmd: 'subscribe', messageId: this.messageId(), subscriptions: fresh.map((topic) => ({ topic, qos: 1 })) });
  }

  unsubscribe(filters: string[]): void {
    const gone = filters.filter((f) => this.subscriptions.includes(f));
    if (gone.length === 0) return;
    this.subscriptions = this.subscriptions.filter((f) => !gone.includes(f));
    if (this.connected) this.send({ cmd: 'unsubscribe', messageId: this.messageId(), unsubscriptions: gone });
  }

  /** Drops the connection and connects again: the broker then sends every message that
   * was not acknowledged (used when handling failed, e.g. the database is down). */
  restart(): void {
    this.socket?.destroy();
  }

  /** Acknowledged-so-far messages stay acknowledged; the rest stay with the broker. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.pingTimer);
    const s = this.socket;
    if (!s || s.destroyed) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        s.destroy();
        resolve();
      }, 1000);
      s.once('close', () => {
        clearTimeout(t);
        resolve();
      });
      if (this.connected) s.end(mqttPacket.generate({ cmd: 'disconnect' } as Packet, { protocolVersion: this.version }));
      else s.destroy();
    });
  }

  private connect(): void {
    if (this.closed) return;
    const gen = ++this.generation;
    this.pending = [];
    this.connected = false;
    const u = new URL(this.opts.url);
    const port = Number(u.port) || (u.protocol === 'mqtts:' ? 8883 : 1883);
    const host = u.hostname;
    const socket = u.protocol === 'mqtts:' ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
    socket.setNoDelay(true);
    this.socket = socket;
    const parser = mqttPacket.parser({ protocolVersion: this.version });
    parser.on('packet', (p: Packet) => {
      if (gen === this.generation) this.onPacket(p, gen);
    });
    parser.on('error', (e: Error) => {
      this.opts.onError?.(e);
      socket.destroy();
    });
    socket.on('data', (buf) => {
      this.lastRx = Date.now();
      parser.parse(buf);
    });
    socket.on('error', (e) => this.opts.onError?.(e));
    socket.on('close', () => {
      if (gen !== this.generation) return;
      const wasConnected = this.connected;
      this.connected = false;
      clearInterval(this.pingTimer);
      if (this.closed) return;
      // a v5 attempt that was cut before CONNACK: the broker may only speak 3.1.1
      if (!wasConnected && this.version === 5 && this.opts.protocolVersion !== 5) this.version = 4;
      // On a broker restart Mosquitto forgets shared subscriptions (ADR 1001): what devices
      // publish before a node subscribes again finds nobody. So retry every 100 ms for the
      // first seconds of an outage (devices usually retry every second or so, and a node
      // that is back first loses nothing), then back off, capped low.
      this.lostAt ??= Date.now();
      const delay = Date.now() - this.lostAt < FAST_RETRY_MS ? 100 : this.backoffMs;
      if (delay !== 100) this.backoffMs = Math.min(this.backoffMs * 2, 2_000);
      this.reconnectTimer = setTimeout(() => this.connect(), delay);
    });
    const onReady = () => {
      const keepalive = this.opts.keepaliveSeconds ?? 30;
      this.send({
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: this.version,
        clientId: this.opts.clientId,
        clean: false,
        keepalive,
        username: u.username ? decodeURIComponent(u.username) : undefined,
        password: u.password ? Buffer.from(decodeURIComponent(u.password)) : undefined,
        properties: this.version === 5 ? { receiveMaximum: this.opts.receiveMaximum ?? 1000, sessionExpiryInterval: this.opts.sessionExpirySeconds ?? 86_400 } : undefined,
      } as Packet);
    };
    if (u.protocol === 'mqtts:') socket.once('secureConnect', onReady);
    else socket.once('connect', onReady);
  }

  private onPacket(p: Packet, gen: number): void {
    switch (p.cmd) {
      case 'connack':
        return this.onConnack(p as IConnackPacket);
      case 'publish':
        return this.onPublish(p as IPublishPacket, gen);
      case 'suback':
        if (this.firstConnect) {
          this.firstConnect.resolve();
          this.firstConnect = undefined;
        }
        return;
      case 'disconnect':
        this.socket?.destroy();
        return;
      default:
        return;
    }
  }

  private onConnack(p: IConnackPacket): void {
    const code = this.version === 5 ? (p.reasonCode ?? 0) : (p.returnCode ?? 0);
    if (code !== 0) {
      // 3.1.1 "unacceptable protocol version" is 1; v5 "unsupported protocol version" is 132
      if (this.version === 5 && this.opts.protocolVersion !== 5 && (code === 1 || code === 132)) {
        this.version = 4;
        this.socket?.destroy();
        return;
      }
      const err = new Error(`MQTT: broker refused the connection (code ${code})`);
      this.opts.onError?.(err);
      if (this.firstConnect && (code === 4 || code === 5 || code === 134 || code === 135)) {
        // bad credentials do not get better by retrying
        this.firstConnect.reject(err);
        this.firstConnect = undefined;
        this.closed = true;
      }
      this.socket?.destroy();
      return;
    }
    this.connected = true;
    this.backoffMs = 500;
    this.lostAt = undefined;
    this.opts.onConnect?.(!!p.sessionPresent);
    if (this.subscriptions.length) this.send({ cmd: 'subscribe', messageId: this.messageId(), subscriptions: this.subscriptions.map((topic) => ({ topic, qos: 1 })) } as Packet);
    else if (this.firstConnect) {
      this.firstConnect.resolve();
      this.firstConnect = undefined;
    }
    const keepaliveMs = (this.opts.keepaliveSeconds ?? 30) * 1000;
    clearInterval(this.pingTimer);
    this.lastRx = Date.now();
    this.pingTimer = setInterval(() => {
      if (Date.now() - this.lastRx > keepaliveMs * 1.5) {
        this.socket?.destroy();
        return;
      }
      this.send({ cmd: 'pingreq' } as Packet);
    }, keepaliveMs / 2);
    this.pingTimer.unref();
  }

  private onPublish(p: IPublishPacket, gen: number): void {
    const message: ConsumedMessage = { topic: p.topic, payload: typeof p.payload === 'string' ? Buffer.from(p.payload) : p.payload, qos: p.qos, dup: p.dup, retain: p.retain };
    if (p.qos === 0 || p.messageId === undefined) {
      this.opts.onMessage(message, () => undefined);
      return;
    }
    const entry: Pending = { messageId: p.messageId, done: false };
    this.pending.push(entry);
    let acked = false;
    this.opts.onMessage(message, () => {
      if (acked) return;
      acked = true;
      entry.done = true;
      if (gen === this.generation) this.flushAcks();
    });
  }

  /** PUBACKs go out in the order the messages arrived (MQTT 4.6). */
  private flushAcks(): void {
    let i = 0;
    const out: Buffer[] = [];
    while (i < this.pending.length && this.pending[i]!.done) {
      out.push(mqttPacket.generate({ cmd: 'puback', messageId: this.pending[i]!.messageId } as Packet, { protocolVersion: this.version }));
      i++;
    }
    if (i === 0) return;
    this.pending.splice(0, i);
    // one write for the run of acknowledgements a commit released
    if (this.socket && !this.socket.destroyed) this.socket.write(out.length === 1 ? out[0]! : Buffer.concat(out));
  }

  private send(p: Packet): void {
    const s = this.socket;
    if (!s || s.destroyed) return;
    s.write(mqttPacket.generate(p, { protocolVersion: this.version }));
  }

  private messageId(): number {
    const id = this.nextMessageId;
    this.nextMessageId = id >= 65535 ? 1 : id + 1;
    return id;
  }
}

export const redactUrl = (url: string) => url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
