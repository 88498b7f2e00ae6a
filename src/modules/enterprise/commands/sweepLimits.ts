// The timer of 限时办结: announces requests whose limit is three quarters used
// (warning) and those past their limit (overdue). Each request is claimed by a
// conditional UPDATE … RETURNING, so with several nodes every announcement is made
// exactly once, in the transaction that claims it.
import { and, gt, inArray, isNull, lte } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import { systemActor } from '../../../core/auth/index.js';
import { auditMany } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { entRequests } from '../schema.js';
import { OPEN_STATUSES } from '../domain/requestRules.js';
import { requestCode } from '../domain/requestCode.js';
import { requestScope } from './shared.js';

const BATCH = 500;

export async function sweepLimits(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const open = inArray(entRequests.status, [...OPEN_STATUSES]);
    const claim = (cond: ReturnType<typeof and>) => tx.select({ id: entRequests.id }).from(entRequests).where(cond).limit(BATCH).for('update', { skipLocked: true });
    const overdue = await tx
      .update(entRequests)
      .set({ overdueAt: now })
      .where(inArray(entRequests.id, claim(and(open, isNull(entRequests.overdueAt), lte(entRequests.dueAt, now)))))
      .returning();
    const warned = await tx
      .update(entRequests)
      .set({ warnedAt: now })
      .where(inArray(entRequests.id, claim(and(open, isNull(entRequests.warnedAt), lte(entRequests.warnAt, now), gt(entRequests.dueAt, now)))))
      .returning();
    const events = [
      ...warned.map((r) => ({ r, type: 'enterprise.request.warning' })),
      ...overdue.map((r) => ({ r, type: 'enterprise.request.overdue' })),
    ];
    if (!events.length) return 0;
    await auditMany(
      tx,
      events.map(({ r, type }) => ({ tenantId: r.tenantId, actor: systemActor(r.tenantId, 'enterprise.limits'), action: type, subjectType: 'ent_request', subjectId: r.id, detail: { dueAt: r.dueAt.toISOString() } })),
    );
    await emit(
      tx,
      events.map(({ r, type }) => ({
        tenantId: r.tenantId,
        type,
        subjectType: 'ent_request',
        subjectId: String(r.id),
        scope: requestScope(r),
        payload: { code: requestCode(r.createdAt, r.id), enterpriseId: r.enterpriseId, ownerId: r.ownerId, dueAt: r.dueAt.toISOString(), limitDays: r.limitDays },
      })),
    );
    return events.length;
  });
}
