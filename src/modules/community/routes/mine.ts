// The owner's side: the consultations that include my units, my ballot for each unit
// (never anyone else's), voting online, and the published totals once closed.
import { Type } from '@sinclair/typebox';
import { and, arrayOverlaps, eq, inArray } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import { buildings } from '../../places/index.js';
import { ballots, consultationElectors, consultations, costPlanShares } from '../schema.js';
import { castBallot } from '../commands/castBallot.js';
import { placeNames, standing, summary } from '../queries/consultations.js';
import { ownerIdsOf } from '../queries/owner.js';
import { IdParams, Id, Nullable, ProgressOut, ResultOut } from '../present.js';
import { formatHundredths } from '../domain/amounts.js';
import type { Choice } from '../domain/tally.js';
import { Choice_, Summary } from './consultations.js';

const MyUnit = Type.Object({
  unitId: Type.Integer(),
  unitCode: Type.String(),
  buildingName: Type.String(),
  floor: Type.Integer(),
  area: Type.String(),
  /** units of the same holder that one ballot speaks for (per-holder rule) */
  sameHolder: Type.Integer(),
  ballot: Nullable(Type.Object({ choice: Type.String(), channel: Type.String(), castAt: Type.String(), mine: Type.Boolean() })),
  /** this unit's share (yuan) when the vote is on a cost-sharing plan */
  share: Nullable(Type.String()),
});

export function mineRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/community/my/consultations',
    {
      config: { policy: 'community.vote' },
      schema: {
        tags: ['community'],
        summary: "Open and closed consultations that include my units, with my units' ballots",
        response: { 200: Type.Array(Type.Composite([Summary, Type.Object({ description: Type.String(), units: Type.Array(MyUnit), progress: Nullable(ProgressOut), result: Nullable(ResultOut) })])) },
      },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const mine = await ownerIdsOf(ctx.db, request.actor);
      if (mine.length === 0) return [];
      const electors = await ctx.db
        .select({ consultationId: consultationElectors.consultationId, unitId: consultationElectors.unitId, unitCode: consultationElectors.unitCode, floor: consultationElectors.floor, buildingId: consultationElectors.buildingId, area: consultationElectors.area, headKey: consultationElectors.headKey })
        .from(consultationElectors)
        .where(and(eq(consultationElectors.tenantId, tenantId), arrayOverlaps(consultationElectors.ownerIds, mine)));
      if (electors.length === 0) return [];
      const cids = [...new Set(electors.map((e) => e.consultationId))];
      const cs = await ctx.db.select().from(consultations).where(and(eq(consultations.tenantId, tenantId), inArray(consultations.id, cids), inArray(consultations.status, ['open', 'closed'])));
      const bs = await ctx.db
        .select({ consultationId: ballots.consultationId, unitId: ballots.unitId, choice: ballots.choice, channel: ballots.channel, castAt: ballots.castAt, ownerId: ballots.ownerId })
        .from(ballots)
        .where(and(inArray(ballots.consultationId, cids), inArray(ballots.unitId, electors.map((e) => e.unitId))));
      const heads = await ctx.db
        .select({ consultationId: consultationElectors.consultationId, headKey: consultationElectors.headKey, unitId: consultationElectors.unitId })
        .from(consultationElectors)
        .where(and(inArray(consultationElectors.consultationId, cids), inArray(consultationElectors.headKey, electors.map((e) => e.headKey))));
      const bnames = new Map((await ctx.db.select({ id: buildings.id, name: buildings.name }).from(buildings).where(eq(buildings.tenantId, tenantId))).map((b) => [b.id, b.name]));
      const names = await placeNames(ctx.db, tenantId);
      const planIds = cs.map((c) => c.planId).filter((p): p is number => p !== null);
      const shares = planIds.length ? await ctx.db.select().from(costPlanShares).where(and(inArray(costPlanShares.planId, planIds), inArray(costPlanShares.unitId, electors.map((e) => e.unitId)))) : [];
      const out = [];
      // open ones first, soonest deadline first
      cs.sort((a, b) => (a.status === b.status ? (a.closesAt?.getTime() ?? 0) - (b.closesAt?.getTime() ?? 0) : a.status === 'open' ? -1 : 1));
      for (const c of cs) {
        const units = electors
          .filter((e) => e.consultationId === c.id)
          .map((e) => {
            const b = bs.find((x) => x.consultationId === c.id && x.unitId === e.unitId);
            return {
              unitId: e.unitId,
              unitCode: e.unitCode,
              buildingName: bnames.get(e.buildingId) ?? '',
              floor: e.floor,
              area: formatHundredths(e.area),
              sameHolder: heads.filter((h) => h.consultationId === c.id && h.headKey === e.headKey).length,
              ballot: b ? { choice: b.choice, channel: b.channel, castAt: b.castAt.toISOString(), mine: b.ownerId !== null && mine.includes(b.ownerId) } : null,
              share: (() => {
                const s = c.planId ? shares.find((x) => x.planId === c.planId && x.unitId === e.unitId) : undefined;
                return s ? formatHundredths(s.amount) : null;
              })(),
            };
          });
        out.push({ ...summary(c, names), description: c.description, units, ...(await standing(ctx.db, c)) });
      }
      return out;
    },
  );

  app.post(
    '/community/my/consultations/:id/ballots',
    {
      config: { policy: 'community.vote' },
      schema: {
        tags: ['community'],
        summary: 'Vote online for one of my units (changeable until the close)',
        params: IdParams,
        body: Type.Object({ unitId: Id, choice: Choice_ }),
        response: { 200: Type.Object({ units: Type.Array(Type.Object({ unitId: Type.Integer(), unitCode: Type.String(), previous: Nullable(Type.String()) })), choice: Type.String(), castAt: Type.String() }) },
      },
    },
    async (request) => castBallot(ctx, request.actor, request.params.id, { unitId: request.body.unitId, choice: request.body.choice as Choice, channel: 'online' }),
  );
}
