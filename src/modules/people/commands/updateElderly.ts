// Change a register entry (living alone, care level, notes, status) under a version
// check, and its plan with it.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { localDate } from '../../../core/calendar/index.js';
import { Problem, notFound } from '../../../core/http/problem.js';
import { elderly } from '../schema.js';
import { calendarOf, careScope } from '../shared.js';
import { replanEntries } from './replan.js';

export interface UpdateInput {
  version: number;
  livesAlone?: boolean;
  careLevel?: number;
  notes?: string | null;
  status?: 'active' | 'moved' | 'deceased';
}

export async function updateElderly(ctx: AppContext, actor: Actor, id: number, input: UpdateInput): Promise<{ version: number }> {
  const tenantId = actor.tenantId;
  const now = ctx.clock.now();
  const cal = await calendarOf(ctx, tenantId);
  return ctx.db.transaction(async (tx) => {
    const [e] = await tx.select().from(elderly).where(and(eq(elderly.tenantId, tenantId), eq(elderly.id, id))).for('update');
    if (!e) throw notFound('thing.elderly', id);
    authorize(actor, 'people.elderly.manage', e, { type: 'elderly', id });
    if (e.version !== input.version) throw new Problem(409, 'people.version_conflict', {}, undefined, { currentVersion: e.version });
    const { version: _v, ...changes } = input;
    const patch: Partial<typeof elderly.$inferInsert> = { ...changes, version: e.version + 1, updatedAt: now };
    // a closed entry has no plan and raises no alerts
    if (input.status && input.status !== 'active') Object.assign(patch, { nextVisitDue: null, planRuleId: null });
    await tx.update(elderly).set(patch).where(eq(elderly.id, id));
    if ((input.status ?? e.status) === 'active') await replanEntries(tx, tenantId, [id], localDate(now), cal);
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, e[k as keyof typeof e]]));
    await audit(tx, { tenantId, actor, action: 'people.elderly.update', subjectType: 'elderly', subjectId: id, detail: { before, after: changes } });
    await emit(tx, [{ tenantId, type: 'people.elderly.updated', subjectType: 'elderly', subjectId: String(id), scope: careScope(e), payload: { fields: Object.keys(changes) } }]);
    return { version: e.version + 1 };
  });
}
