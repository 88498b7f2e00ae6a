// The case API: create, list, read (with timeline), act, evidence.
import { Type } from '@sinclair/typebox';
import multipart from '@fastify/multipart';
import { and, eq } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import { authorize, type Actor } from '../../../core/auth/index.js';
import { Problem, fieldProblem, notFound } from '../../../core/http/problem.js';
import { caseEvidence } from '../schema.js';
import { createCase } from '../commands/createCase.js';
import { actOnCase } from '../commands/actOnCase.js';
import { addEvidence, type EvidenceInput } from '../commands/addEvidence.js';
import { decodeCursor, encodeCursor, listCases, type CaseFilter } from '../queries/listCases.js';
import { detailExtras, loadCase, namesFromMemory } from '../queries/getCase.js';
import { presentCase } from '../queries/present.js';
import { engineOf } from '../services/engine.js';
import { EVIDENCE_KINDS, MAX_EVIDENCE_BYTES, type EvidenceKind } from '../domain/evidence.js';
import type { CaseRow } from '../commands/write.js';
import { ActionT, CaseDetailT, CaseOutT, CreateCaseT, DuplicateT, EvidenceInT, ListQueryT, Nullable } from './schemas.js';
import type { Static } from '@sinclair/typebox';

type EvidenceBody = Static<typeof EvidenceInT>;

export function toEvidence(list: EvidenceBody[] | undefined, field = 'evidence'): EvidenceInput[] {
  return (list ?? []).map((e, i) => {
    let content: Buffer | undefined;
    if (e.contentBase64 !== undefined) {
      content = Buffer.from(e.contentBase64, 'base64');
      if (content.length === 0) throw fieldProblem(`${field}.${i}.contentBase64`, 'case.evidence_empty');
    }
    return { kind: e.kind, url: e.url, content, caption: e.caption, alarmRef: e.alarmRef, data: e.data, takenAt: e.takenAt ? new Date(e.takenAt) : undefined, lng: e.location?.lng, lat: e.location?.lat };
  });
}

export async function categoryIds(ctx: AppContext, tenantId: string, codes: string[] | undefined): Promise<number[] | undefined> {
  if (!codes?.length) return undefined;
  const cfg = await engineOf(ctx).config.get(tenantId);
  const ids = cfg.categories.filter((c) => codes.some((p) => c.code === p || c.code.startsWith(p))).map((c) => c.id);
  return ids.length ? ids : [-1];
}

export async function filterOf(ctx: AppContext, actor: Actor, q: Static<typeof ListQueryT>): Promise<CaseFilter> {
  return {
    state: q.state,
    categoryId: await categoryIds(ctx, actor.tenantId, q.categoryCode),
    grade: q.grade,
    source: q.source,
    gridId: q.gridId,
    unitGridId: q.unitGridId,
    departmentId: q.departmentId,
    overdue: q.overdue,
    escalated: q.escalated,
    mine: q.mine,
    q: q.q?.trim() || undefined,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  };
}

export async function caseRoutes(app: App, ctx: AppContext): Promise<void> {
  await app.register(multipart, { limits: { fileSize: MAX_EVIDENCE_BYTES, files: 10, fields: 10 } });

  async function view(actor: Actor, row: CaseRow) {
    const eng = engineOf(ctx);
    const cfg = await eng.config.get(row.tenantId);
    return presentCase(row, await namesFromMemory(eng, row), cfg.byId.get(row.categoryId), actor, ctx.clock.now());
  }

  app.post(
    '/cases',
    {
      config: { policy: 'cases.create' },
      schema: {
        tags: ['cases'],
        summary: 'Report a case (any source); returns possible duplicates',
        description: 'A location outside the subdistrict is 422 with a hint. With sceneKey, an open case of the same scene receives the evidence instead (200, created=false).',
        body: CreateCaseT,
        response: { 201: Type.Object({ case: CaseOutT, created: Type.Boolean(), duplicates: Type.Array(DuplicateT), evidenceIds: Type.Array(Type.Integer()) }), 200: Type.Object({ case: CaseOutT, created: Type.Boolean(), duplicates: Type.Array(DuplicateT), evidenceIds: Type.Array(Type.Integer()) }) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const actor = request.actor;
      const r = await createCase(ctx, actor, {
        ...b,
        evidence: toEvidence(b.evidence),
        reportedAt: b.reportedAt ? new Date(b.reportedAt) : undefined,
      });
      const body = { case: await view(actor, r.case), created: r.created, duplicates: r.duplicates, evidenceIds: r.evidenceIds };
      // (typed loosely: two status codes with this schema exceed the compiler's depth)
      return (reply as import('fastify').FastifyReply).status(r.created ? 201 : 200).send(body);
    },
  );

  app.get(
    '/cases',
    {
      config: { policy: 'cases.read' },
      schema: {
        tags: ['cases'],
        summary: 'Cases the viewer may see, newest first, with keyset paging',
        querystring: ListQueryT,
        response: { 200: Type.Object({ items: Type.Array(CaseOutT), nextCursor: Nullable(Type.String()) }) },
      },
    },
    async (request) => {
      const q = request.query;
      const actor = request.actor;
      const now = ctx.clock.now();
      const cfg = await engineOf(ctx).config.get(actor.tenantId);
      const page = await listCases(ctx.db, actor, await filterOf(ctx, actor, q), now, q.limit ?? 50, q.cursor ? decodeCursor(q.cursor) : undefined);
      return { items: page.rows.map((r) => presentCase(r.row, r.names, cfg.byId.get(r.row.categoryId), actor, now)), nextCursor: page.next ? encodeCursor(page.next) : null };
    },
  );

  app.get(
    '/cases/:id',
    {
      config: { policy: 'cases.read' },
      schema: { tags: ['cases'], summary: 'One case with its timeline, evidence, reporters and possible duplicates', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), response: { 200: CaseDetailT } },
    },
    async (request) => {
      const actor = request.actor;
      const row = await loadCase(ctx.db, actor.tenantId, request.params.id);
      if (!row) throw notFound('thing.case', request.params.id);
      authorize(actor, 'cases.read', row);
      const cfg = await engineOf(ctx).config.get(actor.tenantId);
      return { ...(await view(actor, row)), ...(await detailExtras(ctx.db, actor, row, cfg.byId.get(row.categoryId)?.dupRadiusM ?? 0)) };
    },
  );

  app.post(
    '/cases/:id/actions',
    {
      config: { policy: 'cases.act' },
      schema: {
        tags: ['cases'],
        summary: 'Take an action on a case',
        description: 'Not allowed in the current state: 409 with allowedActions (yours) and stateActions (anyone\'s). Missing fields: 400 naming the field. Not your role or scope: 403.',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: ActionT,
        response: { 200: CaseOutT },
      },
    },
    async (request) => {
      const row = await actOnCase(ctx, request.actor, request.params.id, request.body);
      return view(request.actor, row);
    },
  );

  app.post(
    '/cases/:id/evidence',
    {
      config: { policy: 'cases.evidence' },
      schema: {
        tags: ['cases'],
        summary: 'Add evidence (links, alarm references, sensor data, small files inline)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ evidence: Type.Array(EvidenceInT, { minItems: 1, maxItems: 10 }), note: Type.Optional(Type.String({ maxLength: 500 })) }),
        response: { 201: Type.Object({ ids: Type.Array(Type.Integer()) }) },
      },
    },
    async (request, reply) => {
      const ids = await addEvidence(ctx, request.actor, request.params.id, toEvidence(request.body.evidence), request.body.note);
      return reply.status(201).send({ ids });
    },
  );

  app.post(
    '/cases/:id/photos',
    {
      config: { policy: 'cases.evidence' },
      schema: {
        tags: ['cases'],
        summary: 'Upload photos or videos (multipart/form-data, field "file", optional fields kind and caption); up to 8 MB each',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 201: Type.Object({ ids: Type.Array(Type.Integer()) }) },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new Problem(415, 'problem.unsupported_media_type');
      const list: EvidenceInput[] = [];
      let kind: EvidenceKind = 'photo';
      let caption: string | undefined;
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          if (part.fieldname === 'kind') {
            if (!(EVIDENCE_KINDS as readonly string[]).includes(String(part.value))) throw fieldProblem('kind', 'case.evidence_type');
            kind = part.value as EvidenceKind;
          } else if (part.fieldname === 'caption') caption = String(part.value).slice(0, 200);
          continue;
        }
        const content = await part.toBuffer();
        list.push({ kind, content, caption });
      }
      if (list.length === 0) throw fieldProblem('file', 'case.field_required');
      const ids = await addEvidence(ctx, request.actor, request.params.id, list);
      return reply.status(201).send({ ids });
    },
  );

  app.get(
    '/cases/:id/evidence/:evidenceId',
    {
      config: { policy: 'cases.read' },
      schema: { tags: ['cases'], summary: 'The bytes of an uploaded photo, video or document', params: Type.Object({ id: Type.Integer({ minimum: 1 }), evidenceId: Type.Integer({ minimum: 1 }) }) },
    },
    async (request, reply) => {
      const actor = request.actor;
      const row = await loadCase(ctx.db, actor.tenantId, request.params.id);
      if (!row) throw notFound('thing.case', request.params.id);
      authorize(actor, 'cases.read', row);
      const [e] = await ctx.db
        .select({ content: caseEvidence.content, mediaType: caseEvidence.mediaType, sha256: caseEvidence.sha256 })
        .from(caseEvidence)
        .where(and(eq(caseEvidence.tenantId, actor.tenantId), eq(caseEvidence.caseId, row.id), eq(caseEvidence.id, request.params.evidenceId)));
      if (!e?.content) throw notFound('thing.evidence', request.params.evidenceId);
      return reply
        .header('content-type', e.mediaType ?? 'application/octet-stream')
        .header('cache-control', 'private, max-age=86400')
        .header('etag', `"${e.sha256}"`)
        .header('content-disposition', 'inline')
        .send(e.content);
    },
  );
}

