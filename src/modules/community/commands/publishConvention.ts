// Publishing the version being drafted; the previously published one is superseded and
// households are asked to acknowledge the new one.
import { and, desc, eq } from 'drizzle-orm';
import type { Actor } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { conventionVersions } from '../schema.js';
import { stateConflict } from './common.js';
import { authorizeAll, conventionSubjects, loadConvention, scopeOfConvention } from './conventionScope.js';

export async function publishDraft(ctx: AppContext, actor: Actor, id: number): Promise<number> {
  const tenantId = actor.tenantId;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const c = await loadConvention(tx, tenantId, id, true);
    authorizeAll(actor, 'community.manage', await conventionSubjects(tx, c));
    const [latest] = await tx.select().from(conventionVersions).where(eq(conventionVersions.conventionId, id)).orderBy(desc(conventionVersions.version)).limit(1);
    if (!latest || latest.status !== 'drafting') throw stateConflict('convention.state', latest?.status ?? 'published', 'publish');
    await tx.update(conventionVersions).set({ status: 'superseded' }).where(and(eq(conventionVersions.conventionId, id), eq(conventionVersions.status, 'published')));
    await tx.update(conventionVersions).set({ status: 'published', publishedAt: now }).where(eq(conventionVersions.id, latest.id));
    await audit(tx, { tenantId, actor, action: 'community.convention.publish', subjectType: 'convention', subjectId: id, detail: { version: latest.version } });
    await emit(tx, [{ tenantId, type: 'community.convention.published', subjectType: 'convention', subjectId: String(id), scope: scopeOfConvention(c), payload: { id, version: latest.version } }]);
    return latest.version;
  });
}

