// Lifecycle accompaniment: the agent records that an enterprise has moved on (start-up
// → growth → mature) or back, with the reason; the history keeps every change.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem, notFound } from '../../../core/http/problem.js';
import { enterprises, entLifecycle } from '../schema.js';
import { stageChange, type Stage } from '../domain/enterprise.js';

export async function changeStage(ctx: AppContext, actor: UserActor, id: number, input: { stage: Stage; note: string }): Promise<void> {
  const tenantId = actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const [e] = await tx.select().from(enterprises).where(and(eq(enterprises.tenantId, tenantId), eq(enterprises.id, id))).for('update');
    if (!e) throw notFound('thing.enterprise', id);
    const from = e.stage as Stage;
    if (stageChange(from, input.stage) === 'same') throw new Problem(409, 'ent.enterprise.same_stage', { stage: { $t: `ent.stage.${from}` } });
    const now = ctx.clock.now();
    await tx.update(enterprises).set({ stage: input.stage }).where(eq(enterprises.id, id));
    await tx.insert(entLifecycle).values({ tenantId, enterpriseId: id, at: now, kind: 'stage', fromStage: from, toStage: input.stage, note: input.note, byUserId: actor.id });
    await audit(tx, { tenantId, actor, action: 'enterprise.enterprise.stage', subjectType: 'enterprise', subjectId: id, detail: { from, to: input.stage, note: input.note } });
    await emit(tx, [{ tenantId, type: 'enterprise.enterprise.stage_changed', subjectType: 'enterprise', subjectId: String(id), scope: { enterprises: [id] }, payload: { from, to: input.stage } }]);
  });
}
