// Service hours: a volunteer records their own (to be confirmed by the committee or the
// organiser), or an organiser records them for a volunteer (confirmed at once). Nobody
// confirms hours they recorded themselves.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor, UserActor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { localDate } from '../../../core/calendar/index.js';
import { Problem, fieldProblem, notFound } from '../../../core/http/problem.js';
import { volunteerHours, volunteerTasks, volunteers } from '../schema.js';
import { validHours } from '../domain/ranking.js';
import { volunteerOf } from './volunteers.js';

export interface HoursInput {
  volunteerId?: number;
  taskId?: number | null;
  servedOn: string;
  hours: number;
  description: string;
}

/** Hours are recorded within this many days of the service. */
const RECORD_WITHIN_DAYS = 90;

export async function recordHours(ctx: AppContext, actor: UserActor, input: HoursInput): Promise<{ id: number; status: string }> {
  const tenantId = actor.tenantId;
  const now = ctx.clock.now();
  if (!validHours(input.hours)) throw fieldProblem('hours', 'volunteer.hours_invalid');
  const today = localDate(now);
  if (input.servedOn > today) throw fieldProblem('servedOn', 'volunteer.served_future', {}, 'body', 422);
  if (Date.parse(today) - Date.parse(input.servedOn) > RECORD_WITHIN_DAYS * 86_400_000) throw fieldProblem('servedOn', 'volunteer.served_too_old', { days: RECORD_WITHIN_DAYS }, 'body', 422);
  let v: typeof volunteers.$inferSelect | undefined;
  let byOrganiser = false;
  if (input.volunteerId !== undefined) {
    [v] = await ctx.db.select().from(volunteers).where(and(eq(volunteers.tenantId, tenantId), eq(volunteers.id, input.volunteerId)));
    if (!v) throw notFound('thing.volunteer', input.volunteerId);
    byOrganiser = v.userId !== actor.id;
    if (byOrganiser) authorize(actor, 'volunteers.manage', v, { type: 'volunteer', id: v.id });
  } else {
    v = await volunteerOf(ctx, actor);
    if (!v) throw new Problem(409, 'volunteer.not_joined');
  }
  if (input.taskId) {
    const [t] = await ctx.db.select({ id: volunteerTasks.id }).from(volunteerTasks).where(and(eq(volunteerTasks.tenantId, tenantId), eq(volunteerTasks.id, input.taskId)));
    if (!t) throw fieldProblem('taskId', 'volunteer.unknown_task', { id: input.taskId }, 'body', 422);
  }
  const status = byOrganiser ? 'confirmed' : 'recorded';
  return ctx.db.transaction(async (tx) => {
    const [h] = await tx
      .insert(volunteerHours)
      .values({ tenantId, volunteerId: v!.id, taskId: input.taskId ?? null, servedOn: input.servedOn, hours: input.hours.toFixed(1), description: input.description, status, recordedBy: actor.id, recordedAt: now, ...(byOrganiser ? { reviewedBy: actor.id, reviewedAt: now } : {}) })
      .returning({ id: volunteerHours.id });
    await audit(tx, { tenantId, actor, action: 'volunteers.hours.record', subjectType: 'volunteer', subjectId: v!.id, detail: { hoursId: h!.id, hours: input.hours, servedOn: input.servedOn, status } });
    await emit(tx, [{ tenantId, type: 'people.hours.recorded', subjectType: 'volunteer', subjectId: String(v!.id), scope: { areas: v!.areaId ? [v!.areaId] : [], users: v!.userId ? [v!.userId] : [] }, payload: { hoursId: h!.id, status } }]);
    return { id: h!.id, status };
  });
}

export async function reviewHours(ctx: AppContext, actor: Actor, hoursId: number, decision: 'confirm' | 'reject', note?: string | null): Promise<{ status: string }> {
  const tenantId = actor.tenantId;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [h] = await tx.select().from(volunteerHours).where(and(eq(volunteerHours.tenantId, tenantId), eq(volunteerHours.id, hoursId))).for('update');
    if (!h) throw notFound('thing.volunteerHours', hoursId);
    const [v] = await tx.select().from(volunteers).where(eq(volunteers.id, h.volunteerId));
    authorize(actor, 'volunteers.manage', v, { type: 'volunteer_hours', id: hoursId });
    if (actor.kind === 'user' && (h.recordedBy === actor.id || v!.userId === actor.id)) {
      const p = new Problem(403, 'volunteer.self_review', {}, undefined, { action: 'volunteers.manage' });
      p.auditSubject = { type: 'volunteer_hours', id: hoursId };
      throw p;
    }
    if (h.status !== 'recorded') throw new Problem(409, 'volunteer.hours_reviewed', { status: { $t: `hours.${h.status}` } });
    if (decision === 'reject' && !note?.trim()) throw fieldProblem('note', 'people.reason_required');
    const status = decision === 'confirm' ? 'confirmed' : 'rejected';
    await tx.update(volunteerHours).set({ status, reviewedBy: actor.kind === 'user' ? actor.id : null, reviewedAt: now, reviewNote: note ?? null }).where(eq(volunteerHours.id, hoursId));
    await audit(tx, { tenantId, actor, action: `volunteers.hours.${decision}`, subjectType: 'volunteer', subjectId: h.volunteerId, detail: { hoursId, hours: h.hours, note: note ?? null } });
    await emit(tx, [{ tenantId, type: `people.hours.${status}`, subjectType: 'volunteer', subjectId: String(h.volunteerId), scope: { users: v!.userId ? [v!.userId] : [] }, payload: { hoursId } }]);
    return { status };
  });
}
