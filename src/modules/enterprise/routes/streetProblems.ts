// Street problems the centre has reported, with the case each became (once linked).
import { Type } from '@sinclair/typebox';
import { desc, eq } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import { entStreetProblems } from '../schema.js';
import { Nullable, Time } from './schemas.js';

export function streetProblemRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/enterprise/street-problems',
    {
      config: { policy: 'enterprise.street_problems.read' },
      schema: {
        tags: ['enterprise'],
        summary: 'Street problems reported from requests and visits, newest first',
        response: { 200: Type.Array(Type.Object({ id: Type.Integer(), requestId: Nullable(Type.Integer()), findingId: Nullable(Type.Integer()), categoryHint: Nullable(Type.String()), description: Type.String(), lng: Type.Number(), lat: Type.Number(), address: Nullable(Type.String()), reportedAt: Time, caseRef: Nullable(Type.String()) })) },
      },
    },
    async (request) => {
      const rows = await ctx.db.select().from(entStreetProblems).where(eq(entStreetProblems.tenantId, request.actor.tenantId)).orderBy(desc(entStreetProblems.reportedAt)).limit(500);
      return rows.map((p) => ({ id: p.id, requestId: p.requestId, findingId: p.findingId, categoryHint: p.categoryHint, description: p.description, lng: p.lng, lat: p.lat, address: p.address, reportedAt: p.reportedAt.toISOString(), caseRef: p.caseRef }));
    },
  );
}
