// Staff positions and shifts: field staff report where they are; the desk sees who is on
// duty and where; shift leaders and admins plan shifts.
import { Type } from '@sinclair/typebox';
import { asc, eq } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { staffShifts } from '../schema.js';
import { engineOf } from '../services/engine.js';
import { addShift, removeShift, reportPosition } from '../commands/staffCommands.js';
import { workloads } from '../commands/assign.js';
import { LocationT, Nullable } from './schemas.js';

const ShiftT = Type.Object({
  userId: Type.Integer({ minimum: 1 }),
  days: Type.String({ maxLength: 20, description: 'daily | workdays | offdays (Chinese working calendar) | ISO weekdays "1,2,3,4,5"' }),
  start: Type.String({ description: 'HH:MM local' }),
  end: Type.String({ description: 'HH:MM local; before start = overnight' }),
  validFrom: Type.Optional(Nullable(Type.String({ format: 'date' }))),
  validTo: Type.Optional(Nullable(Type.String({ format: 'date' }))),
  note: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
});
const ShiftOutT = Type.Intersect([ShiftT, Type.Object({ id: Type.Integer() })]);

export function staffRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/staff/me/position',
    {
      config: { policy: 'staff.position' },
      schema: {
        tags: ['staff'],
        summary: 'Report where I am (WGS-84); dispatch picks the nearest on-duty person',
        body: Type.Intersect([LocationT, Type.Object({ accuracyM: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000 })), at: Type.Optional(Type.String({ format: 'date-time' })) })]),
        response: { 200: Type.Object({ at: Type.String(), insideTenant: Type.Boolean(), onDuty: Type.Boolean() }) },
      },
    },
    async (request) => {
      const actor = request.actor as UserActor;
      const r = await reportPosition(ctx, actor, { ...request.body, at: request.body.at ? new Date(request.body.at) : undefined });
      const eng = engineOf(ctx);
      const duty = await eng.staff.onDuty(actor.tenantId, ctx.clock.now(), await eng.calendars.forTenant(actor.tenantId));
      return { at: r.at.toISOString(), insideTenant: r.insideTenant, onDuty: duty.has(actor.id) };
    },
  );

  app.get(
    '/staff/on-duty',
    {
      config: { policy: 'staff.read' },
      schema: {
        tags: ['staff'],
        summary: 'Field staff on duty now, with their last position and open cases (for the map)',
        response: {
          200: Type.Array(Type.Object({ userId: Type.Integer(), name: Type.String(), departmentId: Nullable(Type.Integer()), roles: Type.Array(Type.String()), position: Nullable(Type.Object({ lng: Type.Number(), lat: Type.Number(), at: Type.String() })), openCases: Type.Integer() })),
        },
      },
    },
    async (request) => {
      const tenantId = request.actor.tenantId;
      const eng = engineOf(ctx);
      const staff = eng.staff;
      const duty = await staff.onDuty(tenantId, ctx.clock.now(), await eng.calendars.forTenant(tenantId));
      const ids = [...duty].sort((a, b) => a - b);
      const load = await workloads(ctx.db, tenantId, ids);
      return ids.flatMap((id) => {
        const m = staff.member(tenantId, id);
        if (!m) return [];
        const p = staff.position(tenantId, id);
        return [{ userId: id, name: m.name, departmentId: m.departmentId, roles: m.roles, position: p ? { lng: p.lng, lat: p.lat, at: new Date(p.at).toISOString() } : null, openCases: load.get(id) ?? 0 }];
      });
    },
  );

  app.get('/staff/shifts', { config: { policy: 'staff.read' }, schema: { tags: ['staff'], summary: 'Shifts', response: { 200: Type.Array(ShiftOutT) } } }, async (request) =>
    (await ctx.db.select().from(staffShifts).where(eq(staffShifts.tenantId, request.actor.tenantId)).orderBy(asc(staffShifts.userId), asc(staffShifts.id))).map((s) => ({ id: s.id, userId: s.userId, days: s.days, start: s.start, end: s.end, validFrom: s.validFrom, validTo: s.validTo, note: s.note })),
  );

  app.post('/staff/shifts', { config: { policy: 'staff.shifts.manage' }, schema: { tags: ['staff'], summary: 'Add a shift', body: ShiftT, response: { 201: ShiftOutT } } }, async (request, reply) => {
    const s = await addShift(ctx, request.actor, request.body);
    engineOf(ctx).staff.forgetShifts(request.actor.tenantId);
    return reply.status(201).send({ id: s.id, userId: s.userId, days: s.days, start: s.start, end: s.end, validFrom: s.validFrom, validTo: s.validTo, note: s.note });
  });

  app.delete('/staff/shifts/:id', { config: { policy: 'staff.shifts.manage' }, schema: { tags: ['staff'], summary: 'Remove a shift', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) } }, async (request, reply) => {
    await removeShift(ctx, request.actor, request.params.id);
    engineOf(ctx).staff.forgetShifts(request.actor.tenantId);
    return reply.status(204).send();
  });
}
