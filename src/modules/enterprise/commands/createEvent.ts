// Agents announce a promotion, training or networking event with its capacity.
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem } from '../../../core/http/problem.js';
import { entEvents } from '../schema.js';

export const EVENT_KINDS = ['promotion', 'training', 'networking'] as const;

export interface EventInput {
  kind: (typeof EVENT_KINDS)[number];
  title: string;
  description: string;
  place: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
}

export async function createEvent(ctx: AppContext, actor: UserActor, input: EventInput): Promise<{ id: number }> {
  const tenantId = actor.tenantId;
  if (input.endsAt <= input.startsAt) throw fieldProblem('endsAt', 'ent.event.ends_before_start', {}, 'body', 422);
  if (input.startsAt <= ctx.clock.now()) throw fieldProblem('startsAt', 'ent.event.in_past', {}, 'body', 422);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(entEvents).values({ tenantId, ...input, createdBy: actor.id }).returning({ id: entEvents.id });
    await audit(tx, { tenantId, actor, action: 'enterprise.event.create', subjectType: 'ent_event', subjectId: row!.id, detail: { ...input, startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString() } });
    await emit(tx, [{ tenantId, type: 'enterprise.event.created', subjectType: 'ent_event', subjectId: String(row!.id), scope: { roles: ['agent', 'agent_chief', 'enterprise_user'] }, payload: { title: input.title, kind: input.kind, startsAt: input.startsAt.toISOString(), capacity: input.capacity } }]);
    return { id: row!.id };
  });
}
