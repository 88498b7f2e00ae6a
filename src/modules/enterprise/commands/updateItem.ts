// An admin changes a catalogue item. Each save is a new version (the earlier ones stay
// readable, and requests keep the version they were made under); a save based on an
// outdated version is refused so that nobody overwrites a change unseen.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem, fieldProblem, notFound } from '../../../core/http/problem.js';
import { entItems, entItemVersions, entOffices, entSubcategories } from '../schema.js';
import { checkItem, type ItemFields } from '../domain/catalogue.js';

export async function updateItem(ctx: AppContext, actor: UserActor, id: number, input: Partial<Omit<ItemFields, 'code'>> & { version: number; note?: string | null }): Promise<{ version: number }> {
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const [item] = await tx.select().from(entItems).where(and(eq(entItems.tenantId, tenantId), eq(entItems.id, id))).for('update');
    if (!item) throw notFound('thing.ent_item', id);
    if (item.version !== input.version) throw new Problem(409, 'ent.item.stale', { version: input.version, current: item.version }, undefined, { currentVersion: item.version });
    if (input.subcategoryId !== undefined && input.subcategoryId !== item.subcategoryId) {
      const [sub] = await tx.select({ id: entSubcategories.id }).from(entSubcategories).where(and(eq(entSubcategories.tenantId, tenantId), eq(entSubcategories.id, input.subcategoryId)));
      if (!sub) throw fieldProblem('subcategoryId', 'ent.subcategory.unknown', { id: input.subcategoryId }, 'body', 422);
    }
    const { version: _v, note, ...patch } = input;
    const next: ItemFields = {
      code: item.code,
      name: patch.name ?? item.name,
      nameEn: patch.nameEn ?? item.nameEn,
      level: (patch.level ?? item.level) as ItemFields['level'],
      description: patch.description ?? item.description,
      materials: patch.materials ?? item.materials,
      steps: patch.steps ?? item.steps,
      limitDays: patch.limitDays ?? item.limitDays,
      priceNote: patch.priceNote !== undefined ? patch.priceNote : item.priceNote,
      active: patch.active ?? item.active,
      subcategoryId: patch.subcategoryId ?? item.subcategoryId,
    };
    const offices = await tx.select({ code: entOffices.code }).from(entOffices).where(eq(entOffices.tenantId, tenantId));
    const issues = checkItem(next, new Set(offices.map((o) => o.code)));
    if (issues.length) throw new Problem(422, 'problem.validation', {}, issues.map((i) => ({ ...i, in: 'body' })));
    const changed = Object.keys(patch).filter((k) => JSON.stringify((patch as Record<string, unknown>)[k]) !== JSON.stringify((item as Record<string, unknown>)[k]));
    if (changed.length === 0) return { version: item.version };
    const version = item.version + 1;
    const now = ctx.clock.now();
    await tx.update(entItems).set({ ...next, version, updatedAt: now, updatedBy: actor.id }).where(eq(entItems.id, id));
    await tx.insert(entItemVersions).values({ tenantId, itemId: id, version, data: next, note: note ?? null, changedBy: actor.id, changedAt: now });
    await audit(tx, { tenantId, actor, action: 'enterprise.item.update', subjectType: 'ent_item', subjectId: id, detail: { version, changed, note: note ?? null } });
    await emit(tx, [{ tenantId, type: 'enterprise.catalogue.changed', subjectType: 'ent_item', subjectId: String(id), payload: { version, changed } }]);
    return { version };
  });
}
