// Zones of Frigate servers and scene rules: read by the operations centre, changed by admins.
import { Type } from '@sinclair/typebox';
import { and, asc, eq } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import { notFound } from '../../../core/http/problem.js';
import { sceneStates, scenes, zones } from '../schema.js';
import { saveZone } from '../commands/saveZone.js';
import { saveScene } from '../commands/saveScene.js';
import { Code, Grade, Id, IdParams, Lat, Lng, Nullable, SceneKind } from './schemas.js';

const Label = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' });
const ZoneBody = Type.Object(
  { nvrId: Id, cameraId: Type.Optional(Nullable(Id)), code: Code, name: Type.String({ minLength: 1, maxLength: 100 }), frigateName: Type.String({ minLength: 1, maxLength: 100, pattern: '^[^/#+]+$' }), labels: Type.Array(Label, { minItems: 1, maxItems: 20 }), lng: Lng, lat: Lat },
  { additionalProperties: false },
);
const ZoneOut = Type.Object({ id: Type.Integer(), nvrId: Type.Integer(), cameraId: Nullable(Type.Integer()), code: Type.String(), name: Type.String(), frigateName: Type.String(), labels: Type.Array(Type.String()), lng: Type.Number(), lat: Type.Number(), gridId: Nullable(Type.Integer()), counts: Type.Record(Type.String(), Type.Unknown()), countsAt: Nullable(Type.String()) });
const Window = Type.Object({ days: Type.Union([Type.Literal('all'), Type.Literal('working'), Type.Literal('rest')]), from: Type.String({ pattern: '^\\d{2}:\\d{2}$' }), to: Type.String({ pattern: '^\\d{2}:\\d{2}$' }) }, { additionalProperties: false });
const SceneBody = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    kind: SceneKind,
    params: Type.Record(Type.String(), Type.Unknown(), { description: 'depends on kind; see docs/sensing.md' }),
    schedule: Type.Optional(Type.Array(Window, { maxItems: 12 })),
    categoryCode: Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9_-]+$' }),
    grade: Grade,
    autoRegister: Type.Optional(Type.Boolean()),
    departmentId: Type.Optional(Nullable(Id)),
    cooldownS: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 * 86_400 })),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const SceneOut = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), params: Type.Unknown(), schedule: Type.Unknown(), categoryCode: Type.String(), grade: Type.String(), autoRegister: Type.Boolean(), departmentId: Nullable(Type.Integer()), cooldownS: Type.Integer(), enabled: Type.Boolean(), version: Type.Integer() });

const presentZone = ({ tenantId: _t, createdAt: _c, countsAt, counts, ...z }: typeof zones.$inferSelect) => ({ ...z, counts: counts as Record<string, unknown>, countsAt: countsAt ? countsAt.toISOString() : null });
const presentScene = ({ tenantId: _t, createdAt: _c, updatedAt: _u, ...s }: typeof scenes.$inferSelect) => s;

export function sceneRoutes(app: App, ctx: AppContext): void {
  app.get('/sensing/zones', { config: { policy: 'sensing.devices.read' }, schema: { tags: ['sensing'], summary: 'Named zones of the Frigate servers, with their latest counts', response: { 200: Type.Array(ZoneOut) } } }, async (request) =>
    (await ctx.db.select().from(zones).where(eq(zones.tenantId, request.actor.tenantId)).orderBy(asc(zones.code))).map(presentZone),
  );
  app.post('/sensing/zones', { config: { policy: 'sensing.devices.manage' }, schema: { tags: ['sensing'], summary: 'Name a Frigate zone and the labels it watches', body: ZoneBody, response: { 201: ZoneOut } } }, async (request, reply) =>
    reply.status(201).send(presentZone(await saveZone(ctx, request.actor, request.body))),
  );
  app.put('/sensing/zones/:id', { config: { policy: 'sensing.devices.manage' }, schema: { tags: ['sensing'], summary: 'Change a zone', params: IdParams, body: ZoneBody, response: { 200: ZoneOut } } }, async (request) =>
    presentZone(await saveZone(ctx, request.actor, request.body, request.params.id)),
  );

  app.get('/sensing/scenes', { config: { policy: 'sensing.scenes.read' }, schema: { tags: ['sensing'], summary: 'Scene rules', response: { 200: Type.Array(SceneOut) } } }, async (request) =>
    (await ctx.db.select().from(scenes).where(eq(scenes.tenantId, request.actor.tenantId)).orderBy(asc(scenes.code))).map(presentScene),
  );
  app.post('/sensing/scenes', { config: { policy: 'sensing.scenes.manage' }, schema: { tags: ['sensing'], summary: 'Create a scene rule (what fires, the case category and grade it produces)', body: SceneBody, response: { 201: SceneOut } } }, async (request, reply) =>
    reply.status(201).send(presentScene(await saveScene(ctx, request.actor, request.body))),
  );
  app.put('/sensing/scenes/:id', { config: { policy: 'sensing.scenes.manage' }, schema: { tags: ['sensing'], summary: 'Change a scene rule', params: IdParams, body: SceneBody, response: { 200: SceneOut } } }, async (request) =>
    presentScene(await saveScene(ctx, request.actor, request.body, request.params.id)),
  );
  app.get(
    '/sensing/scenes/:id/states',
    {
      config: { policy: 'sensing.scenes.read' },
      schema: { tags: ['sensing'], summary: 'Live state of a scene per zone, device or household', params: IdParams, response: { 200: Type.Array(Type.Object({ subject: Type.String(), phase: Type.String(), dueAt: Nullable(Type.String()), episodeId: Nullable(Type.Integer()), state: Type.Unknown() })) } },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const [s] = await ctx.db.select({ id: scenes.id }).from(scenes).where(and(eq(scenes.tenantId, tenantId), eq(scenes.id, request.params.id)));
      if (!s) throw notFound('thing.scene', request.params.id);
      const rows = await ctx.db.select().from(sceneStates).where(and(eq(sceneStates.tenantId, tenantId), eq(sceneStates.sceneId, s.id))).orderBy(asc(sceneStates.subject));
      return rows.map((r) => ({ subject: r.subject, phase: r.phase, dueAt: r.dueAt ? r.dueAt.toISOString() : null, episodeId: r.episodeId, state: r.state }));
    },
  );
}
