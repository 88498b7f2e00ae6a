// An admin keeps the list of offices errands run through: the centre, subdistrict
// departments and outside offices (tax bureau, banks, the district administrative
// service centre, suppliers).
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem, notFound } from '../../../core/http/problem.js';
import { entOffices } from '../schema.js';

export const OFFICE_KINDS = ['centre', 'subdistrict', 'district', 'city', 'bank', 'supplier'] as const;

export interface OfficeInput {
  code: string;
  name: string;
  nameEn: string;
  kind: (typeof OFFICE_KINDS)[number];
  address?: string | null;
  phone?: string | null;
}

export async function saveOffice(ctx: AppContext, actor: UserActor, id: number | null, input: OfficeInput): Promise<{ id: number }> {
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: entOffices.id }).from(entOffices).where(and(eq(entOffices.tenantId, tenantId), eq(entOffices.code, input.code)));
    if (dup && dup.id !== id) throw fieldProblem('code', 'ent.section.code_taken', { code: input.code }, 'body', 409);
    let saved: number;
    if (id == null) {
      const [row] = await tx.insert(entOffices).values({ tenantId, ...input }).returning({ id: entOffices.id });
      saved = row!.id;
    } else {
      const [old] = await tx.select().from(entOffices).where(and(eq(entOffices.tenantId, tenantId), eq(entOffices.id, id))).for('update');
      if (!old) throw notFound('thing.ent_office', id);
      // items name offices by code: a code in use must stay
      if (old.code !== input.code) throw fieldProblem('code', 'ent.office.code_fixed', { code: old.code }, 'body', 422);
      await tx.update(entOffices).set(input).where(eq(entOffices.id, id));
      saved = id;
    }
    await audit(tx, { tenantId, actor, action: id == null ? 'enterprise.office.create' : 'enterprise.office.update', subjectType: 'ent_office', subjectId: saved, detail: input });
    await emit(tx, [{ tenantId, type: 'enterprise.office.saved', subjectType: 'ent_office', subjectId: String(saved), payload: { code: input.code } }]);
    return { id: saved };
  });
}
