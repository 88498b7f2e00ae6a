// Every incoming message, from whichever path (embedded broker, external broker, HTTP),
// goes through here: routed by topic, checked against the registry, rate-limited per
// device, parsed, and handed to the group committer. What cannot be ingested becomes a
// dead letter with its reason; nothing here throws for a bad message, so one bad device
// never stops the others.
import { Counter, Gauge, Histogram } from 'prom-client';
import type { AppContext } from '../../../core/context.js';
import { GroupCommitter } from './groupCommit.js';
import { writeBatch } from './store.js';
import type { SceneDeps } from './sceneWriter.js';
import type { DeviceRef, SensingRegistry } from './registry.js';
import { TokenBuckets } from '../domain/rateLimit.js';
import { normaliseAlarm, normaliseTelemetry, parseJson } from '../domain/native.js';
import { frigateTopic, parseAvailable, parseCount, parseFrigateEvent, parseFrigateReview } from '../domain/frigate.js';
import type { AlarmItem, DeadItem, Item, Outcome, Source } from './items.js';

/** Larger messages are dead-lettered (Frigate snapshots are passed through unread). */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
/** Dead letters kept per device and second when it floods; beyond that only counted. */
const DEAD_LETTERS_PER_S = 5;

export type IngestResult = Outcome | 'pass' | 'dropped';

export interface IngestOptions {
  nativePrefix: string;
  maxBatch?: number;
  concurrency?: number;
  minIntervalMs?: number;
  /** fault injection for the crash test: hold each MQTT acknowledgement this long after
   * the commit, so a kill finds committed but unacknowledged messages (redelivered) */
  ackDelayMs?: number;
}

export class Ingestor {
  readonly committer: GroupCommitter<Item, Outcome>;
  /** device id → last time a message was seen; written out by the sensing.devices.seen sweep */
  readonly lastSeen = new Map<number, number>();
  private readonly buckets = new TokenBuckets();
  private readonly deadBudget = new TokenBuckets();
  private readonly counter: Counter;
  private readonly deadCounter: Counter;

  constructor(
    private readonly ctx: AppContext,
    private readonly registry: SensingRegistry,
    deps: SceneDeps & { ensureCalendars(tenantIds: string[]): Promise<void> },
    private readonly opts: IngestOptions,
  ) {
    const m = ctx.metrics;
    this.counter = new Counter({ name: 'sensing_messages_total', help: 'Device messages by source and outcome', labelNames: ['source', 'outcome'], registers: [m] });
    this.deadCounter = new Counter({ name: 'sensing_dead_letters_total', help: 'Messages not ingested, by reason (dropped ones included)', labelNames: ['reason'], registers: [m] });
    const batchSize = new Histogram({ name: 'sensing_batch_size', help: 'Messages per group commit', buckets: [1, 5, 20, 50, 100, 250, 500, 1000, 2000], registers: [m] });
    const commitTime = new Histogram({ name: 'sensing_commit_seconds', help: 'Duration of one group commit', buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [m] });
    this.committer = new GroupCommitter<Item, Outcome>({
      write: (items, gate) => writeBatch(ctx.db, deps, items, gate),
      onPoison: async (item, err) => {
        ctx.log.error({ err }, 'sensing: the database refused one message; dead-lettered');
        const dead = toDead(item, 'store_failed', String((err as Error)?.message ?? err).slice(0, 300));
        await writeBatch(ctx.db, deps, [dead]);
        this.deadCounter.inc({ reason: 'store_failed' });
        return 'dead';
      },
      maxBatch: opts.maxBatch ?? 1000,
      concurrency: opts.concurrency ?? 1,
      minIntervalMs: opts.minIntervalMs ?? 0,
      onBatch: (n, ms) => {
        batchSize.observe(n);
        commitTime.observe(ms / 1000);
      },
    });
    const committer = this.committer;
    new Gauge({
      name: 'sensing_queue_depth',
      help: 'Messages waiting for a group commit',
      registers: [m],
      collect() {
        this.set(committer.depth);
      },
    });
  }

  /** A message from MQTT. `from` is the device the embedded broker authenticated (an
   * external broker's access control is its own). Resolves once committed. */
  async mqtt(topic: string, payload: Buffer, from?: DeviceRef): Promise<IngestResult> {
    const item = this.classify(topic, payload, from, this.ctx.clock.now().getTime());
    const result = await this.submit(item, 'mqtt');
    if (this.opts.ackDelayMs) await new Promise((r) => setTimeout(r, this.opts.ackDelayMs));
    return result;
  }

  /** Alarms posted over HTTP by an authenticated device: the outcome of each, with the
   * reason of a refused one. */
  async http(device: DeviceRef, alarms: unknown[]): Promise<{ outcome: IngestResult; reason?: string; detail?: string }[]> {
    const now = this.ctx.clock.now().getTime();
    this.seen(device, now);
    return Promise.all(
      alarms.map(async (body) => {
        const limited = this.limit(device, now, 'http', null, body);
        if (limited) return { outcome: await this.submit(limited, 'http'), reason: 'rate_limited', detail: `more than ${device.rateLimit} messages per second` };
        const a = normaliseAlarm(body, now);
        if (!a.ok) return { outcome: await this.submit(dead(device.tenantId, 'http', null, device.code, a.reason, a.detail, JSON.stringify(body) ?? ''), 'http'), reason: a.reason, detail: a.detail };
        const v = a.value;
        const item: AlarmItem = { t: 'alarm', tenantId: device.tenantId, device, key: v.key, kind: 'alarm', type: v.type, state: v.state, source: 'http', at: v.at, data: v.data, feed: { kind: 'device', cleared: v.state === 'cleared', value: v.value, snapshot: v.snapshot } };
        return { outcome: await this.submit(item, 'http') };
      }),
    );
  }

  /** A refusal decided before parsing (bad signature, replay): recorded like any other. */
  async refuse(tenantId: string, source: Source, deviceCode: string | null, reason: string, detail: string, payload: Buffer | string): Promise<void> {
    await this.submit(dead(tenantId, source, null, deviceCode, reason, detail, payload), source);
  }

  private async submit(item: Item | 'pass' | 'dropped', source: Source): Promise<IngestResult> {
    if (item === 'pass' || item === 'dropped') {
      this.counter.inc({ source, outcome: item });
      return item;
    }
    if (item.t === 'dead') this.deadCounter.inc({ reason: item.reason });
    const outcome = await this.committer.submit(item);
    this.counter.inc({ source, outcome });
    return outcome;
  }

  private seen(d: DeviceRef, now: number): void {
    const prev = this.lastSeen.get(d.id);
    if (prev === undefined || now > prev) this.lastSeen.set(d.id, now);
  }

  /** Rate limit: a dead letter while the device's budget lasts, then only a count. */
  private limit(d: DeviceRef, now: number, source: Source, topic: string | null, payload: unknown): DeadItem | 'dropped' | null {
    if (this.buckets.take(d.id, d.rateLimit, now)) return null;
    if (!this.deadBudget.take(d.id, DEAD_LETTERS_PER_S, now)) {
      this.deadCounter.inc({ reason: 'rate_limited' });
      return 'dropped';
    }
    const body = Buffer.isBuffer(payload) ? payload : (JSON.stringify(payload) ?? '');
    return dead(d.tenantId, source, topic, d.code, 'rate_limited', `more than ${d.rateLimit} messages per second`, body);
  }

  classify(topic: string, payload: Buffer, from: DeviceRef | undefined, now: number): Item | 'pass' | 'dropped' {
    const parts = topic.split('/');
    const fallbackTenant = from?.tenantId ?? this.ctx.config.tenant;
    if (parts[0] === this.opts.nativePrefix) {
      if (parts.length !== 4 || (parts[3] !== 'alarm' && parts[3] !== 'telemetry')) {
        return dead(fallbackTenant, 'mqtt', topic, from?.code ?? null, 'unknown_topic', `expected ${this.opts.nativePrefix}/{tenant}/{device}/alarm or …/telemetry`, payload);
      }
      const device = this.registry.device(parts[1]!, parts[2]!);
      if (!device) return dead(this.registry.tenantIds().includes(parts[1]!) ? parts[1]! : fallbackTenant, 'mqtt', topic, parts[2]!, 'unknown_device', `no device ${parts[2]} in ${parts[1]}`, payload);
      if (from && from.id !== device.id) return dead(from.tenantId, 'mqtt', topic, from.code, 'not_authorized', `device ${from.code} may not publish for ${device.code}`, payload);
      if (!device.enabled) return dead(device.tenantId, 'mqtt', topic, device.code, 'device_disabled', 'the device is disabled', payload);
      this.seen(device, now);
      const limited = this.limit(device, now, 'mqtt', topic, payload);
      if (limited) return limited;
      if (payload.length > MAX_PAYLOAD_BYTES) return dead(device.tenantId, 'mqtt', topic, device.code, 'oversized', `${payload.length} bytes; at most ${MAX_PAYLOAD_BYTES}`, payload);
      const json = parseJson(payload);
      if (!json.ok) return dead(device.tenantId, 'mqtt', topic, device.code, json.reason, json.detail, payload);
      if (parts[3] === 'telemetry') {
        const t = normaliseTelemetry(json.value, device.kind, now);
        if (!t.ok) return dead(device.tenantId, 'mqtt', topic, device.code, t.reason, t.detail, payload);
        return { t: 'telemetry', tenantId: device.tenantId, device, at: t.value.at, values: t.value.values, activity: t.value.activity };
      }
      const a = normaliseAlarm(json.value, now);
      if (!a.ok) return dead(device.tenantId, 'mqtt', topic, device.code, a.reason, a.detail, payload);
      const v = a.value;
      return { t: 'alarm', tenantId: device.tenantId, device, key: v.key, kind: 'alarm', type: v.type, state: v.state, source: 'mqtt', at: v.at, data: v.data, feed: { kind: 'device', cleared: v.state === 'cleared', value: v.value, snapshot: v.snapshot } };
    }

    const nvr = this.registry.nvr(parts[0]!);
    if (!nvr) {
      // an external broker only sends what we subscribed to; on the embedded broker a
      // device publishing outside its own topics is refused
      return from ? dead(from.tenantId, 'mqtt', topic, from.code, 'not_authorized', 'topic outside the device’s own', payload) : 'pass';
    }
    if (from && from.id !== nvr.id) return dead(from.tenantId, 'mqtt', topic, from.code, 'not_authorized', `device ${from.code} may not publish as Frigate server ${nvr.code}`, payload);
    const ft = frigateTopic(parts.slice(1));
    if (ft.sub === 'other') return 'pass';
    this.seen(nvr, now);
    if (ft.sub === 'count') {
      const zone = this.registry.zone(nvr.id, ft.name);
      // counts of zones nobody registered (and per-camera counts) are not watched
      if (!zone || !zone.labels.includes(ft.label)) return 'pass';
      const c = parseCount(payload);
      if (!c.ok) return dead(nvr.tenantId, 'mqtt', topic, nvr.code, c.reason, c.detail, payload);
      return { t: 'count', tenantId: nvr.tenantId, zoneId: zone.id, label: ft.label, count: c.value, at: now };
    }
    if (ft.sub === 'available') {
      const a = parseAvailable(payload);
      if (!a.ok) return dead(nvr.tenantId, 'mqtt', topic, nvr.code, a.reason, a.detail, payload);
      return { t: 'available', tenantId: nvr.tenantId, nvr, online: a.value, at: now };
    }
    const limited = this.limit(nvr, now, 'mqtt', topic, payload);
    if (limited) return limited;
    if (payload.length > MAX_PAYLOAD_BYTES) return dead(nvr.tenantId, 'mqtt', topic, nvr.code, 'oversized', `${payload.length} bytes; at most ${MAX_PAYLOAD_BYTES}`, payload);
    const json = parseJson(payload);
    if (!json.ok) return dead(nvr.tenantId, 'mqtt', topic, nvr.code, json.reason, json.detail, payload);
    return ft.sub === 'events' ? this.frigateEvent(nvr, topic, json.value, payload, now) : this.frigateReview(nvr, topic, json.value, payload, now);
  }

  /** The registered camera a Frigate message is about (seen now), or its dead letter. */
  private cameraOf(nvr: DeviceRef, name: string, topic: string, payload: Buffer, now: number): DeviceRef | DeadItem {
    const camera = this.registry.camera(nvr.id, name);
    if (!camera) return dead(nvr.tenantId, 'mqtt', topic, nvr.code, 'unknown_camera', `Frigate camera "${name}" is not registered under ${nvr.code}`, payload);
    this.seen(camera, now);
    return camera;
  }

  private snapshotRef(nvr: DeviceRef, eventId: string): string {
    const base = typeof nvr.attributes.baseUrl === 'string' ? nvr.attributes.baseUrl.replace(/\/$/, '') : null;
    return base ? `${base}/api/events/${encodeURIComponent(eventId)}/snapshot.jpg` : `frigate:${nvr.topicPrefix}:${eventId}`;
  }

  private frigateEvent(nvr: DeviceRef, topic: string, json: unknown, payload: Buffer, now: number): Item {
    const p = parseFrigateEvent(json, payload);
    if (!p.ok) return dead(nvr.tenantId, 'mqtt', topic, nvr.code, p.reason, p.detail, payload);
    const e = p.value;
    const camera = this.cameraOf(nvr, e.camera, topic, payload, now);
    if ('t' in camera) return camera;
    const snapshot = e.hasSnapshot ? this.snapshotRef(nvr, e.id) : null;
    const present = e.type !== 'end' && e.endTime === null && !e.falsePositive;
    const item: AlarmItem = {
      t: 'alarm',
      tenantId: nvr.tenantId,
      device: camera,
      key: e.key,
      kind: 'frigate_event',
      type: e.label,
      state: e.type,
      source: 'mqtt',
      at: now,
      data: { eventId: e.id, camera: e.camera, label: e.label, subLabel: e.subLabel, score: e.score, topScore: e.topScore, zones: e.currentZones, enteredZones: e.enteredZones, stationary: e.stationary, startTime: e.startTime, endTime: e.endTime, falsePositive: e.falsePositive, snapshot },
      feed: { kind: 'objects', objects: { nvrId: nvr.id, objectId: e.id, labels: [e.label], zones: e.currentZones, present, ended: !present, since: e.startTime, snapshot } },
    };
    return item;
  }

  private frigateReview(nvr: DeviceRef, topic: string, json: unknown, payload: Buffer, now: number): Item {
    const p = parseFrigateReview(json, payload);
    if (!p.ok) return dead(nvr.tenantId, 'mqtt', topic, nvr.code, p.reason, p.detail, payload);
    const r = p.value;
    const camera = this.cameraOf(nvr, r.camera, topic, payload, now);
    if ('t' in camera) return camera;
    const present = r.type !== 'end' && r.endTime === null;
    return {
      t: 'alarm',
      tenantId: nvr.tenantId,
      device: camera,
      key: r.key,
      kind: 'frigate_review',
      type: r.severity,
      state: r.type,
      source: 'mqtt',
      at: now,
      data: { reviewId: r.id, camera: r.camera, severity: r.severity, objects: r.objects, zones: r.zones, detections: r.detections, startTime: r.startTime, endTime: r.endTime },
      feed: { kind: 'objects', objects: { nvrId: nvr.id, objectId: `review:${r.id}`, labels: r.objects, zones: r.zones, present, ended: !present, since: r.startTime, snapshot: null } },
    };
  }
}

export function dead(tenantId: string, source: Source, topic: string | null, deviceCode: string | null, reason: string, detail: string, payload: Buffer | string): DeadItem {
  return { t: 'dead', tenantId, source, topic, deviceCode, reason, detail, payload };
}

function toDead(item: Item, reason: string, detail: string): DeadItem {
  if (item.t === 'dead') return { ...item, reason, detail: `${item.reason}: ${detail}` };
  const code = item.t === 'alarm' || item.t === 'telemetry' ? item.device.code : item.t === 'available' ? item.nvr.code : null;
  return dead(item.tenantId, item.t === 'alarm' ? item.source : 'mqtt', null, code, reason, detail, JSON.stringify({ ...item, device: undefined, nvr: undefined }));
}
