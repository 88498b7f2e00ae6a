// A committee member proposes a small renewal project (三微 / 领跑一件事) for a
// residential area or a building, naming the committees that work on it together.
import type { Actor } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem } from '../../../core/http/problem.js';
import { renewalProjects } from '../schema.js';
import type { ProjectKind } from '../domain/projectStatus.js';
import { parseHundredths } from '../domain/amounts.js';
import { areaPlace, buildingPlace, loadCommittee } from '../scope.js';
import { userIdOf } from './common.js';
import { authorizeProject, scopeOfProject } from './projectScope.js';

export interface NewProject {
  kind: ProjectKind;
  title: string;
  description?: string;
  areaId?: number;
  buildingId?: number;
  location?: string;
  sizeM2?: number;
  budget?: string;
  committeeIds?: number[];
}

export async function proposeProject(ctx: AppContext, actor: Actor, input: NewProject): Promise<number> {
  const tenantId = actor.tenantId;
  if (!input.areaId && !input.buildingId) throw fieldProblem('areaId', 'project.scope_needed');
  const budget = input.budget === undefined ? null : parseHundredths(input.budget);
  if (input.budget !== undefined && budget === null) throw fieldProblem('budget', 'plan.bad_money');
  return ctx.db.transaction(async (tx) => {
    let areaId = input.areaId ?? null;
    if (input.buildingId) areaId ??= (await buildingPlace(tx, tenantId, input.buildingId, 'buildingId')).areaId;
    if (input.areaId) await areaPlace(tx, tenantId, input.areaId, 'areaId');
    const committeeIds = [...new Set(input.committeeIds ?? [])];
    for (const [i, c] of committeeIds.entries()) await loadCommittee(tx, tenantId, c, `committeeIds.${i}`);
    const scope = { tenantId, areaId, buildingId: input.buildingId ?? null, committeeIds };
    await authorizeProject(tx, actor, 'community.manage', scope);
    const [p] = await tx
      .insert(renewalProjects)
      .values({ tenantId, kind: input.kind, title: input.title, description: input.description ?? '', areaId, buildingId: scope.buildingId, location: input.location ?? '', sizeM2: input.sizeM2 ?? null, budget, committeeIds, proposedBy: userIdOf(actor) })
      .returning({ id: renewalProjects.id });
    await audit(tx, { tenantId, actor, action: 'community.project.propose', subjectType: 'renewal_project', subjectId: p!.id, detail: { kind: input.kind, title: input.title, areaId, buildingId: scope.buildingId } });
    await emit(tx, [{ tenantId, type: 'community.project.proposed', subjectType: 'renewal_project', subjectId: String(p!.id), scope: scopeOfProject(scope), payload: { id: p!.id } }]);
    return p!.id;
  });
}
