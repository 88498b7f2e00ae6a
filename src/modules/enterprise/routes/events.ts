// Promotion, training and networking events: announce, register (enterprise staff),
// withdraw, record attendance.
import { Type } from '@sinclair/typebox';
import { and, eq } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { fieldProblem, notFound } from '../../../core/http/problem.js';
import { entEvents } from '../schema.js';
import { isAgent } from '../policies.js';
import { eventRegistrations, listEvents, presentEvent } from '../queries/events.js';
import { createEvent, EVENT_KINDS } from '../commands/createEvent.js';
import { registerForEvent } from '../commands/registerForEvent.js';
import { cancelRegistration } from '../commands/cancelRegistration.js';
import { recordAttendance } from '../commands/recordAttendance.js';
import { Id, IdParams, Literals, Nullable, Ok, Phone, Ref, Time } from './schemas.js';

const tags = ['enterprise events'];
const EventOut = Type.Object({ id: Type.Integer(), kind: Type.String(), title: Type.String(), description: Type.String(), place: Type.String(), startsAt: Time, endsAt: Time, capacity: Type.Integer(), status: Type.String() });
const Registration = Type.Object({ id: Type.Integer(), enterprise: Ref, attendeeName: Type.String(), attendeePhone: Nullable(Type.String()), registeredAt: Time, attended: Nullable(Type.Boolean()) });

export function eventRoutes(app: App, ctx: AppContext): void {
  const user = (r: { actor: unknown }) => r.actor as UserActor;
  /** an enterprise user sees the registrations of their own enterprises only */
  const ownScope = (a: UserActor) => (isAgent(a) || !a.roles.includes('enterprise_user') ? undefined : a.scopes.enterprise);

  app.get(
    '/enterprise/events',
    {
      config: { policy: 'enterprise.events.read' },
      schema: { tags, summary: 'Events with seats taken; `mine` counts your enterprise’s sign-ups', querystring: Type.Object({ when: Type.Optional(Type.Union([Type.Literal('upcoming'), Type.Literal('past')])) }), response: { 200: Type.Array(Type.Composite([EventOut, Type.Object({ taken: Type.Integer(), attended: Type.Integer(), seatsLeft: Type.Integer(), mine: Type.Integer() })])) } },
    },
    async (request) => listEvents(ctx.db, request.actor.tenantId, { when: request.query.when, now: ctx.clock.now(), ownEnterprises: ownScope(user(request)) }),
  );

  app.get(
    '/enterprise/events/:id',
    { config: { policy: 'enterprise.events.read' }, schema: { tags, summary: 'One event with its registrations', params: IdParams, response: { 200: Type.Composite([EventOut, Type.Object({ registrations: Type.Array(Registration) })]) } } },
    async (request) => {
      const [e] = await ctx.db.select().from(entEvents).where(and(eq(entEvents.tenantId, request.actor.tenantId), eq(entEvents.id, request.params.id)));
      if (!e) throw notFound('thing.ent_event', request.params.id);
      return { ...presentEvent(e), registrations: await eventRegistrations(ctx.db, e.id, ownScope(user(request))) };
    },
  );

  app.post(
    '/enterprise/events',
    {
      config: { policy: 'enterprise.events.manage' },
      schema: { tags, summary: 'Announce an event', body: Type.Object({ kind: Literals(EVENT_KINDS), title: Type.String({ minLength: 2, maxLength: 100 }), description: Type.String({ maxLength: 2000, default: '' }), place: Type.String({ minLength: 2, maxLength: 100 }), startsAt: Type.String({ format: 'date-time' }), endsAt: Type.String({ format: 'date-time' }), capacity: Type.Integer({ minimum: 1, maximum: 2000 }) }), response: { 201: Type.Object({ id: Type.Integer() }) } },
    },
    async (request, reply) => reply.status(201).send(await createEvent(ctx, user(request), { ...request.body, startsAt: new Date(request.body.startsAt), endsAt: new Date(request.body.endsAt) })),
  );

  app.post(
    '/enterprise/events/:id/registrations',
    {
      config: { policy: 'enterprise.events.register' },
      schema: { tags, summary: 'Sign up a member of an enterprise’s staff', params: IdParams, body: Type.Object({ enterpriseId: Type.Optional(Id), attendeeName: Type.String({ minLength: 1, maxLength: 40 }), attendeePhone: Type.Optional(Nullable(Phone)) }), response: { 201: Type.Object({ id: Type.Integer(), seatsLeft: Type.Integer() }) } },
    },
    async (request, reply) => {
      const actor = user(request);
      const own = actor.scopes.enterprise.length === 1 && !isAgent(actor) ? actor.scopes.enterprise[0] : undefined;
      const enterpriseId = request.body.enterpriseId ?? own;
      if (enterpriseId === undefined) throw fieldProblem('enterpriseId', 'ent.enterprise.required');
      return reply.status(201).send(await registerForEvent(ctx, actor, request.params.id, { ...request.body, enterpriseId }));
    },
  );

  app.delete(
    '/enterprise/events/:id/registrations/:registrationId',
    { config: { policy: 'enterprise.events.register' }, schema: { tags, summary: 'Withdraw a sign-up before the event', params: Type.Object({ id: Id, registrationId: Id }), response: { 200: Ok } } },
    async (request) => {
      await cancelRegistration(ctx, user(request), request.params.id, request.params.registrationId);
      return { ok: true };
    },
  );

  app.post(
    '/enterprise/events/:id/attendance',
    { config: { policy: 'enterprise.events.manage' }, schema: { tags, summary: 'Record who came', params: IdParams, body: Type.Array(Type.Object({ registrationId: Id, attended: Type.Boolean() }), { minItems: 1, maxItems: 2000 }), response: { 200: Type.Object({ attended: Type.Integer() }) } } },
    async (request) => recordAttendance(ctx, user(request), request.params.id, request.body),
  );
}
