// The published result of a consultation, for anyone with its link: totals only —
// participation and approval by area and by head, which thresholds were met, passed or
// failed. No unit, owner or ballot is ever shown here.
import { Type } from '@sinclair/typebox';
import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { App, AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/http/problem.js';
import { tenants } from '../../../core/db/index.js';
import { consultations } from '../schema.js';
import { placeNames, standing, summary } from '../queries/consultations.js';
import { Nullable, ProgressOut, ResultOut } from '../present.js';

export function publicRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/public/community/consultations/:code',
    {
      config: { public: true, rateLimit: { max: ctx.config.rateLimits.public, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => `public:${req.ip}` } },
      schema: {
        tags: ['community'],
        summary: 'Published totals of a consultation (participation while open, the result once closed)',
        params: Type.Object({ code: Type.String({ minLength: 8, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' }) }),
        response: {
          200: Type.Object({
            tenantName: Type.String(),
            title: Type.String(),
            description: Type.String(),
            matter: Type.String(),
            item: Type.Integer(),
            rule: Type.String(),
            status: Type.String(),
            placeName: Type.String(),
            headRule: Type.String(),
            openedAt: Nullable(Type.String()),
            closesAt: Nullable(Type.String()),
            closedAt: Nullable(Type.String()),
            progress: Nullable(ProgressOut),
            result: Nullable(ResultOut),
          }),
        },
      },
    },
    async (request, reply) => {
      const [c] = await ctx.db
        .select()
        .from(consultations)
        .where(and(eq(consultations.publicCode, request.params.code), inArray(consultations.status, ['open', 'closed'])));
      if (!c) throw notFound('thing.consultation', request.params.code);
      const [t] = await ctx.db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, c.tenantId));
      const s = summary(c, await placeNames(ctx.db, c.tenantId));
      reply.header('cache-control', 'no-store');
      return { tenantName: t?.name ?? '', title: s.title, description: c.description, matter: s.matter, item: s.item, rule: s.rule, status: s.status, placeName: s.placeName, headRule: s.headRule, openedAt: s.openedAt, closesAt: s.closesAt, closedAt: s.closedAt, ...(await standing(ctx.db, c)) };
    },
  );
}
