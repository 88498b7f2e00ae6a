// The leader's view and the exports (requests; the month's visit coverage) as .xlsx.
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { Problem, fieldProblem } from '../../../core/http/problem.js';
import { centreStats } from '../queries/stats.js';
import { allRequests } from '../queries/requests.js';
import { listVisits, monthCoverage } from '../queries/visits.js';
import { requestsWorkbook } from '../export/requestsWorkbook.js';
import { coverageWorkbook } from '../export/coverageWorkbook.js';
import { attachment, XLSX_TYPE } from '../export/workbook.js';
import { RequestQuery, viewerFilter } from './requests.js';
import { MonthParams } from './visits.js';

const tags = ['enterprise'];
export const EXPORT_MAX = 20_000;

export function statsRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/enterprise/stats',
    {
      config: { policy: 'enterprise.stats.read' },
      schema: {
        tags,
        summary: "The leader's view: requests by category and stage, on-time completion rate, satisfaction, by month and agent, this month's visit coverage",
        querystring: Type.Object({ from: Type.Optional(Type.String({ format: 'date-time' })), to: Type.Optional(Type.String({ format: 'date-time' })) }),
      },
    },
    async (request) => {
      const now = ctx.clock.now();
      const to = request.query.to ? new Date(request.query.to) : now;
      // by default the last six months, from the first of the month
      const from = request.query.from ? new Date(request.query.from) : sixMonthsBefore(now);
      if (!(from < to)) throw fieldProblem('from', 'ent.stats.period', {}, 'querystring');
      return centreStats(ctx.db, request.actor.tenantId, from, to, now);
    },
  );

  app.get(
    '/enterprise/requests/export.xlsx',
    { config: { policy: 'enterprise.requests.export' }, schema: { tags, summary: 'The requests matching the filter, as a spreadsheet', querystring: Type.Omit(RequestQuery, ['page', 'pageSize', 'sort']) } },
    async (request, reply) => {
      const actor = request.actor as UserActor;
      const rows = await allRequests(ctx.db, actor.tenantId, viewerFilter(actor, request.query), actor.id, ctx.clock.now(), EXPORT_MAX + 1);
      if (rows.length > EXPORT_MAX) throw new Problem(422, 'ent.export.too_many', { max: EXPORT_MAX });
      const buf = await requestsWorkbook(rows, '企业诉求');
      return reply.type(XLSX_TYPE).header('content-disposition', attachment('requests.xlsx', '企业诉求.xlsx')).send(buf);
    },
  );

  app.get(
    '/enterprise/visit-plans/:month/export.xlsx',
    { config: { policy: 'enterprise.visits.read' }, schema: { tags: ['enterprise visits'], summary: "The month's visit coverage and visits, as a spreadsheet", params: MonthParams } },
    async (request, reply) => {
      const { month } = request.params;
      const coverage = await monthCoverage(ctx.db, request.actor.tenantId, month);
      const visits = await listVisits(ctx.db, request.actor.tenantId, { month, limit: 5000 });
      const buf = await coverageWorkbook(month, coverage.rows, visits);
      return reply.type(XLSX_TYPE).header('content-disposition', attachment(`visit-coverage-${month}.xlsx`, `月月进楼走访覆盖-${month}.xlsx`)).send(buf);
    },
  );
}

function sixMonthsBefore(now: Date): Date {
  const local = new Date(now.getTime() + 8 * 3600_000);
  const first = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 5, 1) - 8 * 3600_000;
  return new Date(first);
}
