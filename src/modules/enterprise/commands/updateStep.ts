// The agent moves one step of the errand: started at an office, done, skipped (with the
// reason), or back to pending. The first step that moves puts the request in progress.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem, fieldProblem, notFound } from '../../../core/http/problem.js';
import { entOffices, entRequests, entRequestSteps } from '../schema.js';
import { canMoveStep, statusAfterStepChange, stepMoves, type RequestStatus, type StepStatus } from '../domain/requestRules.js';
import { lockForWork, logRequest, requestScope } from './shared.js';

export async function updateStep(ctx: AppContext, actor: UserActor, requestId: number, stepId: number, input: { status: StepStatus; note?: string | null }): Promise<void> {
  const tenantId = actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const { r } = await lockForWork(tx, actor, requestId);
    const [step] = await tx.select().from(entRequestSteps).where(and(eq(entRequestSteps.requestId, r.id), eq(entRequestSteps.id, stepId)));
    if (!step) throw notFound('thing.ent_step', stepId);
    const from = step.status as StepStatus;
    if (!canMoveStep(from, input.status)) throw new Problem(409, 'ent.step.move', { from: { $t: `ent.step_status.${from}` }, to: { $t: `ent.step_status.${input.status}` } }, undefined, { allowedStatuses: stepMoves(from) });
    if (input.status === 'skipped' && !input.note?.trim()) throw fieldProblem('note', 'ent.step.skip_reason');
    const now = ctx.clock.now();
    const finished = input.status === 'done' || input.status === 'skipped';
    await tx
      .update(entRequestSteps)
      .set({
        status: input.status,
        note: input.note ?? step.note,
        startedAt: input.status === 'pending' ? null : input.status === 'skipped' ? step.startedAt : (step.startedAt ?? now),
        finishedAt: finished ? now : null,
        finishedBy: finished ? actor.id : null,
      })
      .where(eq(entRequestSteps.id, step.id));
    const next = statusAfterStepChange(r.status as RequestStatus);
    if (next !== r.status) await tx.update(entRequests).set({ status: next }).where(eq(entRequests.id, r.id));
    const [office] = await tx.select({ name: entOffices.name }).from(entOffices).where(eq(entOffices.id, step.officeId));
    await logRequest(tx, r, now, actor, 'step', { seq: step.seq, task: step.task, office: office?.name, from, to: input.status, note: input.note ?? null });
    await audit(tx, { tenantId, actor, action: 'enterprise.request.step', subjectType: 'ent_request', subjectId: r.id, detail: { stepId: step.id, from, to: input.status, note: input.note ?? null } });
    await emit(tx, [{ tenantId, type: 'enterprise.request.step_changed', subjectType: 'ent_request', subjectId: String(r.id), scope: requestScope(r), payload: { stepId: step.id, seq: step.seq, from, to: input.status, status: next } }]);
  });
}
