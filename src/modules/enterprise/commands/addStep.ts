// An errand turns out to need another office (a bank account before the tax
// registration, say): the agent adds a step at the end or before a given step.
import { and, eq, gte, sql } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem } from '../../../core/http/problem.js';
import { entOffices, entRequestSteps } from '../schema.js';
import { lockForWork, logRequest, requestScope } from './shared.js';

export async function addStep(ctx: AppContext, actor: UserActor, requestId: number, input: { officeId: number; task: string; beforeSeq?: number | null }): Promise<{ id: number; seq: number }> {
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const { r } = await lockForWork(tx, actor, requestId);
    const [office] = await tx.select().from(entOffices).where(and(eq(entOffices.tenantId, tenantId), eq(entOffices.id, input.officeId)));
    if (!office) throw fieldProblem('officeId', 'ent.office.unknown', { id: input.officeId }, 'body', 422);
    const [last] = await tx.select({ max: sql<number>`coalesce(max(${entRequestSteps.seq}), 0)::int` }).from(entRequestSteps).where(eq(entRequestSteps.requestId, r.id));
    const max = Number(last?.max ?? 0);
    let seq = max + 1;
    if (input.beforeSeq != null) {
      if (input.beforeSeq < 1 || input.beforeSeq > max) throw fieldProblem('beforeSeq', 'ent.step.bad_position', { max });
      seq = input.beforeSeq;
      await tx.update(entRequestSteps).set({ seq: sql`${entRequestSteps.seq} + 1` }).where(and(eq(entRequestSteps.requestId, r.id), gte(entRequestSteps.seq, seq)));
    }
    const [row] = await tx.insert(entRequestSteps).values({ tenantId, requestId: r.id, seq, officeId: office.id, task: input.task }).returning({ id: entRequestSteps.id });
    const now = ctx.clock.now();
    await logRequest(tx, r, now, actor, 'step_added', { seq, task: input.task, office: office.name });
    await audit(tx, { tenantId, actor, action: 'enterprise.request.step_add', subjectType: 'ent_request', subjectId: r.id, detail: { stepId: row!.id, officeId: office.id, task: input.task, seq } });
    await emit(tx, [{ tenantId, type: 'enterprise.request.step_added', subjectType: 'ent_request', subjectId: String(r.id), scope: requestScope(r), payload: { stepId: row!.id, seq } }]);
    return { id: row!.id, seq };
  });
}
