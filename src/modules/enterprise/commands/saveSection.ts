// An admin adds or renames a section of the catalogue: a category (大类) or a
// subcategory (小类) within one. Audited like item edits.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem, notFound } from '../../../core/http/problem.js';
import { entCategories, entSubcategories } from '../schema.js';

export interface SectionInput {
  code?: string;
  name?: string;
  nameEn?: string;
  sort?: number;
  /** for a subcategory: the category it belongs to */
  categoryId?: number;
}

export async function saveSection(ctx: AppContext, actor: UserActor, kind: 'category' | 'subcategory', id: number | null, input: SectionInput): Promise<{ id: number }> {
  const tenantId = actor.tenantId;
  const table = kind === 'category' ? entCategories : entSubcategories;
  return ctx.db.transaction(async (tx) => {
    if (kind === 'subcategory' && input.categoryId !== undefined) {
      const [c] = await tx.select({ id: entCategories.id }).from(entCategories).where(and(eq(entCategories.tenantId, tenantId), eq(entCategories.id, input.categoryId)));
      if (!c) throw fieldProblem('categoryId', 'ent.category.unknown', { id: input.categoryId }, 'body', 422);
    }
    if (input.code !== undefined) {
      const [dup] = await tx.select({ id: table.id }).from(table).where(and(eq(table.tenantId, tenantId), eq(table.code, input.code)));
      if (dup && dup.id !== id) throw fieldProblem('code', 'ent.section.code_taken', { code: input.code }, 'body', 409);
    }
    let savedId: number;
    if (id == null) {
      if (!input.code || !input.name || !input.nameEn) throw fieldProblem(!input.code ? 'code' : !input.name ? 'name' : 'nameEn', 'ent.section.required');
      if (kind === 'subcategory' && input.categoryId === undefined) throw fieldProblem('categoryId', 'ent.section.required');
      const values = { tenantId, code: input.code, name: input.name, nameEn: input.nameEn, sort: input.sort ?? 0 };
      const [row] = kind === 'category' ? await tx.insert(entCategories).values(values).returning({ id: entCategories.id }) : await tx.insert(entSubcategories).values({ ...values, categoryId: input.categoryId! }).returning({ id: entSubcategories.id });
      savedId = row!.id;
    } else {
      const [row] = await tx.update(table).set(input).where(and(eq(table.tenantId, tenantId), eq(table.id, id))).returning({ id: table.id });
      if (!row) throw notFound(kind === 'category' ? 'thing.ent_category' : 'thing.ent_subcategory', id);
      savedId = row.id;
    }
    await audit(tx, { tenantId, actor, action: `enterprise.${kind}.${id == null ? 'create' : 'update'}`, subjectType: `ent_${kind}`, subjectId: savedId, detail: input });
    await emit(tx, [{ tenantId, type: 'enterprise.catalogue.changed', subjectType: `ent_${kind}`, subjectId: String(savedId), payload: { ...input } }]);
    return { id: savedId };
  });
}
