// The members of a committee (居委会, 楼委会, 街委会) and their roles. Members stepping
// down are kept, inactive, for the record.
import { and, eq } from 'drizzle-orm';
import { authorize, type Actor } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { users } from '../../../core/auth/index.js';
import { fieldProblem } from '../../../core/http/problem.js';
import { committeeMembers } from '../schema.js';
import { loadCommittee, missing } from '../scope.js';

export const MEMBER_ROLES = ['convenor', 'deputy', 'secretary', 'member'] as const;
export interface MemberInput {
  name: string;
  role: (typeof MEMBER_ROLES)[number];
  userId?: number | null;
  represents?: string | null;
  phone?: string | null;
  since?: string | null;
  active?: boolean;
}

export async function saveMember(ctx: AppContext, actor: Actor, committeeId: number, memberId: number | null, input: MemberInput): Promise<number> {
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const c = await loadCommittee(tx, tenantId, committeeId);
    authorize(actor, 'community.manage', c.subject);
    if (input.userId) {
      const [u] = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, input.userId)));
      if (!u) throw fieldProblem('userId', 'member.user_unknown', { user: input.userId }, 'body', 422);
    }
    const values = { name: input.name, role: input.role, userId: input.userId ?? null, represents: input.represents ?? null, phone: input.phone ?? null, since: input.since ?? null, active: input.active ?? true };
    let id = memberId;
    if (id === null) {
      const [m] = await tx.insert(committeeMembers).values({ tenantId, committeeId, ...values }).returning({ id: committeeMembers.id });
      id = m!.id;
    } else {
      const [m] = await tx.update(committeeMembers).set(values).where(and(eq(committeeMembers.tenantId, tenantId), eq(committeeMembers.committeeId, committeeId), eq(committeeMembers.id, id))).returning({ id: committeeMembers.id });
      if (!m) throw missing('thing.member', id);
    }
    await audit(tx, { tenantId, actor, action: memberId === null ? 'community.member.add' : 'community.member.update', subjectType: 'committee', subjectId: committeeId, detail: { memberId: id, ...values } });
    await emit(tx, [{ tenantId, type: 'community.committee.changed', subjectType: 'committee', subjectId: String(committeeId), scope: { departments: [committeeId] }, payload: { id: committeeId, memberId: id } }]);
    return id;
  });
}
