// Requests: the queue, one request, a new request (at the window, by phone, on a visit,
// or online by the enterprise itself).
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../../core/context.js';
import { authorize, type UserActor } from '../../../core/auth/index.js';
import { fieldProblem, notFound } from '../../../core/http/problem.js';
import { CHANNELS, REQUEST_STATUSES } from '../domain/requestRules.js';
import { createRequest } from '../commands/createRequest.js';
import { findRequestRow, listRequests, requestDetail, type RequestFilter } from '../queries/requests.js';
import { isAgent } from '../policies.js';
import { Id, IdParams, Literals, Nullable, Phone, RequestDetail, RequestListItem } from './schemas.js';

export const RequestQuery = Type.Object({
  status: Type.Optional(Type.Array(Literals(REQUEST_STATUSES), { maxItems: 5 })),
  open: Type.Optional(Type.Boolean({ description: 'only requests not yet completed or cancelled' })),
  owner: Type.Optional(Type.Union([Type.Literal('me'), Type.Literal('none'), Type.Integer({ minimum: 1 })])),
  enterpriseId: Type.Optional(Id),
  categoryId: Type.Optional(Id),
  q: Type.Optional(Type.String({ maxLength: 60, description: 'request number, enterprise or item name' })),
  overdue: Type.Optional(Type.Boolean()),
  handoverToMe: Type.Optional(Type.Boolean()),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  sort: Type.Optional(Type.Union([Type.Literal('due'), Type.Literal('created')])),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
});

type Query = (typeof RequestQuery)['static'];

/** The filter a viewer may use: an enterprise user is held to their own enterprises. */
export function viewerFilter(actor: UserActor, query: Query): RequestFilter {
  const f: RequestFilter = { ...query, from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined, enterpriseIds: query.enterpriseId ? [query.enterpriseId] : undefined };
  if (!isAgent(actor) && actor.roles.includes('enterprise_user')) {
    if (query.enterpriseId) authorize(actor, 'enterprise.requests.read', { tenantId: actor.tenantId, enterpriseId: query.enterpriseId });
    else f.enterpriseIds = actor.scopes.enterprise;
  }
  return f;
}

export function requestRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/enterprise/requests',
    {
      config: { policy: 'enterprise.requests.read' },
      schema: {
        tags: ['enterprise'],
        summary: 'The queue of requests, by deadline; an enterprise user sees only their own enterprise',
        querystring: RequestQuery,
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(RequestListItem) }) },
      },
    },
    async (request) => {
      const actor = request.actor as UserActor;
      return listRequests(ctx.db, actor.tenantId, viewerFilter(actor, request.query), actor.id, ctx.clock.now());
    },
  );

  app.get(
    '/enterprise/requests/:id',
    {
      config: { policy: 'enterprise.requests.read' },
      schema: { tags: ['enterprise'], summary: 'One request: steps, hand-overs, progress, what the viewer may do next', params: IdParams, response: { 200: RequestDetail } },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const row = await findRequestRow(ctx.db, tenantId, request.params.id);
      if (!row) throw notFound('thing.ent_request', request.params.id);
      authorize(request.actor, 'enterprise.requests.read', row.r);
      return requestDetail(ctx.db, row, request.actor, ctx.clock.now());
    },
  );

  app.post(
    '/enterprise/requests',
    {
      config: { policy: 'enterprise.requests.create' },
      schema: {
        tags: ['enterprise'],
        summary: 'A new request: staff record one taken at the window, by phone or on a visit (and own it); an enterprise user submits one online',
        body: Type.Object({
          enterpriseId: Type.Optional(Id),
          itemId: Id,
          channel: Type.Optional(Literals(CHANNELS)),
          description: Type.String({ maxLength: 2000, default: '' }),
          contactName: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
          contactPhone: Type.Optional(Nullable(Phone)),
        }),
        response: { 201: Type.Object({ id: Type.Integer(), code: Type.String() }) },
      },
    },
    async (request, reply) => {
      const actor = request.actor as UserActor;
      const b = request.body;
      let enterpriseId = b.enterpriseId;
      if (enterpriseId === undefined) {
        // an enterprise user acting for exactly one enterprise need not name it
        if (!isAgent(actor) && actor.scopes.enterprise.length === 1) enterpriseId = actor.scopes.enterprise[0]!;
        else throw fieldProblem('enterpriseId', 'ent.enterprise.required');
      }
      const out = await createRequest(ctx, actor, { ...b, enterpriseId });
      return reply.status(201).send(out);
    },
  );
}
