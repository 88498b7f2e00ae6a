// The owner behind a log-in: owners.user_id links a person (or an organisation's
// contact) to their account.
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../core/auth/index.js';
import type { Queryable } from '../../../core/db/index.js';
import { owners } from '../../places/index.js';

export async function ownerIdsOf(q: Queryable, actor: Actor): Promise<number[]> {
  if (actor.kind !== 'user') return [];
  const rows = await q.select({ id: owners.id }).from(owners).where(and(eq(owners.tenantId, actor.tenantId), eq(owners.userId, actor.id)));
  return rows.map((r) => r.id);
}
