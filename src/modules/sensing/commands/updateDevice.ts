// Change a device: place, department, limits, names, enabled; or rotate its secret.
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { authorize } from '../../../core/auth/index.js';
import { notFound } from '../../../core/http/problem.js';
import { devices } from '../schema.js';
import { SENSING_SERVICE, type SensingRuntime } from '../service.js';
import { checkDevice, credentialsOf, deviceColumns, type DeviceInput, type DeviceRow } from './registerDevice.js';
import { registryChanged } from './shared.js';

export type DevicePatch = Partial<Omit<DeviceInput, 'code' | 'kind'>>;

export async function updateDevice(ctx: AppContext, actor: Actor, id: number, patch: DevicePatch): Promise<DeviceRow> {
  const tenantId = actor.tenantId;
  const rt = ctx.services.get(SENSING_SERVICE) as SensingRuntime;
  const row = await ctx.db.transaction(async (tx) => {
    const [cur] = await tx.select().from(devices).where(and(eq(devices.tenantId, tenantId), eq(devices.id, id))).for('update');
    if (!cur) throw notFound('thing.device', id);
    authorize(actor, 'sensing.devices.manage', cur);
    const merged: DeviceInput = { ...cur, ...patch, code: cur.code, kind: cur.kind as DeviceInput['kind'], attributes: (patch.attributes ?? cur.attributes) as Record<string, unknown> };
    const { gridId } = await checkDevice(ctx, tx, tenantId, merged, id);
    const [next] = await tx
      .update(devices)
      .set({ ...deviceColumns(merged, gridId), updatedAt: sql`now()` })
      .where(eq(devices.id, id))
      .returning();
    await audit(tx, { tenantId, actor, action: 'sensing.device.update', subjectType: 'device', subjectId: id, detail: { changed: Object.keys(patch) } });
    await registryChanged(tx, tenantId, 'device', id);
    return next!;
  });
  await rt.registry.load(tenantId);
  return row;
}

/** A new secret: the old one stops working at once (MQTT log-ins and HTTP signatures). */
export async function rotateDeviceSecret(ctx: AppContext, actor: Actor, id: number) {
  const tenantId = actor.tenantId;
  const rt = ctx.services.get(SENSING_SERVICE) as SensingRuntime;
  await rt.keys.load(tenantId);
  const row = await ctx.db.transaction(async (tx) => {
    const [next] = await tx
      .update(devices)
      .set({ keyVersion: sql`${devices.keyVersion} + 1`, updatedAt: sql`now()` })
      .where(and(eq(devices.tenantId, tenantId), eq(devices.id, id)))
      .returning();
    if (!next) throw notFound('thing.device', id);
    await audit(tx, { tenantId, actor, action: 'sensing.device.rotate_secret', subjectType: 'device', subjectId: id, detail: { keyVersion: next.keyVersion } });
    await registryChanged(tx, tenantId, 'device', id);
    return next;
  });
  await rt.registry.load(tenantId);
  return { device: row, credentials: credentialsOf(ctx, row) };
}
