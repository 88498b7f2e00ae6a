// Register a device: its kind, place (and so its grid), responsible department and, for
// Frigate, its server and names. Returns the device and its credentials (derived from the
// tenant key, see ADR 0402), which the installer puts into the device.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { Problem, fieldProblem } from '../../../core/http/problem.js';
import { departments, residentialAreas, buildings, units } from '../../places/index.js';
import { devices } from '../schema.js';
import { DEFAULT_OFFLINE_AFTER_S, type DeviceKind } from '../domain/types.js';
import { SENSING_SERVICE, type SensingRuntime } from '../service.js';
import { assertRef, isUniqueViolation, locate, registryChanged } from './shared.js';

export interface DeviceInput {
  code: string;
  name: string;
  kind: DeviceKind;
  lng?: number | null;
  lat?: number | null;
  address?: string | null;
  departmentId?: number | null;
  areaId?: number | null;
  buildingId?: number | null;
  unitId?: number | null;
  parentId?: number | null;
  frigateName?: string | null;
  topicPrefix?: string | null;
  rateLimit?: number | null;
  offlineAfterS?: number | null;
  attributes?: Record<string, unknown>;
  enabled?: boolean;
}

export type DeviceRow = typeof devices.$inferSelect;

export async function checkDevice(ctx: AppContext, tx: Parameters<Parameters<AppContext['db']['transaction']>[0]>[0], tenantId: string, d: DeviceInput, selfId?: number): Promise<{ gridId: number | null }> {
  const hasPoint = typeof d.lng === 'number' && typeof d.lat === 'number';
  if (d.kind !== 'nvr' && !hasPoint) throw fieldProblem(typeof d.lng === 'number' ? 'lat' : 'lng', 'sensing.location_required');
  const gridId = hasPoint ? locate(ctx, tenantId, d.lng!, d.lat!) : null;
  if (d.kind === 'nvr') {
    if (!d.topicPrefix) throw fieldProblem('topicPrefix', 'sensing.nvr_prefix_required');
    if (d.topicPrefix === ctx.config.mqttTopicPrefix) throw fieldProblem('topicPrefix', 'sensing.prefix_reserved', { prefix: d.topicPrefix }, 'body', 422);
    const [taken] = await tx.select({ id: devices.id }).from(devices).where(eq(devices.topicPrefix, d.topicPrefix));
    if (taken && taken.id !== selfId) throw new Problem(409, 'problem.validation', {}, [{ field: 'topicPrefix', in: 'body', code: 'sensing.prefix_taken', params: { prefix: d.topicPrefix } }]);
  }
  if (d.parentId !== null && d.parentId !== undefined) {
    const [p] = await tx.select({ kind: devices.kind }).from(devices).where(and(eq(devices.tenantId, tenantId), eq(devices.id, d.parentId)));
    if (!p) throw fieldProblem('parentId', 'sensing.unknown_ref', { what: { $t: 'thing.device' }, id: d.parentId }, 'body', 422);
    if (p.kind !== 'nvr') throw fieldProblem('parentId', 'sensing.not_nvr', {}, 'body', 422);
  }
  await assertRef(tx, departments, tenantId, d.departmentId, 'thing.department', 'departmentId');
  await assertRef(tx, residentialAreas, tenantId, d.areaId, 'thing.area', 'areaId');
  await assertRef(tx, buildings, tenantId, d.buildingId, 'thing.building', 'buildingId');
  await assertRef(tx, units, tenantId, d.unitId, 'thing.unit', 'unitId');
  return { gridId };
}

/** The columns a registration or a change sets from what the admin sent. */
export function deviceColumns(d: DeviceInput, gridId: number | null) {
  return {
    name: d.name,
    lng: d.lng ?? null,
    lat: d.lat ?? null,
    address: d.address ?? null,
    gridId,
    departmentId: d.departmentId ?? null,
    areaId: d.areaId ?? null,
    buildingId: d.buildingId ?? null,
    unitId: d.unitId ?? null,
    parentId: d.parentId ?? null,
    frigateName: d.frigateName ?? null,
    topicPrefix: d.kind === 'nvr' ? (d.topicPrefix ?? null) : null,
    rateLimit: d.rateLimit ?? null,
    offlineAfterS: d.offlineAfterS ?? null,
    attributes: d.attributes ?? {},
    enabled: d.enabled ?? true,
  };
}

export function credentialsOf(ctx: AppContext, row: { tenantId: string; code: string; keyVersion: number; topicPrefix: string | null }) {
  const rt = ctx.services.get(SENSING_SERVICE) as SensingRuntime;
  const password = rt.keys.secret(row);
  const username = row.tenantId === ctx.config.tenant ? row.code : `${row.tenantId}:${row.code}`;
  return {
    mqttUsername: username,
    mqttPassword: password,
    topics: row.topicPrefix ? [`${row.topicPrefix}/#`] : [`${ctx.config.mqttTopicPrefix}/${row.tenantId}/${row.code}/alarm`, `${ctx.config.mqttTopicPrefix}/${row.tenantId}/${row.code}/telemetry`],
    httpDeviceKey: username,
    httpSecret: password,
    keyVersion: row.keyVersion,
  };
}

export async function registerDevice(ctx: AppContext, actor: Actor, input: DeviceInput): Promise<{ device: DeviceRow; credentials: ReturnType<typeof credentialsOf> }> {
  const tenantId = actor.tenantId;
  const rt = ctx.services.get(SENSING_SERVICE) as SensingRuntime;
  await rt.keys.load(tenantId);
  try {
    const device = await ctx.db.transaction(async (tx) => {
      const { gridId } = await checkDevice(ctx, tx, tenantId, input);
      const [row] = await tx
        .insert(devices)
        .values({ tenantId, code: input.code, kind: input.kind, ...deviceColumns(input, gridId), offlineAfterS: input.offlineAfterS === undefined ? DEFAULT_OFFLINE_AFTER_S[input.kind] : input.offlineAfterS })
        .returning();
      await audit(tx, { tenantId, actor, action: 'sensing.device.register', subjectType: 'device', subjectId: row!.id, detail: { code: row!.code, kind: row!.kind } });
      await registryChanged(tx, tenantId, 'device', row!.id);
      return row!;
    });
    await rt.registry.load(tenantId);
    return { device, credentials: credentialsOf(ctx, device) };
  } catch (e) {
    if (isUniqueViolation(e, 'sensing_devices_code_uq')) throw new Problem(409, 'problem.validation', {}, [{ field: 'code', in: 'body', code: 'sensing.code_taken', params: { code: input.code } }]);
    if (isUniqueViolation(e, 'sensing_devices_prefix_uq')) throw new Problem(409, 'problem.validation', {}, [{ field: 'topicPrefix', in: 'body', code: 'sensing.prefix_taken', params: { prefix: input.topicPrefix } }]);
    throw e;
  }
}
