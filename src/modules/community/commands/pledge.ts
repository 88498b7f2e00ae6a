// A pledge to a project (plants, money, labour, materials): an owner pledges in their
// own name; a committee member records a pledge on someone's behalf.
import type { Actor } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem } from '../../../core/http/problem.js';
import { projectPledges } from '../schema.js';
import { parseHundredths } from '../domain/amounts.js';
import type { PledgeKind } from '../domain/projectStatus.js';
import { actingFor, loadProject, requireStatus, scopeOfProject } from './projectScope.js';

export interface PledgeInput {
  kind: PledgeKind;
  description: string;
  /** a committee member recording for someone else names them */
  pledger?: string;
  quantity?: number;
  amount?: string;
  hours?: number;
}

export async function pledge(ctx: AppContext, actor: Actor, projectId: number, input: PledgeInput): Promise<number> {
  const tenantId = actor.tenantId;
  const amount = input.amount === undefined ? null : parseHundredths(input.amount);
  if (input.amount !== undefined && amount === null) throw fieldProblem('amount', 'plan.bad_money');
  if (input.kind === 'money' && !amount) throw fieldProblem('amount', 'pledge.amount_needed');
  return ctx.db.transaction(async (tx) => {
    const p = await loadProject(tx, tenantId, projectId);
    const { name: pledger, userId } = await actingFor(tx, actor, p, input.pledger);
    requireStatus(p, ['proposed', 'approved', 'in_progress'], 'pledge');
    const [row] = await tx
      .insert(projectPledges)
      .values({ tenantId, projectId, kind: input.kind, pledger, userId, description: input.description, quantity: input.quantity ?? null, amount, hours: input.hours ?? null })
      .returning({ id: projectPledges.id });
    await audit(tx, { tenantId, actor, action: 'community.project.pledge', subjectType: 'renewal_project', subjectId: projectId, detail: { pledgeId: row!.id, kind: input.kind, pledger, quantity: input.quantity ?? null, amount: input.amount ?? null, hours: input.hours ?? null } });
    await emit(tx, [{ tenantId, type: 'community.project.pledged', subjectType: 'renewal_project', subjectId: String(projectId), scope: scopeOfProject(p), payload: { id: projectId, kind: input.kind } }]);
    return row!.id;
  });
}
