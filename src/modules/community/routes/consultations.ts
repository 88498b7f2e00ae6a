// The committee's side of consultations: draft, open (freezing the electorate), record
// paper ballots, watch participation, close, verify the result against the ballots.
import { isDeepStrictEqual } from 'node:util';
import { Type } from '@sinclair/typebox';
import { authorize, can } from '../../../core/auth/index.js';
import type { App, AppContext } from '../../../core/context.js';
import { MATTERS } from '../domain/matters.js';
import { HEAD_RULES } from '../domain/heads.js';
import { CHOICES, count, countsJson, decide, TallyError, type Choice } from '../domain/tally.js';
import { ruleFor, type Matter } from '../domain/matters.js';
import { createConsultation } from '../commands/createConsultation.js';
import { openConsultation } from '../commands/openConsultation.js';
import { castBallot } from '../commands/castBallot.js';
import { ballotsDigest, closeConsultation, type StoredResult } from '../commands/closeConsultation.js';
import { cancelConsultation } from '../commands/cancelConsultation.js';
import { loadConsultation } from '../commands/loadConsultation.js';
import { electorList, listConsultations, placeNames, standing, summary } from '../queries/consultations.js';
import { Id, IdParams, lit, Nullable, ProgressOut, ResultOut } from '../present.js';
import { formatHundredths } from '../domain/amounts.js';
import { Problem } from '../../../core/http/problem.js';

export const Matter_ = lit(MATTERS);
export const Choice_ = lit(CHOICES);

export const Summary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  matter: Type.String(),
  item: Type.Integer({ description: 'item of Civil Code art. 278 (1–9)' }),
  rule: Type.String({ description: 'three_quarters (items 6–8) or majority' }),
  status: Type.String(),
  scopeKind: Type.String(),
  buildingId: Nullable(Type.Integer()),
  areaId: Nullable(Type.Integer()),
  placeName: Type.String(),
  headRule: Type.String(),
  closesAt: Nullable(Type.String()),
  openedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  planId: Nullable(Type.Integer()),
  committeeId: Nullable(Type.Integer()),
});
const WithStanding = Type.Composite([Summary, Type.Object({ progress: Nullable(ProgressOut), result: Nullable(ResultOut) })]);
const Detail = Type.Composite([WithStanding, Type.Object({ description: Type.String(), publicCode: Type.String(), allowed: Type.Array(Type.String()) })]);

export function consultationRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/community/consultations',
    {
      config: { policy: 'community.read' },
      schema: { tags: ['community'], summary: 'Consultations in my scope, with live participation or the result', querystring: Type.Object({ status: Type.Optional(Type.String({ maxLength: 20 })) }), response: { 200: Type.Array(WithStanding) } },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const names = await placeNames(ctx.db, tenantId);
      const out = [];
      for (const c of await listConsultations(ctx.db, tenantId)) {
        if (request.query.status && c.status !== request.query.status) continue;
        const s = summary(c, names);
        if (!can(request.actor, 'community.read', { tenantId, buildingId: s.buildingId, areaId: s.areaId, committeeId: c.committeeId })) continue;
        out.push({ ...s, ...(await standing(ctx.db, c)) });
      }
      return out;
    },
  );

  app.get(
    '/community/consultations/:id',
    { config: { policy: 'community.read' }, schema: { tags: ['community'], summary: 'One consultation: participation (while open) or result (closed)', params: IdParams, response: { 200: Detail } } },
    async (request) => {
      const { tenantId } = request.actor;
      const { c, subject } = await loadConsultation(ctx.db, tenantId, request.params.id);
      authorize(request.actor, 'community.read', subject);
      const allowed = can(request.actor, 'community.manage', subject) ? ({ draft: ['open', 'cancel'], open: ['paper_ballot', 'close', 'cancel'] } as Record<string, string[]>)[c.status] ?? [] : [];
      return { ...summary(c, await placeNames(ctx.db, tenantId)), ...(await standing(ctx.db, c)), description: c.description, publicCode: c.publicCode, allowed };
    },
  );

  app.get(
    '/community/consultations/:id/progress',
    { config: { policy: 'community.read' }, schema: { tags: ['community'], summary: 'Live participation by area and by head (never the choices before the close)', params: IdParams, response: { 200: Type.Object({ status: Type.String(), progress: Nullable(ProgressOut) }) } } },
    async (request) => {
      const { c, subject } = await loadConsultation(ctx.db, request.actor.tenantId, request.params.id);
      authorize(request.actor, 'community.read', subject);
      return { status: c.status, progress: (await standing(ctx.db, c)).progress };
    },
  );

  app.get(
    '/community/consultations/:id/units',
    {
      config: { policy: 'community.read' },
      schema: {
        tags: ['community'],
        summary: 'The frozen electorate: each unit, its area, and whether (not how) it has voted',
        params: IdParams,
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 20 })), voted: Type.Optional(Type.Boolean()), limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }), offset: Type.Integer({ minimum: 0, default: 0 }) }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            units: Type.Array(Type.Object({ unitId: Type.Integer(), unitCode: Type.String(), floor: Type.Integer(), buildingId: Type.Integer(), area: Type.String(), headKey: Type.Integer(), owners: Type.Integer(), voted: Type.Boolean(), channel: Nullable(Type.String()), paperRef: Nullable(Type.String()), castAt: Nullable(Type.String()), revision: Nullable(Type.Integer()) })),
          }),
        },
      },
    },
    async (request) => {
      const { c, subject } = await loadConsultation(ctx.db, request.actor.tenantId, request.params.id);
      authorize(request.actor, 'community.read', subject);
      const { q, voted, limit, offset } = request.query;
      const r = await electorList(ctx.db, c.id, { search: q, voted, limit, offset });
      return { total: r.total, units: r.rows.map((u) => ({ ...u, area: formatHundredths(u.area), voted: u.channel !== null, castAt: u.castAt?.toISOString() ?? null })) };
    },
  );

  app.post(
    '/community/consultations',
    {
      config: { policy: 'community.manage' },
      schema: {
        tags: ['community'],
        summary: 'Draft a consultation for one building or one residential area',
        body: Type.Object({
          title: Type.String({ minLength: 2, maxLength: 120 }),
          description: Type.Optional(Type.String({ maxLength: 5000 })),
          matter: Matter_,
          buildingId: Type.Optional(Id),
          areaId: Type.Optional(Id),
          committeeId: Type.Optional(Id),
          headRule: Type.Optional(lit(HEAD_RULES)),
          planId: Type.Optional(Id),
        }),
        response: { 201: Type.Object({ id: Type.Integer() }) },
      },
    },
    async (request, reply) => reply.status(201).send({ id: await createConsultation(ctx, request.actor, request.body) }),
  );

  app.post(
    '/community/consultations/:id/open',
    {
      config: { policy: 'community.manage' },
      schema: {
        tags: ['community'],
        summary: 'Open the vote: freeze the electorate from the unit register and set the deadline',
        params: IdParams,
        body: Type.Object({ closesAt: Type.Optional(Type.String({ format: 'date-time' })), workingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 120 })) }),
        response: { 200: Type.Object({ ok: Type.Boolean() }) },
      },
    },
    async (request) => {
      await openConsultation(ctx, request.actor, request.params.id, request.body);
      return { ok: true };
    },
  );

  app.post(
    '/community/consultations/:id/ballots',
    {
      config: { policy: 'community.manage' },
      schema: {
        tags: ['community'],
        summary: "Record a paper ballot for a unit (replaces the unit's earlier ballot until the close)",
        params: IdParams,
        body: Type.Object({ unitId: Id, choice: Choice_, paperRef: Type.String({ minLength: 1, maxLength: 60 }) }),
        response: { 200: Type.Object({ units: Type.Array(Type.Object({ unitId: Type.Integer(), unitCode: Type.String(), previous: Nullable(Type.String()) })), choice: Type.String(), castAt: Type.String() }) },
      },
    },
    async (request) => castBallot(ctx, request.actor, request.params.id, { unitId: request.body.unitId, choice: request.body.choice as Choice, channel: 'paper', paperRef: request.body.paperRef }),
  );

  app.post(
    '/community/consultations/:id/close',
    { config: { policy: 'community.manage' }, schema: { tags: ['community'], summary: 'Close the vote at its deadline and publish the result', params: IdParams, response: { 200: Type.Object({ passed: Type.Boolean() }) } } },
    async (request) => {
      const r = await closeConsultation(ctx, request.actor, request.params.id);
      return { passed: r!.decision.passed };
    },
  );

  app.post(
    '/community/consultations/:id/cancel',
    { config: { policy: 'community.manage' }, schema: { tags: ['community'], summary: 'Call off a draft or open consultation', params: IdParams, body: Type.Object({ reason: Type.String({ minLength: 2, maxLength: 500 }) }), response: { 200: Type.Object({ ok: Type.Boolean() }) } } },
    async (request) => {
      await cancelConsultation(ctx, request.actor, request.params.id, request.body.reason);
      return { ok: true };
    },
  );

  app.get(
    '/community/consultations/:id/verify',
    {
      config: { policy: 'community.read' },
      schema: {
        tags: ['community'],
        summary: 'Recount a closed consultation from its ballots and compare with the published result',
        params: IdParams,
        response: { 200: Type.Object({ matches: Type.Boolean(), digestMatches: Type.Boolean(), countsMatch: Type.Boolean(), passedMatches: Type.Boolean(), digest: Type.String(), ballots: Type.Integer() }) },
      },
    },
    async (request) => {
      const { c, subject } = await loadConsultation(ctx.db, request.actor.tenantId, request.params.id);
      authorize(request.actor, 'community.read', subject);
      if (c.status !== 'closed' || !c.result) throw new Problem(409, 'consultation.state', { status: { $t: `community.status.${c.status}` }, action: { $t: 'community.action.close' } });
      const stored = c.result as StoredResult;
      const { digest, electors, ballots } = await ballotsDigest(ctx.db, c.id);
      let counts;
      try {
        counts = count(electors, ballots.map((b) => ({ unitId: b.unitId, choice: b.choice as Choice })));
      } catch (e) {
        if (e instanceof TallyError) throw new Problem(409, 'consultation.split_head', { unit: e.unitId });
        throw e;
      }
      const again = decide(counts, ruleFor(c.matter as Matter));
      // jsonb does not keep key order: compare structurally
      const countsMatch = isDeepStrictEqual(countsJson(counts), stored.counts);
      const digestMatches = digest === stored.ballotsDigest;
      const passedMatches = again.passed === stored.decision.passed;
      return { matches: countsMatch && digestMatches && passedMatches, countsMatch, digestMatches, passedMatches, digest, ballots: ballots.length };
    },
  );
}
