// Record an elderly person's (or guardian's) consent to link a sensor to them. The
// device is named by its code (the device registry belongs to sensing); one device
// watches at most one person at a time.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem, fieldProblem, notFound } from '../../../core/http/problem.js';
import { elderly, sensorConsents } from '../schema.js';
import { activeConsent } from '../queries/elderlyRecord.js';
import { careScope, isUniqueViolation } from '../shared.js';

export const DEVICE_KINDS = ['water_meter', 'door_sensor', 'motion_sensor', 'smoke_detector', 'emergency_button'] as const;

export interface ConsentInput {
  deviceCode: string;
  deviceKind: (typeof DEVICE_KINDS)[number];
  givenBy: 'self' | 'guardian';
  guardianName?: string | null;
  note?: string | null;
}

export async function grantConsent(ctx: AppContext, actor: Actor, elderlyId: number, input: ConsentInput): Promise<{ id: number }> {
  const tenantId = actor.tenantId;
  if (input.givenBy === 'guardian' && !input.guardianName?.trim()) throw fieldProblem('guardianName', 'people.guardian_required');
  const deviceCode = input.deviceCode.trim();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [e] = await tx.select().from(elderly).where(and(eq(elderly.tenantId, tenantId), eq(elderly.id, elderlyId))).for('update');
      if (!e) throw notFound('thing.elderly', elderlyId);
      authorize(actor, 'people.elderly.manage', e, { type: 'elderly', id: elderlyId });
      if (e.status !== 'active') throw new Problem(409, 'people.entry_closed', { status: e.status });
      const [taken] = await tx.select({ elderlyId: sensorConsents.elderlyId }).from(sensorConsents).where(activeConsent(tenantId, deviceCode));
      if (taken) throw fieldProblem('deviceCode', taken.elderlyId === elderlyId ? 'people.device_linked_here' : 'people.device_taken', { device: deviceCode }, 'body', 409);
      const [c] = await tx
        .insert(sensorConsents)
        .values({ tenantId, elderlyId, deviceCode, deviceKind: input.deviceKind, givenBy: input.givenBy, guardianName: input.guardianName ?? null, note: input.note ?? null, grantedAt: ctx.clock.now(), recordedBy: actor.kind === 'user' ? actor.id : null })
        .returning({ id: sensorConsents.id });
      await audit(tx, { tenantId, actor, action: 'people.consent.grant', subjectType: 'elderly', subjectId: elderlyId, detail: { consentId: c!.id, deviceCode, deviceKind: input.deviceKind, givenBy: input.givenBy } });
      await emit(tx, [{ tenantId, type: 'people.consent.granted', subjectType: 'sensor_consent', subjectId: String(c!.id), scope: careScope(e), payload: { elderlyId, deviceCode, deviceKind: input.deviceKind } }]);
      return { id: c!.id };
    });
  } catch (err) {
    // two consents for one device at the same moment: the partial unique index decides
    if (isUniqueViolation(err)) throw fieldProblem('deviceCode', 'people.device_taken', { device: deviceCode }, 'body', 409);
    throw err;
  }
}
