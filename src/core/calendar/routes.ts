// The working calendar over HTTP: status (which years lack official data — admins are
// warned), the days of a period, and the upload of a year's official arrangement.
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../context.js';
import { definePolicies, hasRole, type Actor } from '../auth/index.js';
import { audit } from '../audit/index.js';
import { emit } from '../bus/index.js';
import { Problem } from '../http/problem.js';
import { calendarYears } from './schema.js';
import { CALENDAR_SERVICE, type CalendarService } from './service.js';
import { checkYearUpload } from './domain.js';
import { localDate } from './workingCalendar.js';

definePolicies({
  'calendar.read': (a: Actor) => a.kind === 'user',
  'calendar.manage': (a: Actor) => hasRole(a, 'admin'),
});

export function calendarRoutes(app: App, ctx: AppContext): void {
  const service = () => ctx.services.get(CALENDAR_SERVICE) as CalendarService;

  app.get(
    '/calendar/status',
    {
      config: { policy: 'calendar.read' },
      schema: {
        tags: ['calendar'],
        summary: 'Which years have an official calendar; a warning when this or next year lacks one',
        response: { 200: Type.Object({ officeHours: Type.Array(Type.Tuple([Type.String(), Type.String()])), years: Type.Array(Type.Object({ year: Type.Integer(), official: Type.Boolean() })), warning: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (request) => {
      const cal = await service().forTenant(request.actor.tenantId);
      const thisYear = Number(localDate(ctx.clock.now()).slice(0, 4));
      const years = [thisYear - 1, thisYear, thisYear + 1].map((year) => ({ year, official: cal.hasOfficialData(year) }));
      const missing = cal.missingYears(thisYear, thisYear + 1);
      const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      return {
        officeHours: cal.officeHours.map(([a, b]) => [hhmm(a), hhmm(b)] as [string, string]),
        years,
        warning: missing.length ? (request.locale === 'en' ? `No official holiday calendar for ${missing.join(', ')}: deadlines use statutory holidays only until it is uploaded.` : `${missing.join('、')} 年尚无官方节假日安排：在上传之前，期限按法定节假日推算，可能与调休安排不符。`) : null,
      };
    },
  );

  app.get(
    '/calendar/days',
    {
      config: { policy: 'calendar.read' },
      schema: {
        tags: ['calendar'],
        summary: 'Working days and holidays of a period (at most 400 days)',
        querystring: Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) }),
        response: { 200: Type.Array(Type.Object({ date: Type.String(), work: Type.Boolean(), name: Type.Union([Type.String(), Type.Null()]), official: Type.Boolean() })) },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
      if (!(days >= 0 && days <= 400)) throw new Problem(400, 'problem.validation', {}, [{ field: 'to', in: 'querystring', code: 'calendar.range' }]);
      const cal = await service().forTenant(request.actor.tenantId);
      const out = [];
      for (let i = 0; i <= days; i++) {
        const date = new Date(Date.parse(from) + i * 86_400_000).toISOString().slice(0, 10);
        const info = cal.dayInfo(date);
        out.push({ date, work: info.work, name: info.name ?? null, official: info.official });
      }
      return out;
    },
  );

  app.put(
    '/calendar/years/:year',
    {
      config: { policy: 'calendar.manage' },
      schema: {
        tags: ['calendar'],
        summary: "Upload a year's official arrangement (holidays and make-up working days)",
        description: 'Body as published by the State Council: holidays and make-up working days (调休上班) by date. Replaces the packaged data or the statutory fallback for that year.',
        params: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
        body: Type.Object({ holidays: Type.Record(Type.String(), Type.String()), workdays: Type.Record(Type.String(), Type.String()), source: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: { 200: Type.Object({ year: Type.Integer(), holidays: Type.Integer(), workdays: Type.Integer() }) },
      },
    },
    async (request) => {
      const { year } = request.params;
      const body = request.body;
      const issues = checkYearUpload(year, body);
      if (issues.length) throw new Problem(400, 'problem.validation', {}, issues.map((i) => ({ field: i.field, in: 'body', code: i.code, params: i.params })));
      const tenantId = request.actor.tenantId;
      const by = request.actor.kind === 'user' ? request.actor.id : null;
      await ctx.db.transaction(async (tx) => {
        await tx
          .insert(calendarYears)
          .values({ tenantId, year, holidays: body.holidays, workdays: body.workdays, source: body.source ?? 'upload', uploadedBy: by })
          .onConflictDoUpdate({ target: [calendarYears.tenantId, calendarYears.year], set: { holidays: body.holidays, workdays: body.workdays, source: body.source ?? 'upload', uploadedBy: by, uploadedAt: new Date() } });
        await audit(tx, { tenantId, actor: request.actor, action: 'calendar.upload', subjectType: 'calendar_year', subjectId: year, detail: { holidays: Object.keys(body.holidays).length, workdays: Object.keys(body.workdays).length } });
        await emit(tx, [{ tenantId, type: 'calendar.changed', subjectType: 'calendar_year', subjectId: String(year), payload: { year } }]);
      });
      return { year, holidays: Object.keys(body.holidays).length, workdays: Object.keys(body.workdays).length };
    },
  );
}
