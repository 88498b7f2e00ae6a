// Sensing: the device registry (cameras and their zones, sensors, Frigate servers), what
// devices sent (alarms, dead letters), scene rules as data and their live state and
// episodes. Hot-path writes go through hand-written SQL in ingest/store.ts; these tables
// are the one schema both engines share.
import { sql } from 'drizzle-orm';
import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, tenantId, updatedAt } from '../../core/db/columns.js';

const pk = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const devices = pgTable(
  'sensing_devices',
  {
    id: pk(),
    tenantId: tenantId(),
    /** unique per tenant; the MQTT user name and the HTTP device key */
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** camera, nvr (a Frigate server), charging, smoke, manhole, water_meter, door_sensor, generic */
    kind: text('kind').notNull(),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    address: text('address'),
    /** responsibility grid, resolved from the location when saved */
    gridId: ref('grid_id'),
    departmentId: ref('department_id'),
    areaId: ref('area_id'),
    buildingId: ref('building_id'),
    /** the household a care sensor watches */
    unitId: ref('unit_id'),
    /** a camera's Frigate server */
    parentId: ref('parent_id'),
    /** the camera's name in Frigate's configuration */
    frigateName: text('frigate_name'),
    /** a Frigate server's MQTT topic prefix (Frigate's mqtt.topic_prefix) */
    topicPrefix: text('topic_prefix'),
    /** bumping it changes the device secret (rotation) */
    keyVersion: integer('key_version').notNull().default(1),
    /** messages per second before the device is throttled; null = the kind's default */
    rateLimit: integer('rate_limit'),
    /** silence after which the device counts as offline; null = never by silence */
    offlineAfterS: integer('offline_after_s'),
    /** unknown, online, offline */
    status: text('status').notNull().default('unknown'),
    statusChangedAt: ts('status_changed_at'),
    lastSeenAt: ts('last_seen_at'),
    /** last water use / door opening (care sensors) */
    lastActivityAt: ts('last_activity_at'),
    lastValues: jsonb('last_values').notNull().default({}),
    attributes: jsonb('attributes').notNull().default({}),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('sensing_devices_code_uq').on(t.tenantId, t.code),
    uniqueIndex('sensing_devices_prefix_uq').on(t.topicPrefix).where(sql`topic_prefix is not null`),
    index('sensing_devices_status_idx').on(t.status, t.lastSeenAt),
    index('sensing_devices_kind_idx').on(t.tenantId, t.kind),
  ],
);

/** A named zone of a Frigate server (Frigate sums counts across cameras sharing a name). */
export const zones = pgTable(
  'sensing_zones',
  {
    id: pk(),
    tenantId: tenantId(),
    nvrId: ref('nvr_id').notNull(),
    /** the camera that sees it (for the location and evidence) */
    cameraId: ref('camera_id'),
    code: text('code').notNull(),
    name: text('name').notNull(),
    frigateName: text('frigate_name').notNull(),
    /** labels the zone watches (bicycle, motorcycle, person, …) */
    labels: text('labels').array().notNull().default([]),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    gridId: ref('grid_id'),
    /** latest count per label; a label missing here is unknown (counts are not retained) */
    counts: jsonb('counts').notNull().default({}),
    countsAt: ts('counts_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('sensing_zones_code_uq').on(t.tenantId, t.code), uniqueIndex('sensing_zones_frigate_uq').on(t.nvrId, t.frigateName)],
);

/** Every alarm and Frigate event/review a device sent, once: (device, key) is unique. */
export const alarms = pgTable(
  'sensing_alarms',
  {
    id: pk(),
    tenantId: tenantId(),
    deviceId: ref('device_id').notNull(),
    /** idempotency key: the device's event id, else its timestamp (and alarm type) */
    msgKey: text('msg_key').notNull(),
    /** alarm, frigate_event, frigate_review */
    kind: text('kind').notNull(),
    /** alarm type (smoke, over_current, tilt, …), or the Frigate label / severity */
    type: text('type').notNull(),
    /** raised, cleared; Frigate: new, update, end */
    state: text('state').notNull(),
    /** mqtt or http */
    source: text('source').notNull(),
    /** when the device says it happened */
    at: ts('at').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
    data: jsonb('data').notNull().default({}),
  },
  (t) => [uniqueIndex('sensing_alarms_key_uq').on(t.tenantId, t.deviceId, t.msgKey)],
);

/** What could not be ingested, with the reason; never blocks what comes after it. */
export const deadLetters = pgTable(
  'sensing_dead_letters',
  {
    id: pk(),
    tenantId: tenantId(),
    receivedAt: ts('received_at').notNull().defaultNow(),
    source: text('source').notNull(),
    topic: text('topic'),
    deviceCode: text('device_code'),
    /** malformed, oversized, unknown_device, unknown_camera, not_authorized, rate_limited, bad_signature, … */
    reason: text('reason').notNull(),
    detail: text('detail'),
    /** the first 4 kB of the message */
    payload: text('payload'),
    payloadBytes: integer('payload_bytes').notNull().default(0),
  },
  (t) => [index('sensing_dead_letters_idx').on(t.tenantId, t.id)],
);

/** Signatures of accepted HTTP ingest requests within the replay window. */
export const httpNonces = pgTable(
  'sensing_http_nonces',
  {
    signature: text('signature').primaryKey(),
    tenantId: tenantId(),
    deviceId: ref('device_id').notNull(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('sensing_http_nonces_exp_idx').on(t.expiresAt)],
);

/** Development fallback when DEVICE_KEY_SECRET is unset: one random key per tenant. */
export const tenantKeys = pgTable('sensing_tenant_keys', {
  tenantId: text('tenant_id').primaryKey(),
  secret: text('secret').notNull(),
  createdAt: createdAt(),
});

/** A scene rule, as data. */
export const scenes = pgTable(
  'sensing_scenes',
  {
    id: pk(),
    tenantId: tenantId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** zone_occupancy, presence, device_alarm, inactivity, device_offline */
    kind: text('kind').notNull(),
    params: jsonb('params').notNull().default({}),
    /** windows [{ days: all|working|rest, from: 'HH:MM', to: 'HH:MM' }]; empty = always */
    schedule: jsonb('schedule').notNull().default([]),
    /** case category code (GB/T 30428.2 style or a local code) */
    categoryCode: text('category_code').notNull(),
    /** urgent, important, normal */
    grade: text('grade').notNull(),
    /** the case may be registered without on-site verification */
    autoRegister: boolean('auto_register').notNull().default(false),
    /** responsible department; null = the device's */
    departmentId: ref('department_id'),
    /** after the scene's case closes, firing is held back this long */
    cooldownS: integer('cooldown_s').notNull().default(1800),
    enabled: boolean('enabled').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('sensing_scenes_code_uq').on(t.tenantId, t.code)],
);

/** Live state of a scene for one subject (a zone, a device or a household). */
export const sceneStates = pgTable(
  'sensing_scene_states',
  {
    sceneId: ref('scene_id').notNull(),
    /** zone:<id>, device:<id>, unit:<id> */
    subject: text('subject').notNull(),
    tenantId: tenantId(),
    /** idle, pending, active, clearing, cooldown */
    phase: text('phase').notNull().default('idle'),
    /** the next time-based re-evaluation (timers sweep) */
    dueAt: ts('due_at'),
    episodeId: ref('episode_id'),
    state: jsonb('state').notNull().default({}),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.sceneId, t.subject] }), index('sensing_scene_states_due_idx').on(t.dueAt).where(sql`due_at is not null`)],
);

/** One firing of a scene, from fired to cleared, with its latest evidence. */
export const episodes = pgTable(
  'sensing_episodes',
  {
    id: pk(),
    tenantId: tenantId(),
    sceneId: ref('scene_id').notNull(),
    subject: text('subject').notNull(),
    /** the same for every episode of one scene and subject: "the open case of this scene" */
    dedupKey: text('dedup_key').notNull(),
    /** active, cleared */
    status: text('status').notNull(),
    firedAt: ts('fired_at').notNull(),
    clearedAt: ts('cleared_at'),
    clearReason: text('clear_reason'),
    evidence: jsonb('evidence').notNull().default({}),
    updates: integer('updates').notNull().default(0),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    gridId: ref('grid_id'),
    departmentId: ref('department_id'),
    deviceId: ref('device_id'),
    zoneId: ref('zone_id'),
    /** set by the alarm → case flow */
    caseId: ref('case_id'),
    /** acknowledged on an operations screen (who and when); null = still pops up */
    ackedAt: ts('acked_at'),
    ackedBy: ref('acked_by'),
    ackedByName: text('acked_by_name'),
  },
  (t) => [
    index('sensing_episodes_tenant_idx').on(t.tenantId, t.status, t.id),
    index('sensing_episodes_dedup_idx').on(t.tenantId, t.dedupKey),
    index('sensing_episodes_unacked_idx').on(t.tenantId, t.id).where(sql`acked_at is null`),
  ],
);
