// Volunteers: my profile and hours, tasks and projects with sign-up, recording and
// confirming hours, and the yearly 楼组志愿星 ranking.
import { Type } from '@sinclair/typebox';
import { and, asc, count, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import { can, type Actor, type UserActor } from '../../../core/auth/index.js';
import { localDate } from '../../../core/calendar/index.js';
import { buildings } from '../../places/index.js';
import { volunteerHours, volunteerSignups, volunteerTasks, volunteers } from '../schema.js';
import { cancelSignUp, createVolunteerTask, joinVolunteers, signUpForTask, volunteerOf } from '../commands/volunteers.js';
import { recordHours, reviewHours } from '../commands/volunteerHours.js';
import { maskName, yearlyRanking } from '../queries/ranking.js';
import { DateTime, Day, Id, IdParams, Nullable, NullableInt, NullableStr } from './schemas.js';

/** Volunteers an organiser looks after: everyone for care staff and admins, their areas for a committee. */
function organiserScope(actor: Actor): SQL | undefined {
  if (actor.kind !== 'user') return sql`false`;
  if (actor.roles.includes('admin') || actor.roles.includes('care_staff')) return undefined;
  return actor.scopes.area.length ? inArray(volunteers.areaId, actor.scopes.area) : sql`false`;
}

const HoursOut = Type.Object({ id: Type.Integer(), volunteerId: Type.Integer(), name: Type.String(), taskId: Nullable(Type.Integer()), servedOn: Type.String(), hours: Type.Number(), description: Type.String(), status: Type.String(), reviewNote: Nullable(Type.String()) });
const presentHours = (h: typeof volunteerHours.$inferSelect, name: string) => ({ id: h.id, volunteerId: h.volunteerId, name, taskId: h.taskId, servedOn: h.servedOn, hours: Number(h.hours), description: h.description, status: h.status, reviewNote: h.reviewNote });

export function volunteerRoutes(app: App, ctx: AppContext): void {
  app.get('/people/volunteers/me', { config: { policy: 'people.self' }, schema: { tags: ['people'], summary: 'My volunteer profile, this year’s hours and my place in my building group' } }, async (request) => {
    const actor = request.actor as UserActor;
    const v = await volunteerOf(ctx, actor);
    if (!v) return { volunteer: null };
    const year = Number(localDate(ctx.clock.now()).slice(0, 4));
    const [b] = await ctx.db.select({ name: buildings.name }).from(buildings).where(eq(buildings.id, v.buildingId));
    const hours = await ctx.db.select().from(volunteerHours).where(and(eq(volunteerHours.volunteerId, v.id), gte(volunteerHours.servedOn, `${year}-01-01`))).orderBy(desc(volunteerHours.servedOn), desc(volunteerHours.id));
    const { ranked } = await yearlyRanking(ctx.db, actor.tenantId, year, { buildingId: v.buildingId });
    const list = ranked.get(v.buildingId) ?? [];
    const mine = list.find((r) => r.volunteerId === v.id);
    const sum = (s: string) => hours.filter((h) => h.status === s).reduce((t, h) => t + Number(h.hours), 0);
    return {
      volunteer: { id: v.id, name: v.name, buildingId: v.buildingId, buildingName: b?.name ?? '', skills: v.skills, joinedAt: v.joinedAt.toISOString() },
      year,
      confirmedHours: sum('confirmed'),
      pendingHours: sum('recorded'),
      rank: mine?.rank ?? null,
      rankedInBuilding: list.length,
      hours: hours.map((h) => presentHours(h, v.name)),
    };
  });

  app.post(
    '/people/volunteers/me',
    {
      config: { policy: 'people.self' },
      schema: { tags: ['people'], summary: 'Join as a volunteer (in the building group of my home)', body: Type.Object({ buildingId: Type.Optional(Id), phone: Type.Optional(Nullable(Type.String({ pattern: '^[0-9+() -]{5,24}$' }))), skills: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 10, default: [] }) }), response: { 201: Type.Object({ id: Type.Integer() }) } },
    },
    async (request, reply) => reply.status(201).send(await joinVolunteers(ctx, request.actor as UserActor, request.body)),
  );

  app.get(
    '/people/volunteers',
    {
      config: { policy: 'volunteers.read' },
      schema: { tags: ['people'], summary: 'Volunteers I look after, with confirmed hours this year', querystring: Type.Object({ buildingId: Type.Optional(Id) }) },
    },
    async (request) => {
      const year = Number(localDate(ctx.clock.now()).slice(0, 4));
      const rows = await ctx.db
        .select({ id: volunteers.id, name: volunteers.name, phone: volunteers.phone, buildingId: volunteers.buildingId, buildingName: buildings.name, skills: volunteers.skills, active: volunteers.active, hours: sql<string>`coalesce((select sum(h.hours) from volunteer_hours h where h.volunteer_id = ${volunteers.id} and h.status = 'confirmed' and h.served_on >= ${`${year}-01-01`}), 0)` })
        .from(volunteers)
        .innerJoin(buildings, eq(buildings.id, volunteers.buildingId))
        .where(and(eq(volunteers.tenantId, request.actor.tenantId), organiserScope(request.actor), request.query.buildingId ? eq(volunteers.buildingId, request.query.buildingId) : undefined))
        .orderBy(asc(volunteers.buildingId), asc(volunteers.id))
        .limit(1000);
      return rows.map((r) => ({ ...r, hours: Number(r.hours) }));
    },
  );

  app.get(
    '/people/volunteer-tasks',
    { config: { policy: 'people.self' }, schema: { tags: ['people'], summary: 'Open volunteer tasks and projects, with places left and whether I signed up' } },
    async (request) => {
      const actor = request.actor as UserActor;
      const now = ctx.clock.now();
      const rows = await ctx.db
        .select()
        .from(volunteerTasks)
        .where(and(eq(volunteerTasks.tenantId, actor.tenantId), eq(volunteerTasks.status, 'open'), sql`coalesce(${volunteerTasks.endsAt}, ${volunteerTasks.startsAt}) >= ${now.toISOString()}::timestamptz`))
        .orderBy(asc(volunteerTasks.startsAt))
        .limit(200);
      const ids = rows.map((r) => r.id);
      const taken = ids.length ? await ctx.db.select({ taskId: volunteerSignups.taskId, n: count() }).from(volunteerSignups).where(and(inArray(volunteerSignups.taskId, ids), eq(volunteerSignups.status, 'signed_up'))).groupBy(volunteerSignups.taskId) : [];
      const me = await volunteerOf(ctx, actor);
      const mine = me && ids.length ? new Set((await ctx.db.select({ taskId: volunteerSignups.taskId }).from(volunteerSignups).where(and(inArray(volunteerSignups.taskId, ids), eq(volunteerSignups.volunteerId, me.id), eq(volunteerSignups.status, 'signed_up')))).map((s) => s.taskId)) : new Set<number>();
      const takenOf = new Map(taken.map((t) => [t.taskId, Number(t.n)]));
      return rows.map((t) => ({ id: t.id, kind: t.kind, title: t.title, description: t.description, areaId: t.areaId, buildingId: t.buildingId, startsAt: t.startsAt.toISOString(), endsAt: t.endsAt?.toISOString() ?? null, slots: t.slots, signedUp: takenOf.get(t.id) ?? 0, placesLeft: t.slots === null ? null : Math.max(0, t.slots - (takenOf.get(t.id) ?? 0)), mine: mine.has(t.id) }));
    },
  );

  app.post(
    '/people/volunteer-tasks',
    {
      config: { policy: 'volunteers.manage' },
      schema: { tags: ['people'], summary: 'Publish a volunteer task or project', body: Type.Object({ kind: Type.Union([Type.Literal('task'), Type.Literal('project')]), title: Type.String({ minLength: 2, maxLength: 80 }), description: Type.Optional(Type.String({ maxLength: 2000 })), areaId: Type.Optional(NullableInt({ minimum: 1 })), buildingId: Type.Optional(NullableInt({ minimum: 1 })), startsAt: DateTime, endsAt: Type.Optional(NullableStr({ format: 'date-time' })), slots: Type.Optional(NullableInt({ minimum: 1, maximum: 1000 })) }), response: { 201: Type.Object({ id: Type.Integer() }) } },
    },
    async (request, reply) => reply.status(201).send(await createVolunteerTask(ctx, request.actor, request.body)),
  );

  app.post('/people/volunteer-tasks/:id/signups', { config: { policy: 'people.self' }, schema: { tags: ['people'], summary: 'Sign up for a task or project', params: IdParams, response: { 201: Type.Object({ id: Type.Integer() }) } } }, async (request, reply) =>
    reply.status(201).send(await signUpForTask(ctx, request.actor as UserActor, request.params.id)),
  );

  app.post('/people/volunteer-tasks/:id/cancel-signup', { config: { policy: 'people.self' }, schema: { tags: ['people'], summary: 'Withdraw my sign-up', params: IdParams, response: { 204: Type.Null() } } }, async (request, reply) => {
    await cancelSignUp(ctx, request.actor as UserActor, request.params.id);
    return reply.status(204).send(null);
  });

  app.post(
    '/people/volunteer-hours',
    {
      config: { policy: 'people.self' },
      schema: {
        tags: ['people'],
        summary: 'Record service hours: my own (to be confirmed), or as organiser for a volunteer (confirmed)',
        body: Type.Object({ volunteerId: Type.Optional(Id), taskId: Type.Optional(NullableInt({ minimum: 1 })), servedOn: Day, hours: Type.Number({ minimum: 0.5, maximum: 12 }), description: Type.String({ minLength: 2, maxLength: 200 }) }),
        response: { 201: Type.Object({ id: Type.Integer(), status: Type.String() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await recordHours(ctx, request.actor as UserActor, request.body)),
  );

  app.get(
    '/people/volunteer-hours',
    { config: { policy: 'volunteers.manage' }, schema: { tags: ['people'], summary: 'Hours waiting for confirmation (or of another status) for volunteers I look after', querystring: Type.Object({ status: Type.Union([Type.Literal('recorded'), Type.Literal('confirmed'), Type.Literal('rejected')], { default: 'recorded' }) }), response: { 200: Type.Array(HoursOut) } } },
    async (request) => {
      const rows = await ctx.db
        .select({ h: volunteerHours, name: volunteers.name })
        .from(volunteerHours)
        .innerJoin(volunteers, eq(volunteers.id, volunteerHours.volunteerId))
        .where(and(eq(volunteerHours.tenantId, request.actor.tenantId), eq(volunteerHours.status, request.query.status), organiserScope(request.actor)))
        .orderBy(asc(volunteerHours.recordedAt))
        .limit(500);
      return rows.map((r) => presentHours(r.h, r.name));
    },
  );

  app.post(
    '/people/volunteer-hours/:id/review',
    { config: { policy: 'volunteers.manage' }, schema: { tags: ['people'], summary: 'Confirm or reject recorded hours (a reason is needed to reject)', params: IdParams, body: Type.Object({ decision: Type.Union([Type.Literal('confirm'), Type.Literal('reject')]), note: Type.Optional(NullableStr({ maxLength: 200 })) }), response: { 200: Type.Object({ status: Type.String() }) } } },
    async (request) => reviewHours(ctx, request.actor, request.params.id, request.body.decision, request.body.note),
  );

  app.get(
    '/people/volunteers/ranking',
    {
      config: { policy: 'volunteers.ranking' },
      schema: {
        tags: ['people'],
        summary: '楼组志愿星: confirmed hours of a year ranked within each building group',
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), buildingId: Type.Optional(Id), areaId: Type.Optional(Id), top: Type.Integer({ minimum: 1, maximum: 100, default: 3 }) }),
      },
    },
    async (request) => {
      const actor = request.actor;
      const year = request.query.year ?? Number(localDate(ctx.clock.now()).slice(0, 4));
      const { ranked, info, userOf } = await yearlyRanking(ctx.db, actor.tenantId, year, request.query);
      const groups = [...ranked.entries()].map(([buildingId, list]) => {
        // organisers of the area see full names; everyone else a masked name (and their own)
        const fullNames = can(actor, 'volunteers.read', { tenantId: actor.tenantId, areaId: info.get(buildingId)?.areaId ?? null });
        return {
        buildingId,
        buildingName: info.get(buildingId)?.name ?? '',
        areaId: info.get(buildingId)?.areaId ?? null,
        volunteers: list.length,
        totalHours: list.reduce((s, r) => s + r.hours, 0),
        stars: list
          .filter((r) => r.rank <= request.query.top)
          .map((r) => {
            const me = actor.kind === 'user' && userOf.get(r.volunteerId) === actor.id;
            return { rank: r.rank, volunteerId: r.volunteerId, name: fullNames || me ? r.name : maskName(r.name), hours: r.hours, me };
          }),
        };
      });
      groups.sort((a, b) => b.totalHours - a.totalHours || a.buildingId - b.buildingId);
      return { year, groups };
    },
  );
}
