// What flows (alarm → case, Open311, screens) use besides the commands: a case with its
// timeline, the open case of a sensing scene, the public categories, the expected
// completion time, and a case's public status.
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context.js';
import { authorize, type Actor } from '../../core/auth/index.js';
import { notFound } from '../../core/http/problem.js';
import { cases } from './schema.js';
import { engineOf } from './services/engine.js';
import { expectedAt } from './domain/sla.js';
import type { CaseState, Grade } from './domain/types.js';
import { PUBLIC_UPDATE_ACTION, publicOpenClosed } from './domain/publicView.js';
import type { Category } from './domain/category.js';
import { detailExtras, loadCase, namesOf } from './queries/getCase.js';
import { presentCase } from './queries/present.js';
import type { CaseRow } from './commands/write.js';

/** A case as GET /cases/{id} shows it, for an actor allowed to read it. */
export async function getCase(ctx: AppContext, actor: Actor, id: number) {
  const row = await loadCase(ctx.db, actor.tenantId, id);
  if (!row) throw notFound('thing.case', id);
  authorize(actor, 'cases.read', row);
  const cfg = await engineOf(ctx).config.get(actor.tenantId);
  const category = cfg.byId.get(row.categoryId);
  return { ...presentCase(row, await namesOf(ctx.db, row), category, actor, ctx.clock.now()), ...(await detailExtras(ctx.db, actor, row, category?.dupRadiusM ?? 0)) };
}
export type CaseDetail = Awaited<ReturnType<typeof getCase>>;

/** The open case of a sensing scene, if any. */
export async function findOpenCaseByScene(ctx: AppContext, tenantId: string, sceneKey: string): Promise<CaseRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), eq(cases.sceneKey, sceneKey), sql`${cases.state} not in ('closed', 'cancelled')`));
  return row;
}

/** Categories offered to the public (Open311 services): code, names, keywords, attributes. */
export async function publicCategories(ctx: AppContext, tenantId: string): Promise<Category[]> {
  const cfg = await engineOf(ctx).config.get(tenantId);
  return cfg.categories.filter((c) => c.active && c.public);
}

/** When a case (or a new report of a category) is expected to be done, on the working
 * calendar: the handling deadline once dispatched; before that, the remaining steps'
 * limits chained from now. Null for a closed or cancelled case. */
export async function expectedCompletion(ctx: AppContext, tenantId: string, of: { caseRow: CaseRow } | { categoryCode: string; grade?: Grade }): Promise<Date | null> {
  const eng = engineOf(ctx);
  const cfg = await eng.config.get(tenantId);
  const cal = await eng.calendars.forTenant(tenantId);
  if ('caseRow' in of) {
    const r = of.caseRow;
    const category = cfg.byId.get(r.categoryId);
    if (!category) return null;
    return expectedAt(cal, category.limits, ctx.clock.now(), r.grade as Grade, r);
  }
  const category = cfg.byCode.get(of.categoryCode);
  if (!category) return null;
  return expectedAt(cal, category.limits, ctx.clock.now(), of.grade ?? category.defaultGrade);
}

/** The public face of a case (Open311 status, status_notes, updates). */
export function publicStatus(c: Pick<CaseDetail, 'state' | 'timeline'>) {
  const updates = c.timeline.filter((t) => t.publicNote).map((t) => ({ id: t.id, at: t.at, status: publicOpenClosed((t.to ?? c.state) as CaseState), note: t.publicNote!, byPublic: t.action === PUBLIC_UPDATE_ACTION }));
  // the status note is the office's word; what the public wrote stays among the updates
  const office = updates.filter((u) => !u.byPublic);
  return { status: publicOpenClosed(c.state as CaseState), statusNotes: office[office.length - 1]?.note ?? null, updates };
}
