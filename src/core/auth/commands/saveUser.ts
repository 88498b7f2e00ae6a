// Create or change an account: roles, scopes, password, unlock. Audited; cached
// sessions of a changed user are dropped on every node.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Actor } from '../actor.js';
import { userScopes, users } from '../schema.js';
import { hashPassword } from '../passwords.js';
import { audit } from '../../audit/index.js';
import { Problem, fieldProblem } from '../../http/problem.js';
import type { Role, Scopes } from '../roles.js';

export interface UserInput {
  username?: string;
  displayName?: string;
  password?: string;
  roles?: Role[];
  scopes?: Partial<Scopes>;
  departmentId?: number | null;
  phone?: string | null;
  active?: boolean;
  unlock?: boolean;
}

export async function createUser(ctx: AppContext, actor: Actor, tenantId: string, input: UserInput & { username: string; displayName: string; password: string; roles: Role[] }) {
  return ctx.db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.username, input.username)));
    if (dup) throw fieldProblem('username', 'user.username_taken', { username: input.username }, 'body', 409);
    const [u] = await tx
      .insert(users)
      .values({
        tenantId,
        username: input.username,
        displayName: input.displayName,
        passwordHash: await hashPassword(input.password),
        roles: input.roles,
        departmentId: input.departmentId ?? null,
        phone: input.phone ?? null,
      })
      .returning({ id: users.id });
    await replaceScopes(tx, tenantId, u!.id, input.scopes ?? {});
    await audit(tx, { tenantId, actor, action: 'user.create', subjectType: 'user', subjectId: u!.id, detail: { username: input.username, roles: input.roles, scopes: input.scopes } });
    return u!.id;
  });
}

export async function updateUser(ctx: AppContext, actor: Actor, tenantId: string, userId: number, input: UserInput) {
  await ctx.db.transaction(async (tx) => {
    const [u] = await tx.select().from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, userId))).for('update');
    if (!u) throw new Problem(404, 'problem.not_found_thing', { what: { $t: 'thing.user' }, id: userId });
    const patch: Partial<typeof users.$inferInsert> = {};
    if (input.displayName !== undefined) patch.displayName = input.displayName;
    if (input.password !== undefined) patch.passwordHash = await hashPassword(input.password);
    if (input.roles !== undefined) patch.roles = input.roles;
    if (input.departmentId !== undefined) patch.departmentId = input.departmentId;
    if (input.phone !== undefined) patch.phone = input.phone;
    if (input.active !== undefined) patch.active = input.active;
    if (input.unlock) {
      patch.failedLogins = 0;
      patch.lockedUntil = null;
    }
    if (Object.keys(patch).length) await tx.update(users).set(patch).where(eq(users.id, userId));
    if (input.scopes) await replaceScopes(tx, tenantId, userId, input.scopes);
    const { password: _pw, ...logged } = input;
    await audit(tx, { tenantId, actor, action: 'user.update', subjectType: 'user', subjectId: userId, detail: { ...logged, passwordChanged: input.password !== undefined } });
    await ctx.sessions.userChanged(tx, tenantId, userId);
  });
}

async function replaceScopes(tx: Parameters<Parameters<AppContext['db']['transaction']>[0]>[0], tenantId: string, userId: number, scopes: Partial<Scopes>) {
  for (const [kind, ids] of Object.entries(scopes)) {
    if (!ids) continue;
    await tx.delete(userScopes).where(and(eq(userScopes.userId, userId), eq(userScopes.kind, kind)));
    if (ids.length) await tx.insert(userScopes).values([...new Set(ids)].map((refId) => ({ tenantId, userId, kind, refId })));
  }
}
