// One group-committed batch of incoming messages in one transaction: alarms (a resend is
// recognised by its key and changes nothing), dead letters, telemetry, zone counts,
// Frigate availability, the scene inputs all of that causes, and the domain events, so a
// message is acknowledged only once everything it caused is durable.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../core/db/index.js';
import { emit, type NewEvent } from '../../../core/bus/index.js';
import { OPERATOR_ROLES } from '../../../core/auth/index.js';
import type { DeviceAlarmParams, PresenceParams, ZoneOccupancyParams } from '../domain/types.js';
import { subjectKey } from '../domain/types.js';
import { applySceneInputs, lockSceneStates, type SceneDeps, type ScenePush } from './sceneWriter.js';
import type { OrderGate } from './groupCommit.js';
import { excerpt, type AlarmItem, type AvailableItem, type CountItem, type DeadItem, type Item, type Outcome, type TelemetryItem } from './items.js';
import { queryRows } from './sql.js';

const OPS_SCOPE = { roles: ['admin', ...OPERATOR_ROLES] };
const iso = (ms: number) => new Date(ms).toISOString();

export async function writeBatch(db: Db, deps: SceneDeps & { ensureCalendars(tenantIds: string[]): Promise<void> }, items: Item[], gate?: OrderGate): Promise<Outcome[]> {
  const outcomes: Outcome[] = items.map((i) => (i.t === 'dead' ? 'dead' : 'noted'));
  await deps.ensureCalendars([...new Set(items.map((i) => i.tenantId))]);
  // what each message would feed to scenes, in arrival order (alarms that turn out to be
  // resends are dropped after the insert; availability only counts when it changed)
  const candidates: { item: Item; push: ScenePush }[] = [];
  for (const item of items) {
    const list = item.t === 'alarm' ? alarmPushes(deps, item) : item.t === 'count' ? countPushes(deps, item) : item.t === 'available' ? availabilityPushes(deps, item) : [];
    for (const push of list) candidates.push({ item, push });
  }
  await db.transaction(async (tx) => {
    let locked;
    try {
      await gate?.wait();
      locked = await lockSceneStates(tx, candidates.map((c) => c.push));
    } finally {
      gate?.release();
    }
    const events: NewEvent[] = [];
    const stored = await insertAlarms(tx, items, outcomes);
    await insertDeadLetters(tx, items.filter((i): i is DeadItem => i.t === 'dead'));
    await updateTelemetry(tx, items.filter((i): i is TelemetryItem => i.t === 'telemetry'));
    await updateCounts(tx, items.filter((i): i is CountItem => i.t === 'count'));
    const changedNvrs = await updateAvailability(tx, items.filter((i): i is AvailableItem => i.t === 'available'), events);
    const pushes: ScenePush[] = [];
    for (const { item, push } of candidates) {
      if (item.t === 'alarm') {
        const id = stored.get(item);
        if (id === undefined) continue;
        if (push.input.kind === 'alarm') push.input.alarmId = id;
      } else if (item.t === 'available' && !changedNvrs.has(item)) continue;
      pushes.push(push);
    }
    await applySceneInputs(tx, deps, pushes, locked);
    events.push(...alarmEvents(items, stored));
    await emit(tx, events);
  });
  return outcomes;
}

async function insertAlarms(tx: Tx, items: Item[], outcomes: Outcome[]): Promise<Map<AlarmItem, number>> {
  const stored = new Map<AlarmItem, number>();
  const alarms: { item: AlarmItem; idx: number }[] = [];
  items.forEach((item, idx) => item.t === 'alarm' && alarms.push({ item, idx }));
  if (alarms.length === 0) return stored;
  const rows = alarms.map(({ item: a }) => ({ tenant_id: a.tenantId, device_id: a.device.id, msg_key: a.key, kind: a.kind, type: a.type, state: a.state, source: a.source, at: iso(a.at), data: a.data }));
  const res = await queryRows<{ id: number | string; device_id: number | string; msg_key: string }>(tx, sql`insert into sensing_alarms (tenant_id, device_id, msg_key, kind, type, state, source, at, data)
    select r.tenant_id, r.device_id, r.msg_key, r.kind, r.type, r.state, r.source, r.at, r.data
    from json_to_recordset(${JSON.stringify(rows)}::json) as r(tenant_id text, device_id bigint, msg_key text, kind text, type text, state text, source text, at timestamptz, data jsonb)
    on conflict (tenant_id, device_id, msg_key) do nothing
    returning id, device_id, msg_key`);
  const fresh = new Map<string, number>();
  for (const r of res) fresh.set(`${Number(r.device_id)}\u0000${r.msg_key}`, Number(r.id));
  for (const { item, idx } of alarms) {
    const k = `${item.device.id}\u0000${item.key}`;
    const id = fresh.get(k);
    // the first of several copies in one batch is the stored one
    if (id !== undefined) {
      stored.set(item, id);
      fresh.delete(k);
      outcomes[idx] = 'stored';
    } else outcomes[idx] = 'duplicate';
  }
  return stored;
}

async function insertDeadLetters(tx: Tx, dead: DeadItem[]): Promise<void> {
  if (dead.length === 0) return;
  const rows = dead.map((d) => ({
    tenant_id: d.tenantId,
    source: d.source,
    topic: d.topic?.slice(0, 300) ?? null,
    device_code: d.deviceCode?.slice(0, 100) ?? null,
    reason: d.reason,
    detail: d.detail.slice(0, 1000),
    payload: excerpt(d.payload),
    payload_bytes: typeof d.payload === 'string' ? Buffer.byteLength(d.payload) : d.payload.length,
  }));
  await tx.execute(sql`insert into sensing_dead_letters (tenant_id, source, topic, device_code, reason, detail, payload, payload_bytes)
    select r.tenant_id, r.source, r.topic, r.device_code, r.reason, r.detail, r.payload, r.payload_bytes
    from json_to_recordset(${JSON.stringify(rows)}::json) as r(tenant_id text, source text, topic text, device_code text, reason text, detail text, payload text, payload_bytes int)`);
}

async function updateTelemetry(tx: Tx, list: TelemetryItem[]): Promise<void> {
  if (list.length === 0) return;
  const byDevice = new Map<number, { id: number; vals: Record<string, unknown>; activity_at: string | null }>();
  for (const t of list) {
    let e = byDevice.get(t.device.id);
    if (!e) byDevice.set(t.device.id, (e = { id: t.device.id, vals: {}, activity_at: null }));
    Object.assign(e.vals, t.values);
    if (t.activity && (e.activity_at === null || iso(t.at) > e.activity_at)) e.activity_at = iso(t.at);
  }
  const rows = [...byDevice.values()].sort((a, b) => a.id - b.id);
  await tx.execute(sql`update sensing_devices d set last_values = d.last_values || r.vals, last_activity_at = greatest(d.last_activity_at, r.activity_at)
    from json_to_recordset(${JSON.stringify(rows)}::json) as r(id bigint, vals jsonb, activity_at timestamptz) where d.id = r.id`);
}

async function updateCounts(tx: Tx, list: CountItem[]): Promise<void> {
  if (list.length === 0) return;
  const byZone = new Map<number, { id: number; counts: Record<string, number>; at: string }>();
  for (const c of list) {
    let e = byZone.get(c.zoneId);
    if (!e) byZone.set(c.zoneId, (e = { id: c.zoneId, counts: {}, at: iso(c.at) }));
    e.counts[c.label] = c.count;
    e.at = iso(c.at);
  }
  await tx.execute(sql`update sensing_zones z set counts = z.counts || r.counts, counts_at = r.at
    from json_to_recordset(${JSON.stringify([...byZone.values()])}::json) as r(id bigint, counts jsonb, at timestamptz) where z.id = r.id`);
}

/** Frigate's availability sets its server's status; only real changes go further. */
async function updateAvailability(tx: Tx, list: AvailableItem[], events: NewEvent[]): Promise<Set<AvailableItem>> {
  const changed = new Set<AvailableItem>();
  for (const a of list) {
    const status = a.online ? 'online' : 'offline';
    const r = await queryRows<{ id: number }>(tx, sql`update sensing_devices set status = ${status}, status_changed_at = ${iso(a.at)}, last_seen_at = greatest(last_seen_at, ${iso(a.at)}::timestamptz)
      where id = ${a.nvr.id} and status is distinct from ${status} returning id`);
    if (r.length === 0) continue;
    changed.add(a);
    events.push({ tenantId: a.tenantId, type: `sensing.device.${status}`, subjectType: 'device', subjectId: String(a.nvr.id), scope: OPS_SCOPE, payload: { deviceId: a.nvr.id, code: a.nvr.code, name: a.nvr.name, kind: a.nvr.kind, at: iso(a.at), source: 'frigate/available' } });
  }
  return changed;
}

const matches = (list: string[] | undefined, v: string) => !list || list.length === 0 || list.includes('*') || list.includes(v);

function alarmPushes(deps: SceneDeps, a: AlarmItem): ScenePush[] {
  const out: ScenePush[] = [];
  for (const def of deps.registry.scenes(a.tenantId)) {
    if (a.feed.kind === 'device' && def.kind === 'device_alarm') {
      const p = def.params as DeviceAlarmParams;
      if (!matches(p.deviceKinds, a.device.kind) || !matches(p.alarmTypes, a.type)) continue;
      out.push({ def, subject: subjectKey('device', a.device.id), input: { kind: 'alarm', type: a.type, cleared: a.feed.cleared, value: a.feed.value, alarmId: null, snapshot: a.feed.snapshot, at: a.at } });
    } else if (a.feed.kind === 'objects' && def.kind === 'presence') {
      const p = def.params as PresenceParams;
      const f = a.feed.objects;
      const label = f.labels.find((l) => p.labels.includes(l));
      if (!label) continue;
      for (const zoneId of p.zoneIds) {
        const z = deps.registry.zoneById(zoneId);
        if (!z || z.nvrId !== f.nvrId) continue;
        out.push({ def, subject: subjectKey('zone', zoneId), input: { kind: 'object', id: f.objectId, label, present: f.present && f.zones.includes(z.frigateName), ended: !f.present, since: f.since, snapshot: f.snapshot, at: a.at } });
      }
    }
  }
  return out;
}

function countPushes(deps: SceneDeps, c: CountItem): ScenePush[] {
  const out: ScenePush[] = [];
  for (const def of deps.registry.scenes(c.tenantId)) {
    if (def.kind !== 'zone_occupancy') continue;
    const p = def.params as ZoneOccupancyParams;
    if (p.zoneIds.includes(c.zoneId) && p.labels.includes(c.label)) out.push({ def, subject: subjectKey('zone', c.zoneId), input: { kind: 'count', label: c.label, count: c.count, at: c.at } });
  }
  return out;
}

/** A Frigate restart: its counts are unknown until they next change; its objects are gone. */
function availabilityPushes(deps: SceneDeps, a: AvailableItem): ScenePush[] {
  const zoneIds = new Set(deps.registry.zonesOfNvr(a.nvr.id).map((z) => z.id));
  const out: ScenePush[] = [];
  for (const def of deps.registry.scenes(a.tenantId)) {
    if (def.kind === 'zone_occupancy' || def.kind === 'presence') {
      for (const z of (def.params as { zoneIds: number[] }).zoneIds) if (zoneIds.has(z)) out.push({ def, subject: subjectKey('zone', z), input: { kind: 'reset', at: a.at } });
    } else if (def.kind === 'device_offline' && matches((def.params as { deviceKinds: string[] }).deviceKinds, a.nvr.kind)) {
      out.push({ def, subject: subjectKey('device', a.nvr.id), input: { kind: 'condition', on: !a.online, evidence: { status: a.online ? 'online' : 'offline', source: 'frigate/available' }, at: a.at } });
    }
  }
  return out;
}

/** One event per tenant and batch lists the new alarms for the live screens, compactly
 * (rows of ALARM_FIELDS: a batch can hold thousands). */
export const ALARM_FIELDS = ['id', 'deviceId', 'device', 'kind', 'type', 'state', 'at'] as const;

function alarmEvents(items: Item[], stored: Map<AlarmItem, number>): NewEvent[] {
  const byTenant = new Map<string, (string | number)[][]>();
  for (const item of items) {
    if (item.t !== 'alarm') continue;
    const id = stored.get(item);
    if (id === undefined) continue;
    let list = byTenant.get(item.tenantId);
    if (!list) byTenant.set(item.tenantId, (list = []));
    list.push([id, item.device.id, item.device.code, item.kind, item.type, item.state, item.at]);
  }
  return [...byTenant].map(([tenantId, rows]) => ({ tenantId, type: 'sensing.alarms', subjectType: 'alarm_batch', subjectId: String(rows[0]![0]), scope: OPS_SCOPE, payload: { count: rows.length, fields: ALARM_FIELDS, rows } }));
}
