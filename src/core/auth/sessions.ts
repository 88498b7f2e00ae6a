// Cookie sessions. The browser holds a random token in an httpOnly cookie; the database
// holds its SHA-256. A short in-process cache spares a query per request; revocation and
// user changes are broadcast on the bus so every node drops its cached copy.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { Database, Queryable } from '../db/index.js';
import { emit, type EventBus } from '../bus/index.js';
import { sessions, userScopes, users } from './schema.js';
import type { UserActor } from './actor.js';
import { emptyScopes, SCOPE_KINDS, type Role, type ScopeKind } from './roles.js';

export const SESSION_COOKIE = 'jd_session';
export const CSRF_COOKIE = 'jd_csrf';
const CACHE_MS = 10_000;

export const newToken = () => randomBytes(32).toString('base64url');
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function loadUserActor(q: Queryable, userId: number): Promise<UserActor | null> {
  const [u] = await q.select().from(users).where(eq(users.id, userId));
  if (!u || !u.active) return null;
  const scopeRows = await q.select().from(userScopes).where(eq(userScopes.userId, userId));
  const scopes = emptyScopes();
  for (const s of scopeRows) {
    if ((SCOPE_KINDS as readonly string[]).includes(s.kind)) scopes[s.kind as ScopeKind].push(s.refId);
  }
  return {
    kind: 'user',
    id: u.id,
    tenantId: u.tenantId,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles as Role[],
    scopes,
    departmentId: u.departmentId,
  };
}

interface Cached {
  actor: UserActor;
  csrf: string;
  expiresAt: number;
  cachedAt: number;
}

export class SessionStore {
  private cache = new Map<string, Cached>();

  constructor(
    private readonly database: Database,
    private readonly ttlHours: number,
  ) {}

  attach(bus: EventBus): void {
    bus.on('auth.session.revoked', (e) => this.cache.delete(e.subjectId));
    bus.on('auth.user.changed', (e) => {
      for (const [k, v] of this.cache) if (String(v.actor.id) === e.subjectId) this.cache.delete(k);
    });
  }

  async create(q: Queryable, user: { id: number; tenantId: string }, ip?: string, userAgent?: string) {
    const token = newToken();
    const csrf = newToken();
    const expiresAt = new Date(Date.now() + this.ttlHours * 3600_000);
    await q.insert(sessions).values({ id: sha256(token), tenantId: user.tenantId, userId: user.id, csrf, expiresAt, ip, userAgent: userAgent?.slice(0, 300) });
    return { token, csrf, expiresAt };
  }

  async resolve(token: string): Promise<{ actor: UserActor; csrf: string } | null> {
    const id = sha256(token);
    const now = Date.now();
    const hit = this.cache.get(id);
    if (hit && now - hit.cachedAt < CACHE_MS) {
      return hit.expiresAt > now ? { actor: hit.actor, csrf: hit.csrf } : null;
    }
    const [s] = await this.database.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date())));
    if (!s) {
      this.cache.delete(id);
      return null;
    }
    const actor = await loadUserActor(this.database.db, s.userId);
    if (!actor) return null;
    actor.sessionId = id;
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(id, { actor, csrf: s.csrf, expiresAt: s.expiresAt.getTime(), cachedAt: now });
    return { actor, csrf: s.csrf };
  }

  async revoke(q: Queryable, tenantId: string, sessionId: string): Promise<void> {
    await q.delete(sessions).where(eq(sessions.id, sessionId));
    await emit(q, [{ tenantId, type: 'auth.session.revoked', subjectType: 'session', subjectId: sessionId, payload: {} }]);
    this.cache.delete(sessionId);
  }

  /** Forget cached copies of a user's sessions (roles or scopes changed). */
  async userChanged(q: Queryable, tenantId: string, userId: number): Promise<void> {
    await emit(q, [{ tenantId, type: 'auth.user.changed', subjectType: 'user', subjectId: String(userId), payload: {} }]);
  }
}
