// Enterprises: the directory, one enterprise with its lifecycle, registration and
// changes by agents, stage changes; the agents of the centre.
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../../core/context.js';
import { authorize, type UserActor } from '../../../core/auth/index.js';
import { notFound } from '../../../core/http/problem.js';
import { INDUSTRIES, PROJECT_TIERS, SIZES, STAGES } from '../domain/enterprise.js';
import { enterpriseDetail, listEnterprises } from '../queries/enterprises.js';
import { createEnterprise, updateEnterprise } from '../commands/saveEnterprise.js';
import { changeStage } from '../commands/changeStage.js';
import { listAgents } from '../commands/agents.js';
import { isAgent } from '../policies.js';
import { Id, IdParams, Literals, Nullable, Ok, Phone, Time } from './schemas.js';

const tags = ['enterprise'];
const EnterpriseOut = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  creditCode: Nullable(Type.String()),
  building: Type.Object({ id: Type.Integer(), name: Type.String() }),
  floor: Type.Integer(),
  room: Nullable(Type.String()),
  industry: Type.String(),
  size: Type.String(),
  stage: Type.String(),
  projectTier: Nullable(Type.String()),
  settledOn: Nullable(Type.String()),
  illustrative: Type.Boolean(),
  active: Type.Boolean(),
});
const ContactT = Type.Object({ name: Type.String({ minLength: 1, maxLength: 40 }), title: Type.Optional(Nullable(Type.String({ maxLength: 40 }))), phone: Type.Optional(Nullable(Phone)), email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 100 }))), primary: Type.Optional(Type.Boolean()) });
const Fields = {
  name: Type.String({ minLength: 2, maxLength: 100 }),
  creditCode: Type.Optional(Nullable(Type.String({ maxLength: 18, description: '统一社会信用代码 (18 characters, checked)' }))),
  buildingId: Id,
  floor: Type.Integer({ minimum: -3, maximum: 120 }),
  room: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  industry: Type.String({ minLength: 2, maxLength: 20, examples: [...INDUSTRIES] }),
  size: Literals(SIZES),
  projectTier: Type.Optional(Nullable(Literals(PROJECT_TIERS))),
  settledOn: Type.Optional(Nullable(Type.String({ format: 'date' }))),
  contacts: Type.Optional(Type.Array(ContactT, { maxItems: 10 })),
};

export function enterpriseRoutes(app: App, ctx: AppContext): void {
  const user = (r: { actor: unknown }) => r.actor as UserActor;

  app.get(
    '/enterprise/enterprises',
    {
      config: { policy: 'enterprise.enterprises.read' },
      schema: {
        tags,
        summary: 'Enterprises of the subdistrict (an enterprise user sees their own)',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 60 })), buildingId: Type.Optional(Id), industry: Type.Optional(Type.String({ maxLength: 20 })), stage: Type.Optional(Literals(STAGES)), size: Type.Optional(Literals(SIZES)), page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })) }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(EnterpriseOut) }) },
      },
    },
    async (request) => {
      const actor = user(request);
      const own = !isAgent(actor) && actor.roles.includes('enterprise_user');
      return listEnterprises(ctx.db, actor.tenantId, { ...request.query, ids: own ? actor.scopes.enterprise : undefined });
    },
  );

  app.get(
    '/enterprise/enterprises/:id',
    {
      config: { policy: 'enterprise.enterprises.read' },
      schema: {
        tags,
        summary: 'One enterprise: contacts, lifecycle (settling in, stage changes, services used, visits, events), use of the centre',
        params: IdParams,
        response: {
          200: Type.Composite([
            EnterpriseOut,
            Type.Object({
              contacts: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), title: Nullable(Type.String()), phone: Nullable(Type.String()), email: Nullable(Type.String()), primary: Type.Boolean(), hasLogin: Type.Boolean() })),
              lifecycle: Type.Array(Type.Object({ at: Time, kind: Type.String(), fromStage: Nullable(Type.String()), toStage: Nullable(Type.String()), refType: Nullable(Type.String()), refId: Nullable(Type.Integer()), note: Nullable(Type.String()), by: Nullable(Type.String()) })),
              requests: Type.Object({ total: Type.Integer(), completed: Type.Integer(), open: Type.Integer(), avgRating: Nullable(Type.Number()) }),
              lastVisitAt: Nullable(Time),
            }),
          ]),
        },
      },
    },
    async (request) => {
      authorize(request.actor, 'enterprise.enterprises.read', { tenantId: request.actor.tenantId, id: request.params.id });
      const d = await enterpriseDetail(ctx.db, request.actor.tenantId, request.params.id);
      if (!d) throw notFound('thing.enterprise', request.params.id);
      return d;
    },
  );

  app.post(
    '/enterprise/enterprises',
    { config: { policy: 'enterprise.enterprises.manage' }, schema: { tags, summary: 'Register an enterprise (settling in starts its lifecycle)', body: Type.Object({ ...Fields, stage: Literals(STAGES) }), response: { 201: Type.Object({ id: Type.Integer() }) } } },
    async (request, reply) => reply.status(201).send(await createEnterprise(ctx, user(request), request.body)),
  );

  app.patch(
    '/enterprise/enterprises/:id',
    { config: { policy: 'enterprise.enterprises.manage' }, schema: { tags, summary: 'Change an enterprise (the stage changes through /stage)', params: IdParams, body: Type.Partial(Type.Object(Fields)), response: { 200: Ok } } },
    async (request) => {
      await updateEnterprise(ctx, user(request), request.params.id, request.body);
      return { ok: true };
    },
  );

  app.post(
    '/enterprise/enterprises/:id/stage',
    { config: { policy: 'enterprise.enterprises.manage' }, schema: { tags, summary: 'Record a change of stage (start-up → growth → mature, or back) with the reason', params: IdParams, body: Type.Object({ stage: Literals(STAGES), note: Type.String({ minLength: 2, maxLength: 500 }) }), response: { 200: Ok } } },
    async (request) => {
      await changeStage(ctx, user(request), request.params.id, request.body);
      return { ok: true };
    },
  );

  app.get(
    '/enterprise/agents',
    { config: { policy: 'enterprise.visits.read' }, schema: { tags, summary: 'Agents of the centre (chief and frontline)', response: { 200: Type.Array(Type.Object({ id: Type.Integer(), displayName: Type.String(), chief: Type.Boolean(), phone: Nullable(Type.String()) })) } } },
    async (request) => listAgents(ctx.db, request.actor.tenantId),
  );
}
