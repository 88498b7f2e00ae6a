// A resident's own page: home, whether they are on the register (and when the next
// visit is due), and residents a committee worker can put on the register.
import { Type } from '@sinclair/typebox';
import { and, asc, eq, ilike, isNull, lte, type SQL } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import { authorize } from '../../../core/auth/index.js';
import { auditMany } from '../../../core/audit/index.js';
import { localDate } from '../../../core/calendar/index.js';
import { Problem } from '../../../core/http/problem.js';
import { buildings, units } from '../../places/index.js';
import { elderly, residents } from '../schema.js';
import { ageOn, birthDateRange } from '../domain/age.js';
import { homeOf } from '../queries/home.js';
import { committeeOfArea } from '../queries/elderlyRecord.js';
import { Id, Nullable } from './schemas.js';

export function meRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/people/me',
    {
      config: { policy: 'people.self' },
      schema: {
        tags: ['people'],
        summary: 'My home and, when I am on the elderly register, my committee and next visit',
        response: {
          200: Type.Object({
            home: Nullable(Type.Object({ name: Type.String(), buildingId: Type.Integer(), buildingName: Type.String(), unitCode: Type.String(), areaId: Nullable(Type.Integer()), areaName: Nullable(Type.String()), lat: Type.Number(), lng: Type.Number() })),
            care: Nullable(Type.Object({ elderlyId: Type.Integer(), committee: Type.String(), committeePhone: Nullable(Type.String()), nextVisitDue: Nullable(Type.String()) })),
          }),
        },
      },
    },
    async (request) => {
      const h = await homeOf(ctx.db, request.actor);
      if (!h) return { home: null, care: null };
      const [e] = await ctx.db.select().from(elderly).where(and(eq(elderly.tenantId, request.actor.tenantId), eq(elderly.residentId, h.residentId), eq(elderly.status, 'active')));
      const committee = e ? await committeeOfArea(ctx.db, request.actor.tenantId, e.areaId) : undefined;
      return {
        home: { name: h.name, buildingId: h.buildingId, buildingName: h.buildingName, unitCode: h.unitCode, areaId: h.areaId, areaName: h.areaName, lat: h.lat, lng: h.lng },
        care: e ? { elderlyId: e.id, committee: committee?.name ?? '', committeePhone: committee?.phone ?? null, nextVisitDue: e.nextVisitDue?.toISOString() ?? null } : null,
      };
    },
  );

  app.get(
    '/people/residents',
    {
      config: { policy: 'people.elderly.manage' },
      schema: {
        tags: ['people'],
        summary: 'Residents aged 60+ of an area not yet on the register (to register them); each one shown is audited',
        querystring: Type.Object({ areaId: Id, q: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })), limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }) }),
        response: { 200: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), gender: Type.String(), age: Type.Integer(), buildingName: Type.String(), unitCode: Type.String() })) },
      },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const { areaId, q, limit } = request.query;
      const committee = await committeeOfArea(ctx.db, tenantId, areaId);
      if (!committee) throw new Problem(422, 'people.no_committee');
      authorize(request.actor, 'people.elderly.manage', { tenantId, areaId, committeeId: committee.id }, { type: 'area', id: areaId });
      const today = localDate(ctx.clock.now());
      const [, born60] = birthDateRange('60-69', today);
      const conds: SQL[] = [eq(residents.tenantId, tenantId), eq(residents.areaId, areaId), isNull(residents.movedOutAt), lte(residents.birthDate, born60), isNull(elderly.id)];
      if (q) conds.push(ilike(residents.name, `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
      const rows = await ctx.db
        .select({ id: residents.id, name: residents.name, gender: residents.gender, birthDate: residents.birthDate, buildingName: buildings.name, unitCode: units.code })
        .from(residents)
        .innerJoin(buildings, eq(buildings.id, residents.buildingId))
        .innerJoin(units, eq(units.id, residents.unitId))
        .leftJoin(elderly, eq(elderly.residentId, residents.id))
        .where(and(...conds))
        .orderBy(asc(residents.buildingId), asc(residents.id))
        .limit(limit);
      await auditMany(ctx.db, rows.map((r) => ({ tenantId, actor: request.actor, action: 'people.residents.list', subjectType: 'resident', subjectId: r.id, ip: request.ip })));
      return rows.map(({ birthDate, ...r }) => ({ ...r, age: ageOn(birthDate, today) }));
    },
  );
}
