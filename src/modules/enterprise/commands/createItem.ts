// An admin adds an item to the catalogue; version 1 is kept with it.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem, fieldProblem } from '../../../core/http/problem.js';
import { entItems, entItemVersions, entOffices, entSubcategories } from '../schema.js';
import { checkItem, type ItemFields } from '../domain/catalogue.js';

export async function createItem(ctx: AppContext, actor: UserActor, input: ItemFields & { note?: string | null }): Promise<{ id: number; version: number }> {
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const [sub] = await tx.select({ id: entSubcategories.id }).from(entSubcategories).where(and(eq(entSubcategories.tenantId, tenantId), eq(entSubcategories.id, input.subcategoryId)));
    if (!sub) throw fieldProblem('subcategoryId', 'ent.subcategory.unknown', { id: input.subcategoryId }, 'body', 422);
    const [dup] = await tx.select({ id: entItems.id }).from(entItems).where(and(eq(entItems.tenantId, tenantId), eq(entItems.code, input.code)));
    if (dup) throw fieldProblem('code', 'ent.item.code_taken', { code: input.code }, 'body', 409);
    const offices = await tx.select({ code: entOffices.code }).from(entOffices).where(eq(entOffices.tenantId, tenantId));
    const issues = checkItem(input, new Set(offices.map((o) => o.code)));
    if (issues.length) throw new Problem(422, 'problem.validation', {}, issues.map((i) => ({ ...i, in: 'body' })));
    const { note, ...fields } = input;
    const now = ctx.clock.now();
    const [row] = await tx.insert(entItems).values({ tenantId, ...fields, version: 1, updatedAt: now, updatedBy: actor.id }).returning({ id: entItems.id });
    await tx.insert(entItemVersions).values({ tenantId, itemId: row!.id, version: 1, data: fields, note: note ?? null, changedBy: actor.id, changedAt: now });
    await audit(tx, { tenantId, actor, action: 'enterprise.item.create', subjectType: 'ent_item', subjectId: row!.id, detail: fields });
    await emit(tx, [{ tenantId, type: 'enterprise.catalogue.changed', subjectType: 'ent_item', subjectId: String(row!.id), payload: { version: 1, code: input.code } }]);
    return { id: row!.id, version: 1 };
  });
}
