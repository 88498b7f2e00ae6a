// Moving a project along: approve or reject a proposal (by someone other than its
// proposer: four eyes), start work, complete, or cancel.
import { eq } from 'drizzle-orm';
import type { Actor } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem } from '../../../core/http/problem.js';
import { renewalProjects } from '../schema.js';
import { allowedProjectActions, nextProjectStatus, type ProjectAction, type ProjectStatus } from '../domain/projectStatus.js';
import { stateConflict, userIdOf } from './common.js';
import { authorizeProject, loadProject, scopeOfProject } from './projectScope.js';

export async function moveProject(ctx: AppContext, actor: Actor, id: number, action: ProjectAction, note?: string): Promise<ProjectStatus> {
  const tenantId = actor.tenantId;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, tenantId, id, true);
    await authorizeProject(tx, actor, 'community.manage', p);
    const from = p.status as ProjectStatus;
    const to = nextProjectStatus(from, action);
    if (!to) throw stateConflict('project.state', from, action, allowedProjectActions(from));
    if ((action === 'approve' || action === 'reject') && p.proposedBy !== null && p.proposedBy === userIdOf(actor)) throw new Problem(403, 'project.four_eyes');
    await tx
      .update(renewalProjects)
      .set({
        status: to,
        updatedAt: now,
        ...(action === 'approve' || action === 'reject' ? { decidedBy: userIdOf(actor) } : {}),
        ...(action === 'start' ? { startedAt: now } : {}),
        ...(action === 'complete' ? { doneAt: now } : {}),
      })
      .where(eq(renewalProjects.id, id));
    await audit(tx, { tenantId, actor, action: `community.project.${action}`, subjectType: 'renewal_project', subjectId: id, detail: { from, to, note: note ?? null } });
    await emit(tx, [{ tenantId, type: 'community.project.moved', subjectType: 'renewal_project', subjectId: String(id), scope: scopeOfProject(p), payload: { id, from, to } }]);
    return to;
  });
}
