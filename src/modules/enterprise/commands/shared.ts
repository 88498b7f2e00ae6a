// Helpers shared by the request commands: locking a request, the facts the rules need,
// the request's progress log, event scope and the 409 for a state that does not allow
// the change.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Tx } from '../../../core/db/index.js';
import { authorize, type Actor } from '../../../core/auth/index.js';
import { CALENDAR_SERVICE, type CalendarService, type WorkingCalendar } from '../../../core/calendar/index.js';
import { Problem, notFound } from '../../../core/http/problem.js';
import type { EventScope } from '../../../core/bus/index.js';
import { entHandovers, entRequestLog, entRequests, entRequestSteps } from '../schema.js';
import { forOwnEnterprise, isAgent, isChief } from '../policies.js';
import { requestActions, type RequestAction, type RequestFacts, type RequestStatus, type Who } from '../domain/requestRules.js';

export type RequestRow = typeof entRequests.$inferSelect;

export const calendarOf = (ctx: AppContext, tenantId: string): Promise<WorkingCalendar> => (ctx.services.get(CALENDAR_SERVICE) as CalendarService).forTenant(tenantId);

/** The request, locked for the rest of the transaction; 404 when it is not this tenant's. */
export async function lockRequest(tx: Tx, tenantId: string, id: number): Promise<RequestRow> {
  const [r] = await tx.select().from(entRequests).where(and(eq(entRequests.tenantId, tenantId), eq(entRequests.id, id))).for('update');
  if (!r) throw notFound('thing.ent_request', id);
  return r;
}

export async function requestFacts(tx: Tx, r: RequestRow): Promise<RequestFacts> {
  const [open] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(entRequestSteps)
    .where(and(eq(entRequestSteps.requestId, r.id), inArray(entRequestSteps.status, ['pending', 'in_progress'])));
  const [pending] = await tx
    .select({ toUserId: entHandovers.toUserId, initiatedBy: entHandovers.initiatedBy })
    .from(entHandovers)
    .where(and(eq(entHandovers.requestId, r.id), eq(entHandovers.status, 'pending')));
  return { status: r.status as RequestStatus, ownerId: r.ownerId, rated: r.ratedAt != null, openSteps: Number(open?.n ?? 0), pendingHandover: pending ?? null };
}

export function whoOf(actor: Actor, r: { enterpriseId: number }): Who {
  return { userId: actor.kind === 'user' ? actor.id : null, agent: isAgent(actor), chief: isChief(actor), ownEnterprise: forOwnEnterprise(actor, r.enterpriseId) };
}

/** The request locked for the owner's (or the chief's) work on it: 404, 403 or 409 otherwise. */
export async function lockForWork(tx: Tx, actor: Actor, id: number, action: RequestAction = 'work', code?: (facts: RequestFacts) => string | undefined): Promise<{ r: RequestRow; facts: RequestFacts }> {
  const r = await lockRequest(tx, actor.tenantId, id);
  authorize(actor, 'enterprise.requests.work', r);
  const facts = await requestFacts(tx, r);
  ensureAllowed(action, facts, whoOf(actor, r), code?.(facts));
  return { r, facts };
}

/** 409 naming what the state of the request allows this actor instead. */
export function ensureAllowed(action: RequestAction, facts: RequestFacts, who: Who, code = 'ent.request.state'): void {
  const allowed = requestActions(facts, who);
  if (!allowed.includes(action)) throw new Problem(409, code, { status: { $t: `ent.status.${facts.status}` } }, undefined, { allowedActions: allowed });
}

export async function logRequest(tx: Tx, r: { tenantId: string; id: number }, at: Date, actor: Actor, kind: string, detail: Record<string, unknown> = {}): Promise<void> {
  await tx.insert(entRequestLog).values({ tenantId: r.tenantId, requestId: r.id, at, actorUserId: actor.kind === 'user' ? actor.id : null, kind, detail });
}

/** Live-stream scope of a request's events: the enterprise, the owner, the centre. */
export function requestScope(r: { enterpriseId: number; ownerId: number | null }, extraUsers: (number | null | undefined)[] = []): EventScope {
  const users = [r.ownerId, ...extraUsers].filter((u): u is number => u != null);
  return { enterprises: [r.enterpriseId], users: [...new Set(users)], roles: ['agent', 'agent_chief'] };
}

export const actorId = (actor: Actor): number | null => (actor.kind === 'user' ? actor.id : null);
