// GET /api/v1/district/kpis: the district viewer's roll-up of case indicators per
// subdistrict of its district (区级汇总). Read-only.
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../../core/context.js';
import { authorize } from '../../../core/auth/index.js';
import { notFound } from '../../../core/http/problem.js';
import { districtKpis, districtOf } from '../queries/districtKpis.js';
import { KpiRowT, period } from './reports.js';

const DAY = Type.String({ format: 'date', description: 'local date (Asia/Shanghai)' });

export function districtRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/district/kpis',
    {
      config: { policy: 'cases.district' },
      schema: {
        tags: ['cases'],
        summary: 'District roll-up: per subdistrict of the viewer’s district, case indicators of a period and open/overdue cases now',
        description: 'Only for district viewers. The district is the one of the viewer’s own subdistrict; every subdistrict of that district in this deployment is listed.',
        querystring: Type.Object({ from: Type.Optional(DAY), to: Type.Optional(DAY) }),
        response: {
          200: Type.Object({
            district: Type.String(),
            from: Type.String(),
            to: Type.String(),
            rows: Type.Array(Type.Object({ tenantId: Type.String(), name: Type.String(), nameEn: Type.String(), open: Type.Integer(), overdue: Type.Integer(), kpi: KpiRowT })),
          }),
        },
      },
    },
    async (request) => {
      authorize(request.actor, 'cases.district');
      const p = period(ctx, request.query);
      const district = await districtOf(ctx, request.actor.tenantId);
      if (!district) throw notFound('thing.tenant', request.actor.tenantId);
      return { district, ...p, rows: await districtKpis(ctx, district, p.from, p.to) };
    },
  );
}
