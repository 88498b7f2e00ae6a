// Editing a convention: the version being drafted changes in place; after a publication
// the next version is started. Published text never changes.
import { desc, eq } from 'drizzle-orm';
import type { Actor } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { conventionVersions } from '../schema.js';
import { userIdOf } from './common.js';
import { authorizeAll, conventionSubjects, loadConvention, scopeOfConvention } from './conventionScope.js';

/** Edit the version being drafted, or start the next one after a publication. */
export async function saveDraft(ctx: AppContext, actor: Actor, id: number, input: { body: string; changeNote?: string }): Promise<number> {
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const c = await loadConvention(tx, tenantId, id, true);
    authorizeAll(actor, 'community.manage', await conventionSubjects(tx, c));
    const [latest] = await tx.select().from(conventionVersions).where(eq(conventionVersions.conventionId, id)).orderBy(desc(conventionVersions.version)).limit(1);
    let version: number;
    if (latest && latest.status === 'drafting') {
      version = latest.version;
      await tx.update(conventionVersions).set({ body: input.body, changeNote: input.changeNote ?? latest.changeNote, updatedAt: ctx.clock.now() }).where(eq(conventionVersions.id, latest.id));
    } else {
      version = (latest?.version ?? 0) + 1;
      await tx.insert(conventionVersions).values({ tenantId, conventionId: id, version, body: input.body, changeNote: input.changeNote ?? null, createdBy: userIdOf(actor) });
    }
    await audit(tx, { tenantId, actor, action: 'community.convention.draft', subjectType: 'convention', subjectId: id, detail: { version, chars: input.body.length, changeNote: input.changeNote ?? null } });
    await emit(tx, [{ tenantId, type: 'community.convention.drafted', subjectType: 'convention', subjectId: String(id), scope: scopeOfConvention(c), payload: { id, version } }]);
    return version;
  });
}

