// 月月进楼 over HTTP: the month's plan and coverage, visits and their findings, a finding
// turned into a request.
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { fieldProblem, notFound } from '../../../core/http/problem.js';
import { monthCoverage, listVisits, visitDetail } from '../queries/visits.js';
import { planVisits, reschedulePlan } from '../commands/planVisits.js';
import { recordVisit } from '../commands/recordVisit.js';
import { convertFinding } from '../commands/convertFinding.js';
import { Id, IdParams, Literals, Nullable, Ok, Ref, StreetProblemBody, Time } from './schemas.js';

const tags = ['enterprise visits'];
export const MonthParams = Type.Object({ month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' }) });
const CoverageOut = Type.Object({
  month: Type.String(),
  buildings: Type.Integer(),
  covered: Type.Integer(),
  rate: Type.Number(),
  rows: Type.Array(
    Type.Object({
      building: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), address: Type.String() }),
      plan: Nullable(Type.Object({ id: Type.Integer(), plannedOn: Type.String(), agent: Nullable(Ref), status: Type.String() })),
      visits: Type.Integer(),
      lastVisitAt: Nullable(Time),
      enterprisesMet: Type.Integer(),
      findings: Type.Integer(),
      requestsFromFindings: Type.Integer(),
      enterprisesInBuilding: Type.Integer(),
      covered: Type.Boolean(),
    }),
  ),
});
const VisitOut = Type.Object({
  id: Type.Integer(),
  building: Ref,
  visitedAt: Time,
  agents: Type.Array(Ref),
  summary: Type.String(),
  enterprises: Type.Array(Ref),
  findings: Type.Array(Type.Object({ id: Type.Integer(), kind: Type.String(), description: Type.String(), enterprise: Nullable(Ref), item: Nullable(Ref), requestId: Nullable(Type.Integer()), streetProblemId: Nullable(Type.Integer()) })),
});

export function visitRoutes(app: App, ctx: AppContext): void {
  const user = (r: { actor: unknown }) => r.actor as UserActor;

  app.get(
    '/enterprise/visit-plans/:month',
    { config: { policy: 'enterprise.visits.read' }, schema: { tags, summary: "The month's plan and coverage: every office building, its day and agent, visits made, buildings not yet visited", params: MonthParams, response: { 200: CoverageOut } } },
    async (request) => monthCoverage(ctx.db, request.actor.tenantId, request.params.month),
  );

  app.post(
    '/enterprise/visit-plans/:month',
    { config: { policy: 'enterprise.visits.plan' }, schema: { tags, summary: 'Put every office building on the calendar for the month (buildings already planned keep their day)', params: MonthParams, response: { 200: Type.Object({ created: Type.Integer() }) } } },
    async (request) => planVisits(ctx, request.actor, request.params.month),
  );

  app.patch(
    '/enterprise/visit-plans/entries/:id',
    { config: { policy: 'enterprise.visits.plan' }, schema: { tags, summary: 'Move a building to another day of the month or another agent', params: IdParams, body: Type.Object({ plannedOn: Type.Optional(Type.String({ format: 'date' })), agentId: Type.Optional(Nullable(Id)) }), response: { 200: Ok } } },
    async (request) => {
      await reschedulePlan(ctx, request.actor, request.params.id, request.body);
      return { ok: true };
    },
  );

  app.get(
    '/enterprise/visits',
    { config: { policy: 'enterprise.visits.read' }, schema: { tags, summary: 'Visits, newest first', querystring: Type.Object({ month: Type.Optional(MonthParams.properties.month), buildingId: Type.Optional(Id) }), response: { 200: Type.Array(VisitOut) } } },
    async (request) => listVisits(ctx.db, request.actor.tenantId, request.query),
  );

  app.get('/enterprise/visits/:id', { config: { policy: 'enterprise.visits.read' }, schema: { tags, summary: 'One visit with the enterprises met and the findings', params: IdParams, response: { 200: VisitOut } } }, async (request) => {
    const v = await visitDetail(ctx.db, request.actor.tenantId, request.params.id);
    if (!v) throw notFound('thing.ent_visit', request.params.id);
    return v;
  });

  app.post(
    '/enterprise/visits',
    {
      config: { policy: 'enterprise.visits.record' },
      schema: {
        tags,
        summary: 'Record a building visit: who went, when, enterprises met, findings (a street problem is passed on to become a case)',
        body: Type.Object({
          buildingId: Id,
          visitedAt: Type.String({ format: 'date-time' }),
          agentIds: Type.Array(Id, { maxItems: 10, default: [] }),
          enterpriseIds: Type.Array(Id, { maxItems: 200, default: [] }),
          summary: Type.String({ maxLength: 2000, default: '' }),
          findings: Type.Array(
            Type.Object({
              kind: Literals(['need', 'street_problem', 'other'] as const),
              description: Type.String({ minLength: 2, maxLength: 1000 }),
              enterpriseId: Type.Optional(Nullable(Id)),
              itemId: Type.Optional(Nullable(Id)),
              streetProblem: Type.Optional(Type.Partial(StreetProblemBody)),
            }),
            { maxItems: 50, default: [] },
          ),
        }),
        response: { 201: Type.Object({ id: Type.Integer(), findingIds: Type.Array(Type.Integer()) }) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const visitedAt = new Date(b.visitedAt);
      if (Number.isNaN(visitedAt.getTime())) throw fieldProblem('visitedAt', 'ent.visit.bad_time');
      return reply.status(201).send(await recordVisit(ctx, user(request), { ...b, visitedAt }));
    },
  );

  app.post(
    '/enterprise/findings/:id/request',
    {
      config: { policy: 'enterprise.visits.record' },
      schema: { tags, summary: 'Turn a need found on a visit into a request (you are its first contact)', params: IdParams, body: Type.Object({ itemId: Type.Optional(Nullable(Id)), enterpriseId: Type.Optional(Nullable(Id)), description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }), response: { 201: Type.Object({ id: Type.Integer(), code: Type.String() }) } },
    },
    async (request, reply) => reply.status(201).send(await convertFinding(ctx, user(request), request.params.id, request.body)),
  );
}

