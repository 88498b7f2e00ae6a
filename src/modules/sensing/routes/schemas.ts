// Shapes shared by the sensing routes (they validate, type and document).
import { Type, type TSchema } from '@sinclair/typebox';
import { OPERATOR_ROLES, type Actor, type UserActor } from '../../../core/auth/index.js';
import { DEVICE_KINDS, GRADES, SCENE_KINDS } from '../domain/types.js';
import type { devices } from '../schema.js';

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const lit = <T extends readonly string[]>(xs: T) => Type.Union(xs.map((x) => Type.Literal(x)));

export const DeviceKind = lit(DEVICE_KINDS);
export const SceneKind = lit(SCENE_KINDS);
export const Grade = lit(GRADES);
export const Code = Type.String({ minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9_.-]+$' });
export const TopicLevel = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
export const Lng = Type.Number({ minimum: -180, maximum: 180 });
export const Lat = Type.Number({ minimum: -90, maximum: 90 });
export const Id = Type.Integer({ minimum: 1 });
export const IdParams = Type.Object({ id: Id });

export const DeviceOut = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  lng: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
  address: Nullable(Type.String()),
  gridId: Nullable(Type.Integer()),
  departmentId: Nullable(Type.Integer()),
  areaId: Nullable(Type.Integer()),
  buildingId: Nullable(Type.Integer()),
  unitId: Nullable(Type.Integer()),
  parentId: Nullable(Type.Integer()),
  frigateName: Nullable(Type.String()),
  topicPrefix: Nullable(Type.String()),
  keyVersion: Type.Integer(),
  rateLimit: Nullable(Type.Integer()),
  offlineAfterS: Nullable(Type.Integer()),
  status: Type.String(),
  statusChangedAt: Nullable(Type.String()),
  lastSeenAt: Nullable(Type.String()),
  lastActivityAt: Nullable(Type.String()),
  lastValues: Type.Record(Type.String(), Type.Unknown()),
  attributes: Type.Record(Type.String(), Type.Unknown()),
  enabled: Type.Boolean(),
});

export const Credentials = Type.Object({
  mqttUsername: Type.String(),
  mqttPassword: Type.String(),
  topics: Type.Array(Type.String()),
  httpDeviceKey: Type.String(),
  httpSecret: Type.String(),
  keyVersion: Type.Integer(),
});

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function presentDevice(d: typeof devices.$inferSelect) {
  const { tenantId: _t, createdAt: _c, updatedAt: _u, ...rest } = d;
  return { ...rest, statusChangedAt: isoOrNull(d.statusChangedAt), lastSeenAt: isoOrNull(d.lastSeenAt), lastActivityAt: isoOrNull(d.lastActivityAt), lastValues: (d.lastValues ?? {}) as Record<string, unknown>, attributes: (d.attributes ?? {}) as Record<string, unknown> };
}

/** null: the whole tenant; otherwise the grids and departments the actor acts for. */
export function scopeOf(actor: Actor): { grids: number[]; departments: number[] } | null {
  if (actor.kind !== 'user') return { grids: [], departments: [] };
  const user: UserActor = actor;
  if (['admin', ...OPERATOR_ROLES, 'district_viewer'].some((r) => user.roles.includes(r as UserActor['roles'][number]))) return null;
  return { grids: user.scopes.grid, departments: user.scopes.department };
}
