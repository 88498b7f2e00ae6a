// Raise an alert for the committee responsible for a register entry, inside the caller's
// transaction (flows use it: an inactivity alarm that opened an urgent care case shows on
// the committee worker's page, linked to the case).
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../core/db/index.js';
import type { Actor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { careAlerts, elderly } from '../schema.js';
import { careScope } from '../shared.js';

export interface AlertInput {
  elderlyId: number;
  kind: 'inactivity' | 'service' | 'visit_finding';
  caseRef?: string | null;
  detail?: Record<string, unknown>;
  at: Date;
}

export async function raiseCareAlert(tx: Tx, actor: Actor, input: AlertInput): Promise<{ id: number } | null> {
  const tenantId = actor.tenantId;
  const [e] = await tx.select({ areaId: elderly.areaId, committeeId: elderly.committeeId }).from(elderly).where(and(eq(elderly.tenantId, tenantId), eq(elderly.id, input.elderlyId)));
  if (!e) return null;
  const [a] = await tx
    .insert(careAlerts)
    .values({ tenantId, elderlyId: input.elderlyId, committeeId: e.committeeId, kind: input.kind, raisedAt: input.at, caseRef: input.caseRef ?? null, detail: input.detail ?? {} })
    .returning({ id: careAlerts.id });
  await audit(tx, { tenantId, actor, action: 'people.alert.raise', subjectType: 'elderly', subjectId: input.elderlyId, detail: { kind: input.kind, alertId: a!.id, caseRef: input.caseRef ?? null } });
  await emit(tx, [{ tenantId, type: 'people.alert.raised', subjectType: 'care_alert', subjectId: String(a!.id), scope: careScope(e), payload: { elderlyId: input.elderlyId, kind: input.kind, caseRef: input.caseRef ?? null } }]);
  return { id: a!.id };
}
