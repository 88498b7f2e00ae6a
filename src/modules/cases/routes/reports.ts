// KPIs, hotspots and exports.
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../../core/context.js';
import { Problem } from '../../../core/http/problem.js';
import { KPI_DIMENSIONS, KPI_FIELDS, type KpiDimension } from '../domain/kpi.js';
import { localDate } from '../../../core/calendar/index.js';
import { engineOf } from '../services/engine.js';
import { hotspots, kpiRows } from '../queries/kpis.js';
import { openCasePointsJson, todayBoard } from '../queries/board.js';
import { listCases } from '../queries/listCases.js';
import { presentCase, type CaseView } from '../queries/present.js';
import { casesTable, kpiTable, toCsv, toXlsx, type Table } from '../queries/exportTables.js';
import { categoryIds, filterOf } from './cases.js';
import { ListQueryT, Nullable } from './schemas.js';

const DAY = Type.String({ format: 'date', description: 'local date (Asia/Shanghai)' });
const PeriodT = Type.Object({ from: Type.Optional(DAY), to: Type.Optional(DAY) });
const DimT = Type.Union(KPI_DIMENSIONS.map((d) => Type.Literal(d)));
const FormatT = Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]);
const MAX_EXPORT = 100_000;
const BY_ZH: Record<KpiDimension, string> = { tenant: '街道', grid: '网格', department: '部门', category: '类别', source: '来源', grade: '等级' };

const RatesT = Type.Object({
  handleRate: Nullable(Type.Number()),
  handleOnTimeRate: Nullable(Type.Number()),
  closeRate: Nullable(Type.Number()),
  closeOnTimeRate: Nullable(Type.Number()),
  dispatchAccuracy: Nullable(Type.Number()),
  reworkRate: Nullable(Type.Number()),
  avgHandleHours: Nullable(Type.Number()),
  urgentCloseOnTimeRate: Nullable(Type.Number()),
});
export const KpiRowT = Type.Object({ key: Type.String(), label: Type.String(), ...Object.fromEntries(KPI_FIELDS.map((f) => [f, Type.Number()])), rates: RatesT });

/** [from, to] local days; default the last 30 days. */
export function period(ctx: AppContext, q: { from?: string; to?: string }): { from: string; to: string } {
  const today = localDate(ctx.clock.now());
  const to = q.to ?? today;
  const from = q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (!(days >= 0 && days < 1000)) throw new Problem(400, 'problem.validation', {}, [{ field: 'to', in: 'querystring', code: 'case.period' }]);
  return { from, to };
}

const instant = (day: string, add = 0) => new Date(Date.parse(`${day}T00:00:00+08:00`) + add * 86_400_000);

async function send(reply: import('fastify').FastifyReply, table: Table, format: 'csv' | 'xlsx', name: string, ascii: string) {
  // an ASCII name for old clients, the Chinese one (RFC 6266) for the rest
  reply.header('content-disposition', `attachment; filename="${ascii}.${format}"; filename*=UTF-8''${encodeURIComponent(`${name}.${format}`)}`);
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(table));
  return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(table));
}

export function reportRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/cases/kpis',
    {
      config: { policy: 'cases.kpi' },
      schema: {
        tags: ['cases'],
        summary: 'Indicators (处置率, 按期处置率, 结案率, 按期结案率, 准确派遣率, 返工率, 平均处置时长) of the cases registered in a period, by one dimension',
        querystring: Type.Intersect([PeriodT, Type.Object({ by: Type.Optional(DimT) })]),
        response: { 200: Type.Object({ from: Type.String(), to: Type.String(), by: Type.String(), total: KpiRowT, rows: Type.Array(KpiRowT) }) },
      },
    },
    async (request) => {
      const p = period(ctx, request.query);
      const by = request.query.by ?? 'tenant';
      const cfg = await engineOf(ctx).config.get(request.actor.tenantId);
      return { ...p, by, ...(await kpiRows(ctx.db, request.actor.tenantId, by, p.from, p.to, cfg)) };
    },
  );

  app.get(
    '/cases/kpis/export',
    {
      config: { policy: 'cases.export' },
      schema: { tags: ['cases'], summary: 'The indicators as CSV or XLSX', querystring: Type.Intersect([PeriodT, Type.Object({ by: Type.Optional(DimT), format: FormatT })]) },
    },
    async (request, reply) => {
      const p = period(ctx, request.query);
      const by = request.query.by ?? 'tenant';
      const cfg = await engineOf(ctx).config.get(request.actor.tenantId);
      const k = await kpiRows(ctx.db, request.actor.tenantId, by, p.from, p.to, cfg);
      return send(reply, kpiTable(BY_ZH[by], k.total, k.rows), request.query.format, `考核指标_${BY_ZH[by]}_${p.from}_${p.to}`, `kpis_${by}_${p.from}_${p.to}`);
    },
  );

  const Labelled = Type.Object({ key: Type.String(), label: Type.String(), labelEn: Type.String(), count: Type.Integer() });
  app.get(
    '/cases/today',
    {
      config: { policy: 'cases.kpi' },
      schema: {
        tags: ['cases'],
        summary: "Today's cases (local day) by source, category and state; open and overdue totals now (the operations screen)",
        response: {
          200: Type.Object({ day: Type.String(), total: Type.Integer(), bySource: Type.Array(Labelled), byCategory: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), count: Type.Integer() })), byState: Type.Array(Labelled), open: Type.Integer(), overdue: Type.Integer() }),
        },
      },
    },
    async (request) => {
      const now = ctx.clock.now();
      const day = localDate(now);
      const cfg = await engineOf(ctx).config.get(request.actor.tenantId);
      return todayBoard(ctx.db, request.actor.tenantId, day, instant(day), instant(day, 1), now, cfg);
    },
  );

  app.get(
    '/cases/points',
    {
      config: { policy: 'cases.kpi' },
      schema: {
        tags: ['cases'],
        summary: 'Open cases as compact map points [id, lng, lat, grade, state, overdue 0/1], newest first',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20_000, default: 5000 })) }),
        // (points left to JSON.stringify: a schema of mixed tuples serialises them several times slower)
        response: { 200: Type.Object({ fields: Type.Array(Type.String()), points: Type.Unknown({ description: 'array of [id, lng, lat, grade, state, overdue]' }) }) },
      },
    },
    async (request, reply) => {
      // the points arrive as JSON text from the database and are sent as they are
      const points = await openCasePointsJson(ctx.db, request.actor.tenantId, ctx.clock.now(), request.query.limit ?? 5000);
      // (a string body is sent unserialised; the schema above still documents its shape)
      const body = `{"fields":["id","lng","lat","grade","state","overdue"],"points":${points}}`;
      return reply.type('application/json; charset=utf-8').send(body as unknown as { fields: string[]; points: unknown });
    },
  );

  app.get(
    '/cases/hotspots',
    {
      config: { policy: 'cases.kpi' },
      schema: {
        tags: ['cases'],
        summary: 'Cases by unit grid (万米单元网格) and local hour of day',
        querystring: Type.Intersect([PeriodT, Type.Object({ categoryCode: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{2,5}$' }))) })]),
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            total: Type.Integer(),
            byHour: Type.Array(Type.Integer(), { minItems: 24, maxItems: 24 }),
            top: Type.Array(Type.Object({ unitGridId: Type.Integer(), code: Type.String(), name: Type.String(), count: Type.Integer(), peakHour: Type.Integer(), peak: Type.Integer() })),
            cells: Type.Array(Type.Object({ unitGridId: Type.Integer(), code: Type.String(), name: Type.String(), hour: Type.Integer(), count: Type.Integer() })),
          }),
        },
      },
    },
    async (request) => {
      const p = period(ctx, request.query);
      const ids = await categoryIds(ctx, request.actor.tenantId, request.query.categoryCode);
      return { ...p, ...(await hotspots(ctx.db, request.actor.tenantId, instant(p.from), instant(p.to, 1), ids)) };
    },
  );

  app.get(
    '/cases/export',
    {
      config: { policy: 'cases.export' },
      schema: { tags: ['cases'], summary: `The filtered case list as CSV or XLSX (at most ${MAX_EXPORT} rows)`, querystring: Type.Intersect([Type.Omit(ListQueryT, ['limit', 'cursor']), Type.Object({ format: FormatT })]) },
    },
    async (request, reply) => {
      const actor = request.actor;
      const now = ctx.clock.now();
      const cfg = await engineOf(ctx).config.get(actor.tenantId);
      const filter = await filterOf(ctx, actor, request.query);
      const items: CaseView[] = [];
      let cursor;
      do {
        const page = await listCases(ctx.db, actor, filter, now, 1000, cursor);
        items.push(...page.rows.map((r) => presentCase(r.row, r.names, cfg.byId.get(r.row.categoryId), actor, now)));
        cursor = page.next ?? undefined;
      } while (cursor && items.length < MAX_EXPORT);
      return send(reply, casesTable(items.slice(0, MAX_EXPORT)), request.query.format, `案件_${localDate(now)}`, `cases_${localDate(now)}`);
    },
  );
}
