// The agents of the centre a request can be given to: active users of the tenant with
// the frontline or chief agent role.
import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { users } from '../../../core/auth/index.js';
import { fieldProblem } from '../../../core/http/problem.js';

export interface AgentRef {
  id: number;
  displayName: string;
}

export async function listAgents(q: Queryable, tenantId: string): Promise<(AgentRef & { chief: boolean; phone: string | null })[]> {
  const rows = await q
    .select({ id: users.id, displayName: users.displayName, roles: users.roles, phone: users.phone })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.active, true), sql`${users.roles} && array['agent','agent_chief']::text[]`))
    .orderBy(users.id);
  return rows.map((r) => ({ id: r.id, displayName: r.displayName, chief: r.roles.includes('agent_chief'), phone: r.phone }));
}

/** The agent with this id, or a 422 naming the field. */
export async function requireAgent(q: Queryable, tenantId: string, userId: number, field: string): Promise<AgentRef> {
  const [u] = await q
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId), eq(users.active, true), sql`${users.roles} && array['agent','agent_chief']::text[]`));
  if (!u) throw fieldProblem(field, 'ent.agent.unknown', { id: userId }, 'body', 422);
  return u;
}
