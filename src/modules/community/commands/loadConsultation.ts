// A consultation with the policy subject of its building or area, optionally locked.
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { notFound } from '../../../core/http/problem.js';
import { buildings } from '../../places/index.js';
import { consultations } from '../schema.js';
import type { CommunitySubject } from '../policies.js';

export type ConsultationRow = typeof consultations.$inferSelect;

export async function loadConsultation(q: Queryable, tenantId: string, id: number, lock?: 'update' | 'share'): Promise<{ c: ConsultationRow; subject: CommunitySubject }> {
  const query = q.select().from(consultations).where(and(eq(consultations.tenantId, tenantId), eq(consultations.id, id)));
  const [c] = lock ? await query.for(lock) : await query;
  if (!c) throw notFound('thing.consultation', id);
  let areaId = c.areaId;
  if (c.buildingId) {
    const [b] = await q.select({ areaId: buildings.areaId }).from(buildings).where(eq(buildings.id, c.buildingId));
    areaId = b?.areaId ?? null;
  }
  return { c, subject: { tenantId, buildingId: c.buildingId, areaId, committeeId: c.committeeId } };
}
