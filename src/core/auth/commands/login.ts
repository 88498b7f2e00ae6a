// Log-in with lock-out: five wrong passwords in a row lock the account for a while.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { users } from '../schema.js';
import { DUMMY_HASH, verifyPassword } from '../passwords.js';
import { Problem } from '../../http/problem.js';
import { audit } from '../../audit/index.js';
import { loadUserActor } from '../sessions.js';
import type { UserActor } from '../actor.js';

/** Five wrong passwords are tolerated; the sixth in a row locks the account. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export interface LoginInput {
  tenant: string;
  username: string;
  password: string;
  ip?: string;
  userAgent?: string;
}

export async function login(ctx: AppContext, input: LoginInput): Promise<{ actor: UserActor; token: string; csrf: string; expiresAt: Date }> {
  const now = ctx.clock.now();
  const [u] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, input.tenant), eq(users.username, input.username)));
  const anonymous = { kind: 'anonymous' as const, tenantId: input.tenant };

  if (!u) {
    await verifyPassword(input.password, DUMMY_HASH);
    await audit(ctx.db, { tenantId: input.tenant, actor: anonymous, action: 'auth.login', subjectType: 'user', subjectId: input.username, outcome: 'failed', detail: { reason: 'unknown_user' }, ip: input.ip });
    throw new Problem(401, 'auth.invalid');
  }
  if (u.lockedUntil && u.lockedUntil > now) {
    await audit(ctx.db, { tenantId: u.tenantId, actor: anonymous, action: 'auth.login', subjectType: 'user', subjectId: u.id, outcome: 'denied', detail: { reason: 'locked' }, ip: input.ip });
    throw lockedProblem(u.failedLogins, u.lockedUntil);
  }
  if (!u.active) throw new Problem(403, 'auth.inactive');

  if (!(await verifyPassword(input.password, u.passwordHash))) {
    // Row lock: two failures at the same moment both count.
    const row = await ctx.db.transaction(async (tx) => {
      const [cur] = await tx.select({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, u.id)).for('update');
      const failedLogins = cur!.lockedUntil && cur!.lockedUntil <= now ? 1 : cur!.failedLogins + 1;
      const lockedUntil = failedLogins > MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
      await tx.update(users).set({ failedLogins, lockedUntil }).where(eq(users.id, u.id));
      return { failedLogins, lockedUntil };
    });
    await audit(ctx.db, { tenantId: u.tenantId, actor: anonymous, action: 'auth.login', subjectType: 'user', subjectId: u.id, outcome: 'failed', detail: { reason: 'password', failed: row.failedLogins }, ip: input.ip });
    if (row.lockedUntil) throw lockedProblem(row.failedLogins, row.lockedUntil);
    throw new Problem(401, 'auth.invalid', {}, undefined, { remainingAttempts: MAX_FAILED_LOGINS + 1 - row.failedLogins });
  }

  const actor = await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, u.id));
    const a = await loadUserActor(tx, u.id);
    await audit(tx, { tenantId: u.tenantId, actor: a!, action: 'auth.login', subjectType: 'user', subjectId: u.id, ip: input.ip });
    return a!;
  });
  const session = await ctx.sessions.create(ctx.db, u, input.ip, input.userAgent);
  return { actor, ...session };
}

export function lockedProblem(count: number, until: Date): Problem {
  const hhmm = until.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });
  return new Problem(423, 'auth.locked', { count: Math.max(count, MAX_FAILED_LOGINS + 1), until: hhmm }, undefined, { lockedUntil: until.toISOString() });
}
