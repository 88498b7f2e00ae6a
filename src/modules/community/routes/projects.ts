// Small renewal projects: propose, approve, work, done; pledges, milestones, photos
// before and after, volunteers adopting items under their name.
import { Type } from '@sinclair/typebox';
import multipart from '@fastify/multipart';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import { Problem } from '../../../core/http/problem.js';
import { projectPhotos } from '../schema.js';
import { KINDS, PLEDGE_KINDS, PROJECT_ACTIONS, type ProjectAction } from '../domain/projectStatus.js';
import { proposeProject } from '../commands/proposeProject.js';
import { moveProject } from '../commands/moveProject.js';
import { pledge } from '../commands/pledge.js';
import { addMilestone, setMilestoneDone } from '../commands/milestones.js';
import { adoptItem } from '../commands/adoptItem.js';
import { addPhoto } from '../commands/addPhoto.js';
import { loadProject } from '../commands/projectScope.js';
import { listProjects, projectCards, projectDetail } from '../queries/projects.js';
import { missing } from '../scope.js';
import { FileStore, PHOTO_MAX_BYTES } from '../storage.js';
import { Id, IdParams, lit, Nullable } from '../present.js';

const Card = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  title: Type.String(),
  status: Type.String(),
  areaId: Nullable(Type.Integer()),
  areaName: Type.String(),
  buildingId: Nullable(Type.Integer()),
  buildingName: Nullable(Type.String()),
  location: Type.String(),
  sizeM2: Nullable(Type.Integer()),
  milestones: Type.Object({ done: Type.Integer(), total: Type.Integer() }),
  pledges: Type.Integer(),
  adoptions: Type.Integer(),
  coverPhotoId: Nullable(Type.Integer()),
  updatedAt: Type.String(),
});
const Detail = Type.Composite([
  Card,
  Type.Object({
    description: Type.String(),
    budget: Nullable(Type.String()),
    committees: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String() })),
    startedAt: Nullable(Type.String()),
    doneAt: Nullable(Type.String()),
    allowed: Type.Array(Type.String()),
    milestoneList: Type.Array(Type.Object({ id: Type.Integer(), title: Type.String(), dueOn: Nullable(Type.String()), doneAt: Nullable(Type.String()) })),
    pledgeList: Type.Array(Type.Object({ id: Type.Integer(), kind: Type.String(), pledger: Type.String(), description: Type.String(), quantity: Nullable(Type.Integer()), amount: Nullable(Type.String()), hours: Nullable(Type.Integer()), fulfilled: Type.Boolean() })),
    photos: Type.Array(Type.Object({ id: Type.Integer(), phase: Type.String(), caption: Nullable(Type.String()), mime: Type.String(), bytes: Type.Integer(), createdAt: Type.String() })),
    adoptionList: Type.Array(Type.Object({ id: Type.Integer(), item: Type.String(), adopter: Type.String(), since: Type.String(), note: Nullable(Type.String()) })),
  }),
]);
const Created = { 201: Type.Object({ id: Type.Integer() }) };
const PHASES = ['before', 'progress', 'after'] as const;

export async function projectRoutes(app: App, ctx: AppContext): Promise<void> {
  const store = new FileStore(path.join(ctx.config.dataDir, 'uploads'));
  await app.register(multipart, { limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 5, fieldSize: 1000 } });

  app.get('/community/projects', { config: { policy: 'community.projects.read' }, schema: { tags: ['community'], summary: 'Small renewal projects of the subdistrict', querystring: Type.Object({ areaId: Type.Optional(Id) }), response: { 200: Type.Array(Card) } } }, async (request) => {
    const all = await listProjects(ctx.db, request.actor.tenantId);
    return projectCards(ctx.db, request.query.areaId ? all.filter((p) => p.areaId === request.query.areaId) : all);
  });

  app.get('/community/projects/:id', { config: { policy: 'community.projects.read' }, schema: { tags: ['community'], summary: 'A project with its milestones, pledges, photos and adoptions', params: IdParams, response: { 200: Detail } } }, async (request) =>
    projectDetail(ctx.db, await loadProject(ctx.db, request.actor.tenantId, request.params.id)),
  );

  app.post(
    '/community/projects',
    {
      config: { policy: 'community.manage' },
      schema: {
        tags: ['community'],
        summary: 'Propose a project for a residential area or building',
        body: Type.Object({ kind: lit(KINDS), title: Type.String({ minLength: 2, maxLength: 120 }), description: Type.Optional(Type.String({ maxLength: 5000 })), areaId: Type.Optional(Id), buildingId: Type.Optional(Id), location: Type.Optional(Type.String({ maxLength: 200 })), sizeM2: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })), budget: Type.Optional(Type.String({ maxLength: 20 })), committeeIds: Type.Optional(Type.Array(Id, { maxItems: 10 })) }),
        response: Created,
      },
    },
    async (request, reply) => reply.status(201).send({ id: await proposeProject(ctx, request.actor, request.body) }),
  );

  app.post(
    '/community/projects/:id/:action',
    {
      config: { policy: 'community.manage' },
      schema: { tags: ['community'], summary: 'Approve, reject, start, complete or cancel', params: Type.Object({ id: Id, action: lit(PROJECT_ACTIONS) }), body: Type.Optional(Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) })), response: { 200: Type.Object({ status: Type.String() }) } },
    },
    async (request) => ({ status: await moveProject(ctx, request.actor, request.params.id, request.params.action as ProjectAction, request.body?.note) }),
  );

  app.post(
    '/community/projects/:id/pledges',
    {
      config: { policy: 'community.projects.read' },
      schema: {
        tags: ['community'],
        summary: 'Pledge plants, money, labour or materials (an owner for themselves; a committee member naming the pledger)',
        params: IdParams,
        body: Type.Object({ kind: lit(PLEDGE_KINDS), description: Type.String({ minLength: 1, maxLength: 200 }), pledger: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })), quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })), amount: Type.Optional(Type.String({ maxLength: 20 })), hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) }),
        response: Created,
      },
    },
    async (request, reply) => reply.status(201).send({ id: await pledge(ctx, request.actor, request.params.id, request.body) }),
  );

  app.post(
    '/community/projects/:id/adoptions',
    {
      config: { policy: 'community.projects.read' },
      schema: { tags: ['community'], summary: 'Adopt an item and tend it under your name (or record a named volunteer)', params: IdParams, body: Type.Object({ item: Type.String({ minLength: 1, maxLength: 120 }), adopter: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })), note: Type.Optional(Type.String({ maxLength: 300 })) }), response: Created },
    },
    async (request, reply) => reply.status(201).send({ id: await adoptItem(ctx, request.actor, request.params.id, request.body) }),
  );

  app.post(
    '/community/projects/:id/milestones',
    { config: { policy: 'community.manage' }, schema: { tags: ['community'], summary: 'Add a milestone', params: IdParams, body: Type.Object({ title: Type.String({ minLength: 1, maxLength: 120 }), dueOn: Type.Optional(Type.String({ format: 'date' })) }), response: Created } },
    async (request, reply) => reply.status(201).send({ id: await addMilestone(ctx, request.actor, request.params.id, request.body) }),
  );

  app.put(
    '/community/projects/:id/milestones/:mid',
    { config: { policy: 'community.manage' }, schema: { tags: ['community'], summary: 'Mark a milestone done or not done', params: Type.Object({ id: Id, mid: Id }), body: Type.Object({ done: Type.Boolean() }), response: { 200: Type.Object({ ok: Type.Boolean() }) } } },
    async (request) => {
      await setMilestoneDone(ctx, request.actor, request.params.id, request.params.mid, request.body.done);
      return { ok: true };
    },
  );

  app.post(
    '/community/projects/:id/photos',
    {
      config: { policy: 'community.manage' },
      schema: { tags: ['community'], summary: `Upload a photo (multipart: fields phase and caption first, then the file; JPEG/PNG/WebP up to ${PHOTO_MAX_BYTES / 1024 / 1024} MB)`, params: IdParams, consumes: ['multipart/form-data'], response: Created },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new Problem(415, 'photo.missing');
      const file = await request.file({ throwFileSizeLimit: true });
      if (!file) throw new Problem(400, 'problem.validation', {}, [{ field: 'file', in: 'body', code: 'photo.missing' }]);
      let bytes: Buffer;
      try {
        bytes = await file.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new Problem(413, 'photo.too_large', { max: PHOTO_MAX_BYTES / 1024 / 1024 });
        throw e;
      }
      const field = (name: string) => {
        const f = file.fields[name];
        const one = Array.isArray(f) ? f[0] : f;
        return one && one.type === 'field' ? String(one.value) : undefined;
      };
      const phase = field('phase') ?? 'progress';
      if (!(PHASES as readonly string[]).includes(phase)) throw new Problem(400, 'problem.validation', {}, [{ field: 'phase', in: 'body', code: 'problem.validation_message', params: { message: PHASES.join(' / ') } }]);
      const id = await addPhoto(ctx, store, request.actor, request.params.id, { phase: phase as (typeof PHASES)[number], caption: field('caption')?.slice(0, 200), bytes });
      return reply.status(201).send({ id });
    },
  );

  app.get(
    '/community/photos/:id',
    { config: { policy: 'community.projects.read' }, schema: { tags: ['community'], summary: 'A project photo (the stored image)', params: IdParams } },
    async (request, reply) => {
      const [ph] = await ctx.db.select().from(projectPhotos).where(and(eq(projectPhotos.tenantId, request.actor.tenantId), eq(projectPhotos.id, request.params.id)));
      if (!ph) throw missing('thing.photo', request.params.id);
      const bytes = await store.read(ph.fileKey);
      return reply.header('content-type', ph.mime).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(bytes);
    },
  );
}
