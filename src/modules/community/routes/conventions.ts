// Conventions: drafting and publishing versions, acknowledgements on paper and online,
// and the list of households that have not acknowledged yet.
import { Type } from '@sinclair/typebox';
import { and, eq, inArray } from 'drizzle-orm';
import { can } from '../../../core/auth/index.js';
import type { App, AppContext } from '../../../core/context.js';
import { Problem } from '../../../core/http/problem.js';
import { buildings, unitOwners, units } from '../../places/index.js';
import { conventionAcks, conventionVersions } from '../schema.js';
import { authorizeAll, CONVENTION_KINDS, conventionSubjects, householdIds, loadConvention } from '../commands/conventionScope.js';
import { createConvention } from '../commands/createConvention.js';
import { saveDraft } from '../commands/saveConventionDraft.js';
import { publishDraft } from '../commands/publishConvention.js';
import { acknowledge } from '../commands/acknowledgeConvention.js';
import { conventionSummary, listConventions, pendingHouseholds } from '../queries/conventions.js';
import { ownerIdsOf } from '../queries/owner.js';
import { Id, IdParams, lit, Nullable } from '../present.js';

const Version = Type.Object({ id: Type.Integer(), version: Type.Integer(), status: Type.String(), body: Type.String(), changeNote: Nullable(Type.String()), publishedAt: Nullable(Type.String()), updatedAt: Type.String() });
const Summary = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  title: Type.String(),
  buildingIds: Type.Array(Type.Integer()),
  areaId: Nullable(Type.Integer()),
  committeeId: Nullable(Type.Integer()),
  placeNames: Type.Array(Type.String()),
  published: Nullable(Type.Object({ versionId: Type.Integer(), version: Type.Integer(), publishedAt: Nullable(Type.String()) })),
  drafting: Nullable(Type.Object({ versionId: Type.Integer(), version: Type.Integer(), updatedAt: Type.String() })),
  households: Type.Integer(),
  acknowledged: Type.Integer(),
  versions: Type.Array(Version),
});
const Body = Type.String({ minLength: 1, maxLength: 50_000 });

export function conventionRoutes(app: App, ctx: AppContext): void {
  const inScope = async (request: { actor: Parameters<typeof can>[0] }, id: number, action: string) => {
    const c = await loadConvention(ctx.db, request.actor.tenantId, id);
    authorizeAll(request.actor, action, await conventionSubjects(ctx.db, c));
    return c;
  };

  app.get('/community/conventions', { config: { policy: 'community.read' }, schema: { tags: ['community'], summary: 'Conventions in my scope with acknowledgement counts', response: { 200: Type.Array(Summary) } } }, async (request) => {
    const out = [];
    for (const c of await listConventions(ctx.db, request.actor.tenantId)) {
      const subjects = await conventionSubjects(ctx.db, c);
      if (subjects.every((s) => can(request.actor, 'community.read', s))) out.push(await conventionSummary(ctx.db, c));
    }
    return out;
  });

  app.get('/community/conventions/:id', { config: { policy: 'community.read' }, schema: { tags: ['community'], summary: 'A convention with all its versions', params: IdParams, response: { 200: Summary } } }, async (request) => conventionSummary(ctx.db, await inScope(request, request.params.id, 'community.read')));

  app.get(
    '/community/conventions/:id/pending',
    {
      config: { policy: 'community.read' },
      schema: {
        tags: ['community'],
        summary: 'Households that have not acknowledged the published version',
        params: IdParams,
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }), offset: Type.Integer({ minimum: 0, default: 0 }) }),
        response: { 200: Type.Object({ version: Type.Integer(), total: Type.Integer(), units: Type.Array(Type.Object({ unitId: Type.Integer(), unitCode: Type.String(), floor: Type.Integer(), buildingName: Type.String(), owners: Type.Array(Type.String()) })) }) },
      },
    },
    async (request) => {
      const c = await inScope(request, request.params.id, 'community.read');
      const [published] = await ctx.db.select().from(conventionVersions).where(and(eq(conventionVersions.conventionId, c.id), eq(conventionVersions.status, 'published')));
      if (!published) throw new Problem(409, 'convention.no_published');
      return { version: published.version, ...(await pendingHouseholds(ctx.db, c, published.id, request.query.limit, request.query.offset)) };
    },
  );

  app.post(
    '/community/conventions',
    {
      config: { policy: 'community.manage' },
      schema: {
        tags: ['community'],
        summary: 'Draft a convention for buildings or a residential area (version 1)',
        body: Type.Object({ kind: lit(CONVENTION_KINDS), title: Type.String({ minLength: 2, maxLength: 120 }), buildingIds: Type.Optional(Type.Array(Id, { maxItems: 20 })), areaId: Type.Optional(Id), committeeId: Type.Optional(Id), body: Body }),
        response: { 201: Type.Object({ id: Type.Integer() }) },
      },
    },
    async (request, reply) => reply.status(201).send({ id: await createConvention(ctx, request.actor, request.body) }),
  );

  app.put(
    '/community/conventions/:id/draft',
    { config: { policy: 'community.manage' }, schema: { tags: ['community'], summary: 'Edit the draft, or start the next version after a publication', params: IdParams, body: Type.Object({ body: Body, changeNote: Type.Optional(Type.String({ maxLength: 500 })) }), response: { 200: Type.Object({ version: Type.Integer() }) } } },
    async (request) => ({ version: await saveDraft(ctx, request.actor, request.params.id, request.body) }),
  );

  app.post('/community/conventions/:id/publish', { config: { policy: 'community.manage' }, schema: { tags: ['community'], summary: 'Publish the draft (the previous version is superseded)', params: IdParams, response: { 200: Type.Object({ version: Type.Integer() }) } } }, async (request) => ({
    version: await publishDraft(ctx, request.actor, request.params.id),
  }));

  app.post(
    '/community/conventions/:id/acks',
    { config: { policy: 'community.manage' }, schema: { tags: ['community'], summary: "Record a household's signed acknowledgement (paper)", params: IdParams, body: Type.Object({ unitId: Id }), response: { 200: Type.Object({ version: Type.Integer(), already: Type.Boolean() }) } } },
    async (request) => acknowledge(ctx, request.actor, request.params.id, request.body.unitId, 'paper'),
  );

  app.get(
    '/community/my/conventions',
    {
      config: { policy: 'community.participate' },
      schema: {
        tags: ['community'],
        summary: 'Published conventions that bind my households, and whether each has acknowledged',
        response: { 200: Type.Array(Type.Object({ id: Type.Integer(), kind: Type.String(), title: Type.String(), version: Type.Integer(), body: Type.String(), publishedAt: Nullable(Type.String()), units: Type.Array(Type.Object({ unitId: Type.Integer(), unitCode: Type.String(), buildingName: Type.String(), acknowledgedAt: Nullable(Type.String()) })) })) },
      },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const mine = await ownerIdsOf(ctx.db, request.actor);
      if (mine.length === 0) return [];
      const myUnits = await ctx.db
        .select({ unitId: units.id, unitCode: units.code, buildingName: buildings.name })
        .from(unitOwners)
        .innerJoin(units, eq(units.id, unitOwners.unitId))
        .innerJoin(buildings, eq(buildings.id, units.buildingId))
        .where(and(eq(unitOwners.tenantId, tenantId), inArray(unitOwners.ownerId, mine)));
      const out = [];
      for (const c of await listConventions(ctx.db, tenantId)) {
        const [v] = await ctx.db.select().from(conventionVersions).where(and(eq(conventionVersions.conventionId, c.id), eq(conventionVersions.status, 'published')));
        if (!v) continue;
        const households = new Set(await householdIds(ctx.db, c));
        const bound = myUnits.filter((u) => households.has(u.unitId));
        if (bound.length === 0) continue;
        const acks = await ctx.db.select({ unitId: conventionAcks.unitId, at: conventionAcks.at }).from(conventionAcks).where(and(eq(conventionAcks.versionId, v.id), inArray(conventionAcks.unitId, bound.map((u) => u.unitId))));
        out.push({ id: c.id, kind: c.kind, title: c.title, version: v.version, body: v.body, publishedAt: v.publishedAt?.toISOString() ?? null, units: bound.map((u) => ({ ...u, acknowledgedAt: acks.find((a) => a.unitId === u.unitId)?.at.toISOString() ?? null })) });
      }
      return out;
    },
  );

  app.post(
    '/community/my/conventions/:id/acks',
    { config: { policy: 'community.participate' }, schema: { tags: ['community'], summary: 'Acknowledge the published version for one of my households', params: IdParams, body: Type.Object({ unitId: Id }), response: { 200: Type.Object({ version: Type.Integer(), already: Type.Boolean() }) } } },
    async (request) => acknowledge(ctx, request.actor, request.params.id, request.body.unitId, 'online'),
  );
}
