// A document handed to an office or obtained from it during a step (the business
// licence, a tax registration receipt), with its reference number.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { notFound } from '../../../core/http/problem.js';
import { entRequestSteps, type StepDocument } from '../schema.js';
import { lockForWork, logRequest, requestScope } from './shared.js';

export async function addStepDocument(ctx: AppContext, actor: UserActor, requestId: number, stepId: number, input: { name: string; direction: StepDocument['direction']; reference?: string | null }): Promise<StepDocument[]> {
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const { r } = await lockForWork(tx, actor, requestId);
    const [step] = await tx.select().from(entRequestSteps).where(and(eq(entRequestSteps.requestId, r.id), eq(entRequestSteps.id, stepId)));
    if (!step) throw notFound('thing.ent_step', stepId);
    const now = ctx.clock.now();
    const doc: StepDocument = { name: input.name, direction: input.direction, reference: input.reference ?? null, at: now.toISOString(), by: actor.id };
    const documents = [...step.documents, doc];
    await tx.update(entRequestSteps).set({ documents }).where(eq(entRequestSteps.id, step.id));
    await logRequest(tx, r, now, actor, 'document', { seq: step.seq, name: input.name, direction: input.direction, reference: input.reference ?? null });
    await audit(tx, { tenantId, actor, action: 'enterprise.request.document', subjectType: 'ent_request', subjectId: r.id, detail: { stepId: step.id, ...doc } });
    await emit(tx, [{ tenantId, type: 'enterprise.request.document_added', subjectType: 'ent_request', subjectId: String(r.id), scope: requestScope(r), payload: { stepId: step.id, name: input.name, direction: input.direction } }]);
    return documents;
  });
}
