// What one incoming message becomes once parsed, before it is written.
import type { DeviceRef } from './registry.js';

export type Source = 'mqtt' | 'http';

/** A Frigate object (event) or review as a presence input, per zone name. */
export interface ObjectFeed {
  nvrId: number;
  objectId: string;
  labels: string[];
  zones: string[];
  present: boolean;
  /** the object is over (event end, false positive) */
  ended: boolean;
  since: number;
  snapshot: string | null;
}

export interface AlarmItem {
  t: 'alarm';
  tenantId: string;
  device: DeviceRef;
  key: string;
  kind: 'alarm' | 'frigate_event' | 'frigate_review';
  type: string;
  state: string;
  source: Source;
  at: number;
  data: Record<string, unknown>;
  /** native alarms feed device-alarm scenes; Frigate events and reviews feed presence */
  feed: { kind: 'device'; cleared: boolean; value: number | null; snapshot: string | null } | { kind: 'objects'; objects: ObjectFeed };
}

export interface TelemetryItem {
  t: 'telemetry';
  tenantId: string;
  device: DeviceRef;
  at: number;
  values: Record<string, unknown>;
  activity: boolean;
}

export interface CountItem {
  t: 'count';
  tenantId: string;
  zoneId: number;
  label: string;
  count: number;
  at: number;
}

export interface AvailableItem {
  t: 'available';
  tenantId: string;
  nvr: DeviceRef;
  online: boolean;
  at: number;
}

export interface DeadItem {
  t: 'dead';
  tenantId: string;
  source: Source;
  topic: string | null;
  deviceCode: string | null;
  reason: string;
  detail: string;
  payload: Buffer | string;
}

export type Item = AlarmItem | TelemetryItem | CountItem | AvailableItem | DeadItem;

/** stored: written; duplicate: seen before (a resend); dead: dead-lettered; noted: applied */
export type Outcome = 'stored' | 'duplicate' | 'dead' | 'noted';

export const PAYLOAD_EXCERPT = 4096;

export function excerpt(payload: Buffer | string): string {
  const s = typeof payload === 'string' ? payload : payload.subarray(0, PAYLOAD_EXCERPT).toString('utf8');
  // NUL is not allowed in PostgreSQL text
  return s.slice(0, PAYLOAD_EXCERPT).replace(/\u0000/g, '\uFFFD');
}
