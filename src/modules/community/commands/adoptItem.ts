// A volunteer adopts an item of a project (a plant, a bench, the letter-box room's green
// wall) and tends it under their name (署名挂牌): an owner for themselves, or a committee
// member recording a named volunteer.
import type { Actor } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { projectAdoptions } from '../schema.js';
import { localDate } from '../../../core/calendar/index.js';
import { actingFor, loadProject, requireStatus, scopeOfProject } from './projectScope.js';

export async function adoptItem(ctx: AppContext, actor: Actor, projectId: number, input: { item: string; adopter?: string; note?: string }): Promise<number> {
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, tenantId, projectId);
    const { name: adopter, userId } = await actingFor(tx, actor, p, input.adopter);
    requireStatus(p, ['approved', 'in_progress', 'done'], 'adopt');
    const [a] = await tx
      .insert(projectAdoptions)
      .values({ tenantId, projectId, item: input.item, adopter, userId, since: localDate(ctx.clock.now()), note: input.note ?? null })
      .returning({ id: projectAdoptions.id });
    await audit(tx, { tenantId, actor, action: 'community.project.adopt', subjectType: 'renewal_project', subjectId: projectId, detail: { adoptionId: a!.id, item: input.item, adopter } });
    await emit(tx, [{ tenantId, type: 'community.project.adopted', subjectType: 'renewal_project', subjectId: String(projectId), scope: scopeOfProject(p), payload: { id: projectId } }]);
    return a!.id;
  });
}
