// Activities and training: list (near me), register, cancel, organiser's list and
// check-in, attendance statistics.
import { Type } from '@sinclair/typebox';
import { and, asc, eq } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import { authorize, type UserActor } from '../../../core/auth/index.js';
import { notFound } from '../../../core/http/problem.js';
import { activities, activityRegistrations } from '../schema.js';
import { createActivity, updateActivity } from '../commands/saveActivity.js';
import { registerForActivity } from '../commands/registerForActivity.js';
import { cancelRegistration } from '../commands/cancelRegistration.js';
import { checkIn } from '../commands/checkIn.js';
import { listActivities, myRegistrations, presentActivity, registrationCounts } from '../queries/activityList.js';
import { attendanceStats } from '../queries/attendance.js';
import { homeOf } from '../queries/home.js';
import { ActivityKind, Audience, DateTime, Id, IdParams, Nullable, NullableFormat, NullableInt, NullableStr, TrainingFormat } from './schemas.js';

const Mine = Nullable(Type.Object({ id: Type.Integer(), status: Type.String(), position: Nullable(Type.Integer()), checkinCode: Type.String(), checkedInAt: Nullable(Type.String()) }));
const ActivityOut = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  format: Nullable(Type.String()),
  series: Nullable(Type.String()),
  title: Type.String(),
  description: Type.String(),
  audience: Type.String(),
  partner: Nullable(Type.String()),
  venue: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  areaId: Nullable(Type.Integer()),
  startsAt: Type.String(),
  endsAt: Type.String(),
  capacity: Nullable(Type.Integer()),
  status: Type.String(),
  organiserUserId: Type.Integer(),
  confirmed: Type.Integer(),
  waitlisted: Type.Integer(),
  checkedIn: Type.Integer(),
  placesLeft: Nullable(Type.Integer()),
  walk: Nullable(Type.Object({ metres: Type.Integer(), minutes: Type.Integer() })),
  canRegister: Type.Boolean(),
  canOrganise: Type.Boolean(),
  mine: Mine,
});

export function activityRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/people/activities',
    {
      config: { policy: 'activities.read' },
      schema: {
        tags: ['people'],
        summary: 'Activities not yet over (or from a date), with places left, my registration and walking minutes from my home',
        querystring: Type.Object({ from: Type.Optional(DateTime), to: Type.Optional(DateTime), kind: Type.Optional(ActivityKind), organising: Type.Optional(Type.Boolean()), registered: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Array(ActivityOut) },
      },
    },
    async (request) => {
      const actor = request.actor as UserActor;
      const q = request.query;
      const rows = await listActivities(ctx.db, actor, { from: q.from ? new Date(q.from) : ctx.clock.now(), to: q.to ? new Date(q.to) : undefined, kind: q.kind, mine: q.organising });
      const ids = rows.map((r) => r.id);
      const [counts, mine, home] = await Promise.all([registrationCounts(ctx.db, ids), myRegistrations(ctx.db, actor.id, ids), homeOf(ctx.db, actor)]);
      const out = rows.map((a) => ({ ...presentActivity(a, counts.get(a.id), home, actor), mine: mine.get(a.id) ?? null }));
      return q.registered ? out.filter((a) => a.mine) : out;
    },
  );

  app.get('/people/activities/:id', { config: { policy: 'activities.read' }, schema: { tags: ['people'], summary: 'One activity', params: IdParams, response: { 200: ActivityOut } } }, async (request) => {
    const actor = request.actor as UserActor;
    const [a] = await ctx.db.select().from(activities).where(and(eq(activities.tenantId, actor.tenantId), eq(activities.id, request.params.id)));
    if (!a) throw notFound('thing.activity', request.params.id);
    const [counts, mine, home] = await Promise.all([registrationCounts(ctx.db, [a.id]), myRegistrations(ctx.db, actor.id, [a.id]), homeOf(ctx.db, actor)]);
    return { ...presentActivity(a, counts.get(a.id), home, actor), mine: mine.get(a.id) ?? null };
  });

  app.post(
    '/people/activities',
    {
      config: { policy: 'activities.manage' },
      schema: {
        tags: ['people'],
        summary: 'Publish an activity: health lecture, market for new-employment groups, social-work training, community event',
        body: Type.Object({
          kind: ActivityKind,
          format: Type.Optional(NullableFormat),
          series: Type.Optional(NullableStr({ maxLength: 40 })),
          title: Type.String({ minLength: 2, maxLength: 80 }),
          description: Type.Optional(Type.String({ maxLength: 2000 })),
          audience: Audience,
          partner: Type.Optional(NullableStr({ maxLength: 60 })),
          servicePointId: Type.Optional(NullableInt({ minimum: 1 })),
          venue: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
          lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
          lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
          areaId: Type.Optional(NullableInt({ minimum: 1 })),
          startsAt: DateTime,
          endsAt: DateTime,
          capacity: NullableInt({ minimum: 1, maximum: 5000 }),
        }),
        response: { 201: Type.Object({ id: Type.Integer() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await createActivity(ctx, request.actor, request.body)),
  );

  app.patch(
    '/people/activities/:id',
    {
      config: { policy: 'activities.manage' },
      schema: {
        tags: ['people'],
        summary: 'Change or cancel an activity; a larger capacity moves waiting registrants up',
        params: IdParams,
        body: Type.Object({ title: Type.Optional(Type.String({ minLength: 2, maxLength: 80 })), description: Type.Optional(Type.String({ maxLength: 2000 })), capacity: Type.Optional(NullableInt({ minimum: 1, maximum: 5000 })), startsAt: Type.Optional(DateTime), endsAt: Type.Optional(DateTime), venue: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })), status: Type.Optional(Type.Literal('cancelled')) }),
        response: { 200: Type.Object({ promoted: Type.Integer() }) },
      },
    },
    async (request) => updateActivity(ctx, request.actor, request.params.id, request.body),
  );

  const Registered = Type.Object({ id: Type.Integer(), status: Type.String(), position: NullableInt(), checkinCode: Type.String() });
  app.post(
    '/people/activities/:id/registrations',
    {
      config: { policy: 'activities.register' },
      schema: { tags: ['people'], summary: 'Register myself: a confirmed place while places last, otherwise the waiting list', params: IdParams, response: { 201: Registered } },
    },
    async (request, reply) => reply.status(201).send(await registerForActivity(ctx, request.actor as UserActor, request.params.id)),
  );

  app.post(
    '/people/activities/:id/registrations/for-resident',
    {
      config: { policy: 'activities.organise' },
      schema: { tags: ['people'], summary: 'Organiser: register a resident who called or came to the desk (same places and waiting list)', params: IdParams, body: Type.Object({ residentId: Id }), response: { 201: Registered } },
    },
    async (request, reply) => reply.status(201).send(await registerForActivity(ctx, request.actor as UserActor, request.params.id, request.body.residentId)),
  );

  app.post(
    '/people/registrations/:id/cancel',
    { config: { policy: 'people.self' }, schema: { tags: ['people'], summary: 'Cancel a registration (mine, or as organiser); the first waiting moves up', params: IdParams, response: { 200: Type.Object({ promoted: Type.Array(Type.Integer()) }) } } },
    async (request) => cancelRegistration(ctx, request.actor, request.params.id),
  );

  app.get(
    '/people/activities/:id/registrations',
    {
      config: { policy: 'activities.organise' },
      schema: {
        tags: ['people'],
        summary: 'Registrations of an activity (organiser), in order',
        params: IdParams,
        response: { 200: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), status: Type.String(), registeredAt: Type.String(), confirmedAt: Nullable(Type.String()), checkedInAt: Nullable(Type.String()) })) },
      },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const [a] = await ctx.db.select().from(activities).where(and(eq(activities.tenantId, tenantId), eq(activities.id, request.params.id)));
      if (!a) throw notFound('thing.activity', request.params.id);
      authorize(request.actor, 'activities.organise', a, { type: 'activity', id: a.id });
      const rows = await ctx.db.select().from(activityRegistrations).where(eq(activityRegistrations.activityId, a.id)).orderBy(asc(activityRegistrations.registeredAt), asc(activityRegistrations.id));
      return rows.map((r) => ({ id: r.id, name: r.name, status: r.status, registeredAt: r.registeredAt.toISOString(), confirmedAt: r.confirmedAt?.toISOString() ?? null, checkedInAt: r.checkedInAt?.toISOString() ?? null }));
    },
  );

  app.post(
    '/people/activities/:id/check-in',
    {
      config: { policy: 'activities.organise' },
      schema: {
        tags: ['people'],
        summary: 'Check a registrant in, by registration or by the six-digit code on their phone',
        params: IdParams,
        body: Type.Object({ registrationId: Type.Optional(Id), code: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })) }),
        response: { 200: Type.Object({ registrationId: Type.Integer(), name: Type.String(), checkedInAt: Type.String() }) },
      },
    },
    async (request) => {
      const r = await checkIn(ctx, request.actor, request.params.id, request.body);
      return { ...r, checkedInAt: r.checkedInAt.toISOString() };
    },
  );

  app.get(
    '/people/activity-stats',
    {
      config: { policy: 'activities.stats' },
      schema: { tags: ['people'], summary: 'Attendance statistics by kind and format, and per activity, for activities in a period', querystring: Type.Object({ from: DateTime, to: DateTime }) },
    },
    async (request) => attendanceStats(ctx.db, request.actor.tenantId, new Date(request.query.from), new Date(request.query.to), ctx.clock.now()),
  );
}
