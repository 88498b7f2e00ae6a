// Care visits and their rules, alerts, and the counts on a committee worker's page.
import { Type } from '@sinclair/typebox';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import { auditMany } from '../../../core/audit/index.js';
import { localDate } from '../../../core/calendar/index.js';
import { careAlerts, elderly, residents } from '../schema.js';
import { birthDateRange } from '../domain/age.js';
import { recordVisit } from '../commands/recordVisit.js';
import { acknowledgeAlert } from '../commands/acknowledgeAlert.js';
import { saveVisitRules } from '../commands/saveVisitRules.js';
import { loadRules } from '../commands/replan.js';
import { scopeCondition } from '../queries/registerList.js';
import { buildings, units } from '../../places/index.js';
import { dueSoonLimit } from '../domain/visitPlan.js';
import { DateTime, IdParams, Nullable, NullableBool, NullableInt, NullableStr, VisitOutcome, VisitUnit } from './schemas.js';

const Rule = Type.Object({
  id: Type.Optional(Type.Integer({ minimum: 1 })),
  name: Type.String({ minLength: 1, maxLength: 60 }),
  nameEn: Type.String({ minLength: 1, maxLength: 80 }),
  minAge: Type.Integer({ minimum: 0, maximum: 120 }),
  maxAge: NullableInt({ minimum: 0, maximum: 130 }),
  livesAlone: NullableBool(),
  minCareLevel: NullableInt({ minimum: 0, maximum: 6 }),
  every: Type.Integer({ minimum: 1 }),
  unit: VisitUnit,
  active: Type.Boolean({ default: true }),
});

export function visitRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/people/elderly/:id/visits',
    {
      config: { policy: 'people.visits.record' },
      schema: {
        tags: ['people'],
        summary: 'Record a care visit (a visit where nobody was home does not move the plan on)',
        params: IdParams,
        body: Type.Object({ visitedAt: Type.Optional(DateTime), mode: Type.Union([Type.Literal('home'), Type.Literal('phone'), Type.Literal('video')]), outcome: VisitOutcome, notes: Type.Optional(NullableStr({ maxLength: 1000 })) }),
        response: { 201: Type.Object({ id: Type.Integer(), nextVisitDue: Nullable(Type.String()) }) },
      },
    },
    async (request, reply) => {
      const r = await recordVisit(ctx, request.actor, request.params.id, request.body);
      return reply.status(201).send({ id: r.id, nextVisitDue: r.nextVisitDue?.toISOString() ?? null });
    },
  );

  app.get('/people/visit-rules', { config: { policy: 'people.visitRules.read' }, schema: { tags: ['people'], summary: 'Visit rules of this subdistrict (first match wins)', response: { 200: Type.Array(Type.Composite([Rule, Type.Object({ id: Type.Integer(), position: Type.Integer() })])) } } }, async (request) =>
    loadRules(ctx.db, request.actor.tenantId),
  );

  app.put(
    '/people/visit-rules',
    {
      config: { policy: 'people.visitRules.manage' },
      schema: { tags: ['people'], summary: 'Replace the visit rules and replan every entry', body: Type.Object({ rules: Type.Array(Rule, { minItems: 1, maxItems: 30 }) }), response: { 200: Type.Object({ rules: Type.Integer(), replanned: Type.Integer() }) } },
    },
    async (request) => saveVisitRules(ctx, request.actor, request.body.rules.map((r) => ({ ...r, active: r.active ?? true }))),
  );

  app.get(
    '/people/alerts',
    {
      config: { policy: 'people.alerts.read' },
      schema: { tags: ['people'], summary: 'Alerts for my committee (open first)', querystring: Type.Object({ open: Type.Boolean({ default: true }), limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }) },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const rows = await ctx.db
        .select({ alert: careAlerts, name: residents.name, buildingName: buildings.name, unitCode: units.code, livesAlone: elderly.livesAlone })
        .from(careAlerts)
        .innerJoin(elderly, eq(elderly.id, careAlerts.elderlyId))
        .innerJoin(residents, eq(residents.id, elderly.residentId))
        .innerJoin(units, eq(units.id, residents.unitId))
        .innerJoin(buildings, eq(buildings.id, residents.buildingId))
        .where(and(eq(careAlerts.tenantId, tenantId), scopeCondition(request.actor), request.query.open ? isNull(careAlerts.acknowledgedAt) : undefined))
        .orderBy(desc(careAlerts.raisedAt), desc(careAlerts.id))
        .limit(request.query.limit);
      // alerts name people: each one shown is a read of that entry
      await auditMany(ctx.db, rows.map((r) => ({ tenantId, actor: request.actor, action: 'people.elderly.list', subjectType: 'elderly', subjectId: r.alert.elderlyId, detail: { via: 'alerts' }, ip: request.ip })));
      return rows.map(({ alert: a, ...e }) => ({
        id: a.id,
        kind: a.kind,
        raisedAt: a.raisedAt.toISOString(),
        dueAt: a.dueAt?.toISOString() ?? null,
        caseRef: a.caseRef,
        detail: a.detail,
        acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
        elderly: { id: a.elderlyId, ...e },
      }));
    },
  );

  app.post('/people/alerts/:id/ack', { config: { policy: 'people.alerts.read' }, schema: { tags: ['people'], summary: 'Mark an alert as seen', params: IdParams, response: { 204: Type.Null() } } }, async (request, reply) => {
    await acknowledgeAlert(ctx, request.actor, request.params.id);
    return reply.status(204).send(null);
  });

  app.get(
    '/people/overview',
    {
      config: { policy: 'people.elderly.read' },
      schema: {
        tags: ['people'],
        summary: 'Counts for a committee worker: entries, living alone, 80+, overdue, due this week, open alerts (no personal data)',
        response: { 200: Type.Object({ total: Type.Integer(), livesAlone: Type.Integer(), over80: Type.Integer(), over80Alone: Type.Integer(), overdue: Type.Integer(), dueThisWeek: Type.Integer(), withSensor: Type.Integer(), openAlerts: Type.Integer() }) },
      },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const now = ctx.clock.now();
      const [, born80] = birthDateRange('80-89', localDate(now));
      const inScope = and(eq(elderly.tenantId, tenantId), scopeCondition(request.actor), eq(elderly.status, 'active'));
      const nowIso = now.toISOString();
      const weekIso = dueSoonLimit(now).toISOString();
      const [c] = await ctx.db
        .select({
          total: count(),
          livesAlone: sql<number>`count(*) filter (where ${elderly.livesAlone})`,
          over80: sql<number>`count(*) filter (where ${residents.birthDate} <= ${born80})`,
          over80Alone: sql<number>`count(*) filter (where ${residents.birthDate} <= ${born80} and ${elderly.livesAlone})`,
          overdue: sql<number>`count(*) filter (where ${elderly.nextVisitDue} < ${nowIso}::timestamptz)`,
          dueThisWeek: sql<number>`count(*) filter (where ${elderly.nextVisitDue} >= ${nowIso}::timestamptz and ${elderly.nextVisitDue} < ${weekIso}::timestamptz)`,
          withSensor: sql<number>`count(*) filter (where exists (select 1 from sensor_consents s where s.elderly_id = ${elderly.id} and s.withdrawn_at is null))`,
        })
        .from(elderly)
        .innerJoin(residents, eq(residents.id, elderly.residentId))
        .where(inScope);
      const [a] = await ctx.db
        .select({ n: count() })
        .from(careAlerts)
        .innerJoin(elderly, eq(elderly.id, careAlerts.elderlyId))
        .where(and(inScope, isNull(careAlerts.acknowledgedAt)));
      const n = (v: unknown) => Number(v ?? 0);
      return { total: n(c?.total), livesAlone: n(c?.livesAlone), over80: n(c?.over80), over80Alone: n(c?.over80Alone), overdue: n(c?.overdue), dueThisWeek: n(c?.dueThisWeek), withSensor: n(c?.withSensor), openAlerts: n(a?.n) };
    },
  );
}
