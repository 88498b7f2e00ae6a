// Name a zone of a Frigate server (as in Frigate's configuration) with the labels it
// watches and where it is; counts on frigate/<zone>/<label> then reach its scenes.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { Problem, fieldProblem, notFound } from '../../../core/http/problem.js';
import { devices, zones } from '../schema.js';
import { SENSING_SERVICE, type SensingRuntime } from '../service.js';
import { isUniqueViolation, locate, registryChanged } from './shared.js';

export interface ZoneInput {
  nvrId: number;
  cameraId?: number | null;
  code: string;
  name: string;
  frigateName: string;
  labels: string[];
  lng: number;
  lat: number;
}

export type ZoneRow = typeof zones.$inferSelect;

export async function saveZone(ctx: AppContext, actor: Actor, input: ZoneInput, id?: number): Promise<ZoneRow> {
  const tenantId = actor.tenantId;
  const rt = ctx.services.get(SENSING_SERVICE) as SensingRuntime;
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const [nvr] = await tx.select({ kind: devices.kind }).from(devices).where(and(eq(devices.tenantId, tenantId), eq(devices.id, input.nvrId)));
      if (!nvr) throw fieldProblem('nvrId', 'sensing.unknown_ref', { what: { $t: 'thing.device' }, id: input.nvrId }, 'body', 422);
      if (nvr.kind !== 'nvr') throw fieldProblem('nvrId', 'sensing.not_nvr', {}, 'body', 422);
      if (input.cameraId) {
        const [cam] = await tx.select({ id: devices.id }).from(devices).where(and(eq(devices.tenantId, tenantId), eq(devices.id, input.cameraId)));
        if (!cam) throw fieldProblem('cameraId', 'sensing.unknown_ref', { what: { $t: 'thing.device' }, id: input.cameraId }, 'body', 422);
      }
      const gridId = locate(ctx, tenantId, input.lng, input.lat);
      const values = { nvrId: input.nvrId, cameraId: input.cameraId ?? null, code: input.code, name: input.name, frigateName: input.frigateName, labels: input.labels, lng: input.lng, lat: input.lat, gridId };
      let saved: ZoneRow | undefined;
      if (id === undefined) [saved] = await tx.insert(zones).values({ tenantId, ...values }).returning();
      else {
        [saved] = await tx.update(zones).set(values).where(and(eq(zones.tenantId, tenantId), eq(zones.id, id))).returning();
        if (!saved) throw notFound('thing.zone', id);
      }
      await audit(tx, { tenantId, actor, action: id === undefined ? 'sensing.zone.create' : 'sensing.zone.update', subjectType: 'zone', subjectId: saved!.id, detail: { code: saved!.code, frigateName: saved!.frigateName } });
      await registryChanged(tx, tenantId, 'zone', saved!.id);
      return saved!;
    });
    await rt.registry.load(tenantId);
    return row;
  } catch (e) {
    if (isUniqueViolation(e, 'sensing_zones_code_uq')) throw new Problem(409, 'problem.validation', {}, [{ field: 'code', in: 'body', code: 'sensing.zone_code_taken', params: { code: input.code } }]);
    if (isUniqueViolation(e, 'sensing_zones_frigate_uq')) throw new Problem(409, 'problem.validation', {}, [{ field: 'frigateName', in: 'body', code: 'sensing.zone_code_taken', params: { code: input.frigateName } }]);
    throw e;
  }
}
