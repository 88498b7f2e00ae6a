// Volunteers: joining (a resident, in their own building group), tasks and projects,
// signing up. Hours are in volunteerHours.ts.
import { and, count, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor, UserActor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem, fieldProblem, notFound } from '../../../core/http/problem.js';
import { buildings } from '../../places/index.js';
import { residents, volunteerSignups, volunteerTasks, volunteers } from '../schema.js';
import { isUniqueViolation } from '../shared.js';

export async function volunteerOf(ctx: AppContext, actor: Actor) {
  if (actor.kind !== 'user') return undefined;
  const [v] = await ctx.db.select().from(volunteers).where(and(eq(volunteers.tenantId, actor.tenantId), eq(volunteers.userId, actor.id)));
  return v;
}

export async function joinVolunteers(ctx: AppContext, actor: UserActor, input: { buildingId?: number; phone?: string | null; skills: string[] }): Promise<{ id: number }> {
  const tenantId = actor.tenantId;
  const [home] = await ctx.db.select().from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.userId, actor.id)));
  const buildingId = home?.buildingId ?? input.buildingId;
  if (!buildingId) throw fieldProblem('buildingId', 'volunteer.building_required');
  const [b] = await ctx.db.select({ id: buildings.id, areaId: buildings.areaId }).from(buildings).where(and(eq(buildings.tenantId, tenantId), eq(buildings.id, buildingId)));
  if (!b) throw fieldProblem('buildingId', 'volunteer.unknown_building', { id: buildingId }, 'body', 422);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [v] = await tx
        .insert(volunteers)
        .values({ tenantId, userId: actor.id, residentId: home?.id ?? null, name: home?.name ?? actor.displayName, phone: input.phone ?? home?.phone ?? null, buildingId: b.id, areaId: b.areaId, skills: input.skills, joinedAt: ctx.clock.now() })
        .returning({ id: volunteers.id });
      await audit(tx, { tenantId, actor, action: 'volunteers.join', subjectType: 'volunteer', subjectId: v!.id, detail: { buildingId: b.id, skills: input.skills } });
      await emit(tx, [{ tenantId, type: 'people.volunteer.joined', subjectType: 'volunteer', subjectId: String(v!.id), scope: { areas: b.areaId ? [b.areaId] : [], users: [actor.id] }, payload: { buildingId: b.id } }]);
      return { id: v!.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new Problem(409, 'volunteer.already_joined');
    throw e;
  }
}

export interface TaskInput {
  kind: 'task' | 'project';
  title: string;
  description?: string;
  areaId?: number | null;
  buildingId?: number | null;
  startsAt: string;
  endsAt?: string | null;
  slots?: number | null;
}

export async function createVolunteerTask(ctx: AppContext, actor: Actor, input: TaskInput): Promise<{ id: number }> {
  const tenantId = actor.tenantId;
  authorize(actor, 'volunteers.manage', { tenantId, areaId: input.areaId ?? null });
  const startsAt = new Date(input.startsAt);
  const endsAt = input.endsAt ? new Date(input.endsAt) : null;
  if (endsAt && endsAt <= startsAt) throw fieldProblem('endsAt', 'activity.time_order');
  return ctx.db.transaction(async (tx) => {
    const [t] = await tx
      .insert(volunteerTasks)
      .values({ tenantId, kind: input.kind, title: input.title, description: input.description ?? '', areaId: input.areaId ?? null, buildingId: input.buildingId ?? null, startsAt, endsAt, slots: input.slots ?? null, organiserUserId: actor.kind === 'user' ? actor.id : 0 })
      .returning({ id: volunteerTasks.id });
    await audit(tx, { tenantId, actor, action: 'volunteers.task.create', subjectType: 'volunteer_task', subjectId: t!.id, detail: { ...input } });
    await emit(tx, [{ tenantId, type: 'people.volunteerTask.created', subjectType: 'volunteer_task', subjectId: String(t!.id), scope: { public: true }, payload: { kind: input.kind, title: input.title } }]);
    return { id: t!.id };
  });
}

export async function signUpForTask(ctx: AppContext, actor: UserActor, taskId: number): Promise<{ id: number }> {
  const tenantId = actor.tenantId;
  const v = await volunteerOf(ctx, actor);
  if (!v || !v.active) throw new Problem(409, 'volunteer.not_joined');
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [t] = await tx.select().from(volunteerTasks).where(and(eq(volunteerTasks.tenantId, tenantId), eq(volunteerTasks.id, taskId))).for('update');
      if (!t) throw notFound('thing.volunteerTask', taskId);
      if (t.status !== 'open' || (t.endsAt ?? t.startsAt) < now) throw new Problem(409, 'volunteer.task_closed');
      if (t.slots !== null) {
        const [{ n }] = (await tx.select({ n: count() }).from(volunteerSignups).where(and(eq(volunteerSignups.taskId, taskId), eq(volunteerSignups.status, 'signed_up')))) as [{ n: number }];
        if (Number(n) >= t.slots) throw new Problem(409, 'volunteer.task_full', { slots: t.slots });
      }
      const [s] = await tx.insert(volunteerSignups).values({ tenantId, taskId, volunteerId: v.id, status: 'signed_up', signedUpAt: now }).returning({ id: volunteerSignups.id });
      await audit(tx, { tenantId, actor, action: 'volunteers.signup', subjectType: 'volunteer_task', subjectId: taskId, detail: { volunteerId: v.id, signupId: s!.id } });
      await emit(tx, [{ tenantId, type: 'people.volunteer.signedUp', subjectType: 'volunteer_task', subjectId: String(taskId), scope: { users: [actor.id, t.organiserUserId] }, payload: { volunteerId: v.id } }]);
      return { id: s!.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new Problem(409, 'volunteer.already_signed_up');
    throw e;
  }
}

export async function cancelSignUp(ctx: AppContext, actor: UserActor, taskId: number): Promise<void> {
  const tenantId = actor.tenantId;
  const v = await volunteerOf(ctx, actor);
  if (!v) throw new Problem(409, 'volunteer.not_joined');
  await ctx.db.transaction(async (tx) => {
    const done = await tx
      .update(volunteerSignups)
      .set({ status: 'cancelled', cancelledAt: ctx.clock.now() })
      .where(and(eq(volunteerSignups.tenantId, tenantId), eq(volunteerSignups.taskId, taskId), eq(volunteerSignups.volunteerId, v.id), eq(volunteerSignups.status, 'signed_up')))
      .returning({ id: volunteerSignups.id });
    if (done.length === 0) throw new Problem(409, 'volunteer.not_signed_up');
    await audit(tx, { tenantId, actor, action: 'volunteers.signup.cancel', subjectType: 'volunteer_task', subjectId: taskId, detail: { volunteerId: v.id } });
    await emit(tx, [{ tenantId, type: 'people.volunteer.signUpCancelled', subjectType: 'volunteer_task', subjectId: String(taskId), scope: { users: [actor.id] }, payload: { volunteerId: v.id } }]);
  });
}
