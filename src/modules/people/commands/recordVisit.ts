// Record a care visit. A visit where the person was met moves the plan on and closes
// open overdue alerts; a visit where nobody was home is recorded but changes nothing.
import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { localDate } from '../../../core/calendar/index.js';
import { Problem, fieldProblem, notFound } from '../../../core/http/problem.js';
import { careAlerts, careVisits, elderly } from '../schema.js';
import { visitCounts, type VisitOutcome } from '../domain/visitPlan.js';
import { calendarOf, careScope } from '../shared.js';
import { replanEntries } from './replan.js';

export interface VisitInput {
  visitedAt?: string;
  mode: 'home' | 'phone' | 'video';
  outcome: VisitOutcome;
  notes?: string | null;
}

const CLOCK_SKEW_MS = 5 * 60_000;

export async function recordVisit(ctx: AppContext, actor: Actor, elderlyId: number, input: VisitInput): Promise<{ id: number; nextVisitDue: Date | null }> {
  const tenantId = actor.tenantId;
  const now = ctx.clock.now();
  const visitedAt = input.visitedAt ? new Date(input.visitedAt) : now;
  if (visitedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw fieldProblem('visitedAt', 'people.visit_future', {}, 'body', 422);
  const cal = await calendarOf(ctx, tenantId);
  return ctx.db.transaction(async (tx) => {
    const [e] = await tx.select().from(elderly).where(and(eq(elderly.tenantId, tenantId), eq(elderly.id, elderlyId))).for('update');
    if (!e) throw notFound('thing.elderly', elderlyId);
    authorize(actor, 'people.visits.record', e, { type: 'elderly', id: elderlyId });
    if (e.status !== 'active') throw new Problem(409, 'people.entry_closed', { status: e.status });
    const [v] = await tx
      .insert(careVisits)
      .values({ tenantId, elderlyId, visitedAt, visitorUserId: actor.kind === 'user' ? actor.id : null, mode: input.mode, outcome: input.outcome, notes: input.notes ?? null })
      .returning({ id: careVisits.id });
    let closedAlerts = 0;
    if (visitCounts(input.outcome) && (!e.lastVisitAt || visitedAt > e.lastVisitAt)) {
      await tx.update(elderly).set({ lastVisitAt: visitedAt, updatedAt: now }).where(eq(elderly.id, elderlyId));
      await replanEntries(tx, tenantId, [elderlyId], localDate(now), cal);
      const closed = await tx
        .update(careAlerts)
        .set({ acknowledgedAt: now, acknowledgedBy: actor.kind === 'user' ? actor.id : null })
        .where(and(eq(careAlerts.tenantId, tenantId), eq(careAlerts.elderlyId, elderlyId), eq(careAlerts.kind, 'visit_overdue'), isNull(careAlerts.acknowledgedAt)))
        .returning({ id: careAlerts.id });
      closedAlerts = closed.length;
    }
    const [after] = await tx.select({ nextVisitDue: elderly.nextVisitDue }).from(elderly).where(eq(elderly.id, elderlyId));
    await audit(tx, { tenantId, actor, action: 'people.visit.record', subjectType: 'elderly', subjectId: elderlyId, detail: { visitId: v!.id, mode: input.mode, outcome: input.outcome, visitedAt: visitedAt.toISOString(), closedAlerts } });
    await emit(tx, [{ tenantId, type: 'people.visit.recorded', subjectType: 'elderly', subjectId: String(elderlyId), scope: careScope(e), payload: { visitId: v!.id, outcome: input.outcome, nextVisitDue: after?.nextVisitDue?.toISOString() ?? null } }]);
    return { id: v!.id, nextVisitDue: after?.nextVisitDue ?? null };
  });
}
