// Milestones of a project (e.g. "lift 4 of 6 renovated"): added by the committee and
// marked done (or undone) as the work goes.
import { and, eq, max } from 'drizzle-orm';
import type { Actor } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { projectMilestones } from '../schema.js';
import { missing } from '../scope.js';
import { authorizeProject, loadProject, requireStatus, scopeOfProject } from './projectScope.js';

export async function addMilestone(ctx: AppContext, actor: Actor, projectId: number, input: { title: string; dueOn?: string }): Promise<number> {
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, tenantId, projectId, true);
    await authorizeProject(tx, actor, 'community.manage', p);
    requireStatus(p, ['proposed', 'approved', 'in_progress'], 'edit');
    const [last] = await tx.select({ n: max(projectMilestones.sort) }).from(projectMilestones).where(eq(projectMilestones.projectId, projectId));
    const [m] = await tx.insert(projectMilestones).values({ tenantId, projectId, title: input.title, dueOn: input.dueOn ?? null, sort: (last?.n ?? 0) + 1 }).returning({ id: projectMilestones.id });
    await audit(tx, { tenantId, actor, action: 'community.project.milestone_add', subjectType: 'renewal_project', subjectId: projectId, detail: { milestoneId: m!.id, title: input.title, dueOn: input.dueOn ?? null } });
    return m!.id;
  });
}

export async function setMilestoneDone(ctx: AppContext, actor: Actor, projectId: number, milestoneId: number, done: boolean): Promise<void> {
  const tenantId = actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, tenantId, projectId, true);
    await authorizeProject(tx, actor, 'community.manage', p);
    requireStatus(p, ['approved', 'in_progress', 'done'], 'edit');
    const [m] = await tx
      .update(projectMilestones)
      .set({ doneAt: done ? ctx.clock.now() : null })
      .where(and(eq(projectMilestones.projectId, projectId), eq(projectMilestones.id, milestoneId)))
      .returning({ title: projectMilestones.title });
    if (!m) throw missing('thing.milestone', milestoneId);
    await audit(tx, { tenantId, actor, action: done ? 'community.project.milestone_done' : 'community.project.milestone_undone', subjectType: 'renewal_project', subjectId: projectId, detail: { milestoneId, title: m.title } });
    await emit(tx, [{ tenantId, type: 'community.project.milestone', subjectType: 'renewal_project', subjectId: String(projectId), scope: scopeOfProject(p), payload: { id: projectId, milestoneId, done } }]);
  });
}
