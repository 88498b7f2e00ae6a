// Create or change an activity (lecture, market, training). Raising the capacity moves
// waiting registrants up; it can never drop below the places already confirmed.
import { and, count, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem, fieldProblem, notFound } from '../../../core/http/problem.js';
import { activities, activityRegistrations, servicePoints } from '../schema.js';
import type { ActivityKind } from '../domain/activity.js';
import { promoteWaiting } from './promoteWaiting.js';

export interface ActivityInput {
  kind: ActivityKind;
  format?: string | null;
  series?: string | null;
  title: string;
  description?: string;
  audience: string;
  partner?: string | null;
  servicePointId?: number | null;
  venue?: string;
  lat?: number;
  lng?: number;
  areaId?: number | null;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
}

async function place(ctx: AppContext, tenantId: string, input: Pick<ActivityInput, 'servicePointId' | 'venue' | 'lat' | 'lng'>) {
  if (input.servicePointId) {
    const [p] = await ctx.db.select().from(servicePoints).where(and(eq(servicePoints.tenantId, tenantId), eq(servicePoints.id, input.servicePointId)));
    if (!p) throw fieldProblem('servicePointId', 'people.unknown_point', { id: input.servicePointId }, 'body', 422);
    return { venue: input.venue ?? p.name, lat: input.lat ?? p.lat, lng: input.lng ?? p.lng };
  }
  if (!input.venue || input.lat === undefined || input.lng === undefined) throw fieldProblem('venue', 'activity.place_required');
  return { venue: input.venue, lat: input.lat, lng: input.lng };
}

function checkTimes(startsAt: Date, endsAt: Date, now: Date, kind: string, format: string | null | undefined) {
  if (endsAt <= startsAt) throw fieldProblem('endsAt', 'activity.time_order');
  if (startsAt <= now) throw fieldProblem('startsAt', 'activity.in_past', {}, 'body', 422);
  if (kind === 'social_work_training' && !format) throw fieldProblem('format', 'activity.format_required');
}

export async function createActivity(ctx: AppContext, actor: Actor, input: ActivityInput): Promise<{ id: number }> {
  const tenantId = actor.tenantId;
  authorize(actor, 'activities.manage', { tenantId, areaId: input.areaId ?? null });
  const now = ctx.clock.now();
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  checkTimes(startsAt, endsAt, now, input.kind, input.format);
  const where = await place(ctx, tenantId, input);
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx
      .insert(activities)
      .values({
        tenantId,
        kind: input.kind,
        format: input.format ?? null,
        series: input.series ?? null,
        title: input.title,
        description: input.description ?? '',
        audience: input.audience,
        partner: input.partner ?? null,
        servicePointId: input.servicePointId ?? null,
        ...where,
        areaId: input.areaId ?? null,
        startsAt,
        endsAt,
        capacity: input.capacity,
        organiserUserId: actor.kind === 'user' ? actor.id : 0,
      })
      .returning({ id: activities.id });
    await audit(tx, { tenantId, actor, action: 'activities.create', subjectType: 'activity', subjectId: a!.id, detail: { kind: input.kind, title: input.title, capacity: input.capacity } });
    await emit(tx, [{ tenantId, type: 'people.activity.created', subjectType: 'activity', subjectId: String(a!.id), scope: { public: true }, payload: { kind: input.kind, title: input.title, startsAt: startsAt.toISOString() } }]);
    return { id: a!.id };
  });
}

export interface ActivityPatch {
  title?: string;
  description?: string;
  capacity?: number | null;
  startsAt?: string;
  endsAt?: string;
  venue?: string;
  status?: 'cancelled';
}

export async function updateActivity(ctx: AppContext, actor: Actor, id: number, patch: ActivityPatch): Promise<{ promoted: number }> {
  const tenantId = actor.tenantId;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx.select().from(activities).where(and(eq(activities.tenantId, tenantId), eq(activities.id, id))).for('update');
    if (!a) throw notFound('thing.activity', id);
    authorize(actor, 'activities.organise', a, { type: 'activity', id });
    if (a.status === 'cancelled') throw new Problem(409, 'activity.cancelled');
    const startsAt = patch.startsAt ? new Date(patch.startsAt) : a.startsAt;
    const endsAt = patch.endsAt ? new Date(patch.endsAt) : a.endsAt;
    if (patch.startsAt || patch.endsAt) checkTimes(startsAt, endsAt, now, a.kind, a.format);
    const [{ n }] = (await tx.select({ n: count() }).from(activityRegistrations).where(and(eq(activityRegistrations.activityId, id), eq(activityRegistrations.status, 'confirmed')))) as [{ n: number }];
    const confirmed = Number(n);
    if (patch.capacity !== undefined && patch.capacity !== null && patch.capacity < confirmed) throw fieldProblem('capacity', 'activity.capacity_below', { confirmed }, 'body', 422);
    await tx.update(activities).set({ ...patch, startsAt, endsAt }).where(eq(activities.id, id));
    let promoted = 0;
    if (patch.capacity !== undefined && patch.status !== 'cancelled') promoted = (await promoteWaiting(tx, actor, { ...a, capacity: patch.capacity }, confirmed, now)).length;
    await audit(tx, { tenantId, actor, action: patch.status === 'cancelled' ? 'activities.cancel' : 'activities.update', subjectType: 'activity', subjectId: id, detail: { patch, promoted } });
    await emit(tx, [{ tenantId, type: patch.status === 'cancelled' ? 'people.activity.cancelled' : 'people.activity.updated', subjectType: 'activity', subjectId: String(id), scope: { public: true }, payload: { fields: Object.keys(patch) } }]);
    return { promoted };
  });
}
