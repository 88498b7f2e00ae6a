// Move waiting registrants up into free places, first come first served; each one
// promoted is told (an event addressed to them). Runs inside the caller's transaction,
// which holds the activity row locked.
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../core/db/index.js';
import type { Actor } from '../../../core/auth/index.js';
import { auditMany } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { activityRegistrations } from '../schema.js';
import { toUsers } from '../shared.js';
import { promotions } from '../domain/waitlist.js';

export async function promoteWaiting(tx: Tx, actor: Actor, a: { id: number; tenantId: string; capacity: number | null; title: string }, confirmed: number, now: Date): Promise<number[]> {
  const waiting = await tx
    .select({ id: activityRegistrations.id, userId: activityRegistrations.userId, registeredAt: activityRegistrations.registeredAt })
    .from(activityRegistrations)
    .where(and(eq(activityRegistrations.activityId, a.id), eq(activityRegistrations.status, 'waitlisted')));
  const up = promotions(a.capacity, confirmed, waiting);
  if (up.length === 0) return [];
  await tx
    .update(activityRegistrations)
    .set({ status: 'confirmed', confirmedAt: now })
    .where(inArray(activityRegistrations.id, up.map((r) => r.id)));
  await auditMany(tx, up.map((r) => ({ tenantId: a.tenantId, actor, action: 'activities.promote', subjectType: 'activity_registration', subjectId: r.id, detail: { activityId: a.id } })));
  await emit(tx, up.map((r) => ({ tenantId: a.tenantId, type: 'people.registration.promoted', subjectType: 'activity_registration', subjectId: String(r.id), scope: toUsers(r.userId), payload: { activityId: a.id, title: a.title } })));
  return up.map((r) => r.id);
}
