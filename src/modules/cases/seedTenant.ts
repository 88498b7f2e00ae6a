// A tenant's starting tables: the seeded classification (departments named by code) and
// grading rules. Used by the demo and by whoever creates a tenant.
import type { Tx } from '../../core/db/index.js';
import { caseCategories, caseGradingRules } from './schema.js';
import { SEED_CATEGORIES, SEED_GRADING_RULES } from './domain/seed.js';

export async function seedCaseTables(tx: Tx, tenantId: string, departmentIdByCode: Map<string, number>): Promise<Map<string, number>> {
  const rows = await tx
    .insert(caseCategories)
    .values(
      SEED_CATEGORIES.map((c) => ({
        tenantId,
        code: c.code,
        kind: c.kind,
        majorCode: c.majorCode,
        majorName: c.majorName,
        name: c.name,
        nameEn: c.nameEn,
        keywords: c.keywords,
        attributes: c.attributes ?? [],
        defaultGrade: c.defaultGrade,
        departmentId: c.department ? (departmentIdByCode.get(c.department) ?? null) : null,
        routeTo: c.routeTo ?? 'department',
        limits: { ...c.limits, handle: c.handle },
        photoRequired: c.photoRequired,
        dupRadiusM: c.dupRadiusM,
        autoRegister: c.autoRegister ?? false,
        public: c.public,
      })),
    )
    .returning({ id: caseCategories.id, code: caseCategories.code });
  await tx.insert(caseGradingRules).values(SEED_GRADING_RULES.map((r) => ({ tenantId, ...r })));
  return new Map(rows.map((r) => [r.code, r.id]));
}
