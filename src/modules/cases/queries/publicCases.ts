// The public, tenant-wide read of cases (Open311 and other public channels): only cases
// of public categories whose verification is over (domain/publicView.ts), and only their
// public fields — number, category, the reporter's text, place, times, the office's
// latest public note, the responsible department, the expected completion on the working
// calendar, and the media the reporter chose to share. Never people, grids or notes.
import { and, asc, desc, eq, gte, inArray, lte, notInArray, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import { caseEvidence, caseTimeline, cases } from '../schema.js';
import { engineOf } from '../services/engine.js';
import { expectedAt } from '../domain/sla.js';
import { PUBLIC_UPDATE_ACTION, UNVERIFIED_STATES, isPubliclyVisible, publicDescription, publicOpenClosed } from '../domain/publicView.js';
import type { CaseState, Grade } from '../domain/types.js';
import type { Category } from '../domain/category.js';
import type { CaseRow } from '../commands/write.js';

export interface PublicMedia {
  evidenceId: number;
  /** a link the reporter sent, or null when the bytes are stored here */
  url: string | null;
  mediaType: string | null;
}

export interface PublicCase {
  id: number;
  number: string;
  state: CaseState;
  status: 'open' | 'closed';
  category: Pick<Category, 'code' | 'name' | 'nameEn'>;
  /** null when the report was turned down during verification */
  description: string | null;
  address: string;
  lng: number;
  lat: number;
  reportedAt: Date;
  /** the last time the public was told something (the office's latest public note) */
  updatedAt: Date;
  expectedAt: Date | null;
  departmentName: string | null;
  statusNote: string | null;
  media: PublicMedia[];
}

export interface PublicCaseFilter {
  /** case numbers; when given, the other filters are ignored */
  numbers?: string[];
  categoryCodes?: string[];
  /** reported at or after / at or before */
  from?: Date;
  to?: Date;
  status?: ('open' | 'closed')[];
  limit: number;
}

const CLOSED = ['closed', 'cancelled'];

/** The columns the public view is made of (a page of 1,000 reads nothing else). */
const COLUMNS = {
  id: cases.id,
  number: cases.number,
  state: cases.state,
  categoryId: cases.categoryId,
  categoryCode: cases.categoryCode,
  categoryName: cases.categoryName,
  grade: cases.grade,
  description: cases.description,
  address: cases.address,
  lng: cases.lng,
  lat: cases.lat,
  reportedAt: cases.reportedAt,
  masterId: cases.masterId,
  departmentId: cases.departmentId,
  handleDueAt: cases.handleDueAt,
  stepDueAt: cases.stepDueAt,
};
type Row = Pick<CaseRow, keyof typeof COLUMNS>;

async function publicCategories(ctx: AppContext, tenantId: string) {
  const cfg = await engineOf(ctx).config.get(tenantId);
  return { cfg, ids: cfg.categories.filter((c) => c.public).map((c) => c.id) };
}

/** Public cases, newest first. */
export async function listPublicCases(ctx: AppContext, tenantId: string, f: PublicCaseFilter): Promise<PublicCase[]> {
  const { cfg, ids } = await publicCategories(ctx, tenantId);
  if (ids.length === 0) return [];
  const conds: SQL[] = [eq(cases.tenantId, tenantId), notInArray(cases.state, [...UNVERIFIED_STATES]), inArray(cases.categoryId, ids)];
  if (f.numbers) {
    if (f.numbers.length === 0) return [];
    conds.push(inArray(cases.number, f.numbers));
  } else {
    if (f.categoryCodes) conds.push(inArray(cases.categoryId, f.categoryCodes.map((c) => cfg.byCode.get(c)?.id ?? -1)));
    if (f.from) conds.push(gte(cases.reportedAt, f.from));
    if (f.to) conds.push(lte(cases.reportedAt, f.to));
    const st = new Set(f.status ?? []);
    if (st.size === 1) conds.push(st.has('closed') ? inArray(cases.state, CLOSED) : notInArray(cases.state, CLOSED));
  }
  const rows = await ctx.db
    .select(COLUMNS)
    .from(cases)
    .where(and(...conds))
    .orderBy(desc(cases.reportedAt), desc(cases.id))
    .limit(f.limit);
  return presentPublic(ctx, tenantId, rows);
}

/** One public case by its number, or undefined when there is none the public may see. */
export async function getPublicCase(ctx: AppContext, tenantId: string, number: string): Promise<PublicCase | undefined> {
  const [c] = await listPublicCases(ctx, tenantId, { numbers: [number], limit: 1 });
  return c;
}

async function presentPublic(ctx: AppContext, tenantId: string, rows: Row[]): Promise<PublicCase[]> {
  if (rows.length === 0) return [];
  const eng = engineOf(ctx);
  const [cfg, cal, depts] = await Promise.all([eng.config.get(tenantId), eng.calendars.forTenant(tenantId), eng.departments.forTenant(tenantId)]);
  const ids = rows.map((r) => r.id);
  // the office's latest public note of each case (what the public wrote is not a status note)
  const notes = await ctx.db
    .selectDistinctOn([caseTimeline.caseId], { caseId: caseTimeline.caseId, note: caseTimeline.publicNote, at: caseTimeline.at })
    .from(caseTimeline)
    .where(and(inArray(caseTimeline.caseId, ids), sql`${caseTimeline.publicNote} is not null`, sql`${caseTimeline.action} <> ${PUBLIC_UPDATE_ACTION}`))
    .orderBy(caseTimeline.caseId, desc(caseTimeline.id));
  const noteOf = new Map(notes.map((n) => [n.caseId, n]));
  const media = await publicMediaOf(ctx, ids);
  const now = ctx.clock.now();
  return rows.map((r) => {
    const cat = cfg.byId.get(r.categoryId);
    const note = noteOf.get(r.id);
    return {
      id: r.id,
      number: r.number,
      state: r.state as CaseState,
      status: publicOpenClosed(r.state as CaseState),
      category: { code: r.categoryCode, name: cat?.name ?? r.categoryName, nameEn: cat?.nameEn ?? r.categoryName },
      description: publicDescription(r),
      address: r.address,
      lng: r.lng,
      lat: r.lat,
      reportedAt: r.reportedAt,
      updatedAt: note?.at ?? r.reportedAt,
      expectedAt: cat ? expectedAt(cal, cat.limits, now, r.grade as Grade, r) : null,
      departmentName: r.departmentId !== null ? (depts.get(r.departmentId) ?? null) : null,
      statusNote: note?.note ?? null,
      media: media.get(r.id) ?? [],
    };
  });
}

async function publicMediaOf(ctx: AppContext, caseIds: number[]): Promise<Map<number, PublicMedia[]>> {
  const rows = await ctx.db
    .select({ id: caseEvidence.id, caseId: caseEvidence.caseId, url: caseEvidence.url, mediaType: caseEvidence.mediaType })
    .from(caseEvidence)
    .where(and(inArray(caseEvidence.caseId, caseIds), eq(caseEvidence.public, true)))
    .orderBy(asc(caseEvidence.id));
  const out = new Map<number, PublicMedia[]>();
  for (const r of rows) out.set(r.caseId, [...(out.get(r.caseId) ?? []), { evidenceId: r.id, url: r.url, mediaType: r.mediaType }]);
  return out;
}

export interface PublicUpdate {
  /** the timeline entry */
  id: number;
  caseNumber: string;
  at: Date;
  action: string;
  /** the state the case moved to (or stayed in) */
  state: CaseState;
  note: string;
  detail: Record<string, unknown>;
  media: PublicMedia[];
}

/** Public timeline entries (the office's public notes and what the public wrote) of the
 * cases the public may see, in a time window, oldest first. The report itself is not an
 * update. */
export async function listPublicUpdates(ctx: AppContext, tenantId: string, w: { from: Date; to: Date; limit: number }): Promise<PublicUpdate[]> {
  const { ids } = await publicCategories(ctx, tenantId);
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .select({ id: caseTimeline.id, at: caseTimeline.at, action: caseTimeline.action, toState: caseTimeline.toState, caseState: cases.state, note: caseTimeline.publicNote, detail: caseTimeline.detail, photos: caseTimeline.photos, number: cases.number })
    .from(caseTimeline)
    .innerJoin(cases, eq(cases.id, caseTimeline.caseId))
    .where(
      and(
        eq(caseTimeline.tenantId, tenantId),
        sql`${caseTimeline.publicNote} is not null`,
        gte(caseTimeline.at, w.from),
        lte(caseTimeline.at, w.to),
        sql`${caseTimeline.action} <> 'report'`,
        notInArray(cases.state, [...UNVERIFIED_STATES]),
        inArray(cases.categoryId, ids),
      ),
    )
    .orderBy(asc(caseTimeline.at), asc(caseTimeline.id))
    .limit(w.limit);
  const photoIds = [...new Set(rows.flatMap((r) => r.photos))];
  const shared =
    photoIds.length === 0
      ? new Map<number, PublicMedia>()
      : new Map(
          (
            await ctx.db
              .select({ id: caseEvidence.id, url: caseEvidence.url, mediaType: caseEvidence.mediaType })
              .from(caseEvidence)
              .where(and(inArray(caseEvidence.id, photoIds), eq(caseEvidence.public, true)))
          ).map((e) => [e.id, { evidenceId: e.id, url: e.url, mediaType: e.mediaType }]),
        );
  return rows.map((r) => ({
    id: r.id,
    caseNumber: r.number,
    at: r.at,
    action: r.action,
    state: (r.toState ?? r.caseState) as CaseState,
    note: r.note!,
    detail: r.detail as Record<string, unknown>,
    media: r.photos.map((p) => shared.get(p)).filter((m): m is PublicMedia => !!m),
  }));
}

/** The bytes of a photo the public may see (shared by its reporter, on a public case). */
export async function publicEvidenceContent(ctx: AppContext, tenantId: string, evidenceId: number): Promise<{ content: Buffer; mediaType: string | null; sha256: string | null } | undefined> {
  const [e] = await ctx.db
    .select({ content: caseEvidence.content, mediaType: caseEvidence.mediaType, sha256: caseEvidence.sha256, state: cases.state, categoryId: cases.categoryId })
    .from(caseEvidence)
    .innerJoin(cases, eq(cases.id, caseEvidence.caseId))
    .where(and(eq(caseEvidence.tenantId, tenantId), eq(caseEvidence.id, evidenceId), eq(caseEvidence.public, true)));
  if (!e?.content) return undefined;
  const cfg = await engineOf(ctx).config.get(tenantId);
  if (!isPubliclyVisible(e.state as CaseState, cfg.byId.get(e.categoryId))) return undefined;
  return { content: e.content, mediaType: e.mediaType, sha256: e.sha256 };
}
