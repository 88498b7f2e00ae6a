// A committee drafts a convention for its buildings or residential area: version 1.
import type { Actor } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem } from '../../../core/http/problem.js';
import { conventions, conventionVersions } from '../schema.js';
import { loadCommittee } from '../scope.js';
import { userIdOf } from './common.js';
import { authorizeAll, conventionSubjects, scopeOfConvention } from './conventionScope.js';

export async function createConvention(ctx: AppContext, actor: Actor, input: { kind: string; title: string; buildingIds?: number[]; areaId?: number; committeeId?: number; body: string }): Promise<number> {
  const tenantId = actor.tenantId;
  const buildingIds = [...new Set(input.buildingIds ?? [])];
  if (!!input.areaId === buildingIds.length > 0) throw fieldProblem('buildingIds', 'convention.scope_needed');
  return ctx.db.transaction(async (tx) => {
    const scope = { tenantId, buildingIds, areaId: input.areaId ?? null, committeeId: input.committeeId ?? null };
    authorizeAll(actor, 'community.manage', await conventionSubjects(tx, scope, true));
    if (input.committeeId) await loadCommittee(tx, tenantId, input.committeeId, 'committeeId');
    const [c] = await tx.insert(conventions).values({ tenantId, kind: input.kind, title: input.title, buildingIds, areaId: scope.areaId, committeeId: scope.committeeId, createdBy: userIdOf(actor) }).returning({ id: conventions.id });
    await tx.insert(conventionVersions).values({ tenantId, conventionId: c!.id, version: 1, body: input.body, createdBy: userIdOf(actor) });
    await audit(tx, { tenantId, actor, action: 'community.convention.create', subjectType: 'convention', subjectId: c!.id, detail: { kind: input.kind, title: input.title, buildingIds, areaId: scope.areaId } });
    await emit(tx, [{ tenantId, type: 'community.convention.drafted', subjectType: 'convention', subjectId: String(c!.id), scope: scopeOfConvention(scope), payload: { id: c!.id, version: 1 } }]);
    return c!.id;
  });
}

