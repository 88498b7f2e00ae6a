// Called by the flow that turns a reported street problem into a case: records which
// case it became (once), so the request or visit can show it.
import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import { systemActor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { entStreetProblems } from '../schema.js';

export async function linkStreetProblemCase(ctx: AppContext, tenantId: string, problemId: number, caseRef: string): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const done = await tx
      .update(entStreetProblems)
      .set({ caseRef, linkedAt: ctx.clock.now() })
      .where(and(eq(entStreetProblems.tenantId, tenantId), eq(entStreetProblems.id, problemId), isNull(entStreetProblems.caseRef)))
      .returning({ id: entStreetProblems.id, requestId: entStreetProblems.requestId });
    if (!done.length) return false;
    await audit(tx, { tenantId, actor: systemActor(tenantId, 'flow'), action: 'enterprise.street_problem.link', subjectType: 'ent_street_problem', subjectId: problemId, detail: { caseRef } });
    await emit(tx, [{ tenantId, type: 'enterprise.street_problem.linked', subjectType: 'ent_street_problem', subjectId: String(problemId), payload: { caseRef, requestId: done[0]!.requestId } }]);
    return true;
  });
}
