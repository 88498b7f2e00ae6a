// The device registry: list and read (by data scope), register, change, rotate secrets.
import { Type } from '@sinclair/typebox';
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { notFound } from '../../../core/http/problem.js';
import { devices } from '../schema.js';
import { queryRows } from '../ingest/sql.js';
import { registerDevice, credentialsOf } from '../commands/registerDevice.js';
import { rotateDeviceSecret, updateDevice } from '../commands/updateDevice.js';
import { Code, Credentials, DeviceKind, DeviceOut, Id, IdParams, Lat, Lng, Nullable, TopicLevel, presentDevice, scopeOf } from './schemas.js';

const DeviceFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  lng: Type.Optional(Nullable(Lng)),
  lat: Type.Optional(Nullable(Lat)),
  address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  departmentId: Type.Optional(Nullable(Id)),
  areaId: Type.Optional(Nullable(Id)),
  buildingId: Type.Optional(Nullable(Id)),
  unitId: Type.Optional(Nullable(Id)),
  parentId: Type.Optional(Nullable(Id)),
  frigateName: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100, pattern: '^[^/#+]+$' }))),
  topicPrefix: Type.Optional(Nullable(TopicLevel)),
  rateLimit: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100_000 }))),
  offlineAfterS: Type.Optional(Nullable(Type.Integer({ minimum: 10, maximum: 30 * 86_400 }))),
  attributes: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 50 })),
  enabled: Type.Optional(Type.Boolean()),
};

export function deviceRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/sensing/devices',
    {
      config: { policy: 'sensing.devices.read' },
      schema: {
        tags: ['sensing'],
        summary: 'Devices of the subdistrict (an inspector sees those of their grids, a handler those of their department)',
        querystring: Type.Object({ kind: Type.Optional(DeviceKind), status: Type.Optional(Type.Union([Type.Literal('online'), Type.Literal('offline'), Type.Literal('unknown')])), gridId: Type.Optional(Id) }),
        response: { 200: Type.Array(DeviceOut) },
      },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const conds: SQL[] = [eq(devices.tenantId, tenantId)];
      if (request.query.kind) conds.push(eq(devices.kind, request.query.kind));
      if (request.query.status) conds.push(eq(devices.status, request.query.status));
      if (request.query.gridId) conds.push(eq(devices.gridId, request.query.gridId));
      const scope = scopeOf(request.actor);
      if (scope) conds.push(or(inArray(devices.gridId, scope.grids.length ? scope.grids : [-1]), inArray(devices.departmentId, scope.departments.length ? scope.departments : [-1]))!);
      const rows = await ctx.db.select().from(devices).where(and(...conds)).orderBy(asc(devices.code));
      return rows.map(presentDevice);
    },
  );

  app.get(
    '/sensing/devices/:id',
    { config: { policy: 'sensing.devices.read' }, schema: { tags: ['sensing'], summary: 'One device', params: IdParams, response: { 200: DeviceOut } } },
    async (request) => {
      const [d] = await ctx.db.select().from(devices).where(and(eq(devices.tenantId, request.actor.tenantId), eq(devices.id, request.params.id)));
      if (!d) throw notFound('thing.device', request.params.id);
      authorize(request.actor, 'sensing.devices.read', d);
      return presentDevice(d);
    },
  );

  app.get(
    '/sensing/devices/:id/stats',
    {
      config: { policy: 'sensing.devices.read' },
      schema: {
        tags: ['sensing'],
        summary: 'What a device has sent: alarms stored, the last one, dead letters',
        params: IdParams,
        response: { 200: Type.Object({ alarms: Type.Integer(), lastAlarmAt: Nullable(Type.String()), deadLetters: Type.Integer(), activeEpisodes: Type.Integer() }) },
      },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const [d] = await ctx.db.select().from(devices).where(and(eq(devices.tenantId, tenantId), eq(devices.id, request.params.id)));
      if (!d) throw notFound('thing.device', request.params.id);
      authorize(request.actor, 'sensing.devices.read', d);
      const [r] = await queryRows<{ alarms: number | string; last: Date | string | null; dead: number | string; active: number | string }>(
        ctx.db,
        sql`select (select count(*) from sensing_alarms where tenant_id = ${tenantId} and device_id = ${d.id}) as alarms,
          (select max(at) from sensing_alarms where tenant_id = ${tenantId} and device_id = ${d.id}) as last,
          (select count(*) from sensing_dead_letters where tenant_id = ${tenantId} and device_code = ${d.code}) as dead,
          (select count(*) from sensing_episodes where tenant_id = ${tenantId} and device_id = ${d.id} and status = 'active') as active`,
      );
      return { alarms: Number(r!.alarms), lastAlarmAt: r!.last ? new Date(r!.last).toISOString() : null, deadLetters: Number(r!.dead), activeEpisodes: Number(r!.active) };
    },
  );

  app.post(
    '/sensing/devices',
    {
      config: { policy: 'sensing.devices.manage' },
      schema: {
        tags: ['sensing'],
        summary: 'Register a device; the answer carries its MQTT log-in and HTTP signing secret',
        body: Type.Object({ code: Code, kind: DeviceKind, ...DeviceFields }, { additionalProperties: false }),
        response: { 201: Type.Object({ device: DeviceOut, credentials: Credentials }) },
      },
    },
    async (request, reply) => {
      const { device, credentials } = await registerDevice(ctx, request.actor, request.body);
      return reply.status(201).send({ device: presentDevice(device), credentials });
    },
  );

  app.patch(
    '/sensing/devices/:id',
    {
      config: { policy: 'sensing.devices.manage' },
      schema: { tags: ['sensing'], summary: 'Change a device (place, department, limits, Frigate names, enabled)', params: IdParams, body: Type.Partial(Type.Object(DeviceFields), { additionalProperties: false }), response: { 200: DeviceOut } },
    },
    async (request) => presentDevice(await updateDevice(ctx, request.actor, request.params.id, request.body)),
  );

  app.post(
    '/sensing/devices/:id/credentials',
    {
      config: { policy: 'sensing.devices.manage' },
      schema: { tags: ['sensing'], summary: 'Show the device’s current log-in and secret (recorded in the audit log)', params: IdParams, response: { 200: Credentials } },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const [d] = await ctx.db.select().from(devices).where(and(eq(devices.tenantId, tenantId), eq(devices.id, request.params.id)));
      if (!d) throw notFound('thing.device', request.params.id);
      await audit(ctx.db, { tenantId, actor: request.actor, action: 'sensing.device.credentials', subjectType: 'device', subjectId: d.id, ip: request.ip });
      return credentialsOf(ctx, d);
    },
  );

  app.post(
    '/sensing/devices/:id/rotate',
    {
      config: { policy: 'sensing.devices.manage' },
      schema: { tags: ['sensing'], summary: 'Give the device a new secret; the old one stops working', params: IdParams, response: { 200: Type.Object({ device: DeviceOut, credentials: Credentials }) } },
    },
    async (request) => {
      const { device, credentials } = await rotateDeviceSecret(ctx, request.actor, request.params.id);
      return { device: presentDevice(device), credentials };
    },
  );
}
