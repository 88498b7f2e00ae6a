// The catalogue as a tree (category → subcategory → item) with each item's materials,
// errand steps (office names) and limit.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { users } from '../../../core/auth/index.js';
import { entCategories, entItems, entItemVersions, entOffices, entSubcategories } from '../schema.js';

export async function catalogueTree(q: Queryable, tenantId: string, opts: { includeInactive: boolean }) {
  const [cats, subs, items, offices] = await Promise.all([
    q.select().from(entCategories).where(eq(entCategories.tenantId, tenantId)).orderBy(asc(entCategories.sort), asc(entCategories.code)),
    q.select().from(entSubcategories).where(eq(entSubcategories.tenantId, tenantId)).orderBy(asc(entSubcategories.sort), asc(entSubcategories.code)),
    q.select().from(entItems).where(opts.includeInactive ? eq(entItems.tenantId, tenantId) : and(eq(entItems.tenantId, tenantId), eq(entItems.active, true))).orderBy(asc(entItems.code)),
    q.select({ code: entOffices.code, name: entOffices.name, kind: entOffices.kind }).from(entOffices).where(eq(entOffices.tenantId, tenantId)),
  ]);
  const office = new Map(offices.map((o) => [o.code, o]));
  return cats.map((c) => ({
    id: c.id,
    code: c.code,
    name: c.name,
    nameEn: c.nameEn,
    subcategories: subs
      .filter((s) => s.categoryId === c.id)
      .map((s) => ({
        id: s.id,
        code: s.code,
        name: s.name,
        nameEn: s.nameEn,
        items: items
          .filter((i) => i.subcategoryId === s.id)
          .map((i) => ({
            id: i.id,
            code: i.code,
            name: i.name,
            nameEn: i.nameEn,
            level: i.level,
            description: i.description,
            materials: i.materials,
            steps: i.steps.map((st) => ({ office: st.office, officeName: office.get(st.office)?.name ?? st.office, officeKind: office.get(st.office)?.kind ?? 'unknown', task: st.task })),
            limitDays: i.limitDays,
            priceNote: i.priceNote,
            active: i.active,
            version: i.version,
            updatedAt: i.updatedAt.toISOString(),
          })),
      })),
  }));
}

export async function itemVersions(q: Queryable, tenantId: string, itemId: number) {
  const rows = await q
    .select({ v: entItemVersions, by: users.displayName })
    .from(entItemVersions)
    .leftJoin(users, eq(users.id, entItemVersions.changedBy))
    .where(and(eq(entItemVersions.tenantId, tenantId), eq(entItemVersions.itemId, itemId)))
    .orderBy(desc(entItemVersions.version));
  return rows.map(({ v, by }) => ({ version: v.version, data: v.data as Record<string, unknown>, note: v.note, changedBy: by ?? null, changedAt: v.changedAt.toISOString() }));
}
