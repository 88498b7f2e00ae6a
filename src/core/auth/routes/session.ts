// POST /auth/login, POST /auth/logout, GET /auth/me
import { Type } from '@sinclair/typebox';
import { eq } from 'drizzle-orm';
import type { App, AppContext } from '../../context.js';
import { login } from '../commands/login.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../sessions.js';
import { allowedActions } from '../policy.js';
import type { UserActor } from '../actor.js';
import { tenants } from '../../db/schema.js';
import { ROLE_LABELS } from '../roles.js';
import { audit } from '../../audit/index.js';

const Me = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  roleLabels: Type.Array(Type.String()),
  departmentId: Type.Union([Type.Integer(), Type.Null()]),
  scopes: Type.Record(Type.String(), Type.Array(Type.Integer())),
  tenant: Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String() }),
  permissions: Type.Array(Type.String(), { description: 'policy actions this user may perform (role level)' }),
});

async function presentMe(ctx: AppContext, actor: UserActor, locale: 'zh' | 'en') {
  const [t] = await ctx.db.select().from(tenants).where(eq(tenants.id, actor.tenantId));
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    roles: [...actor.roles],
    roleLabels: actor.roles.map((r) => ROLE_LABELS[r]?.[locale] ?? r),
    departmentId: actor.departmentId,
    scopes: actor.scopes,
    tenant: { id: actor.tenantId, name: t?.name ?? actor.tenantId, nameEn: t?.nameEn ?? actor.tenantId },
    permissions: allowedActions(actor),
  };
}

export function sessionRoutes(app: App, ctx: AppContext): void {
  const cookieBase = { path: '/', sameSite: 'lax' as const, secure: ctx.config.cookieSecure };

  app.post(
    '/auth/login',
    {
      config: {
        public: true,
        // per address and user name: one office behind one NAT address must still be able to log in
        rateLimit: { max: ctx.config.rateLimits.login, timeWindow: '1 minute', hook: 'preHandler', keyGenerator: (req) => `${req.ip}|${String((req.body as { username?: string } | undefined)?.username ?? '')}` },
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in; sets the httpOnly session cookie',
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String({ minLength: 1, maxLength: 128 }),
          tenant: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9-]{1,30}$' })),
        }),
        response: { 200: Me },
      },
    },
    async (request, reply) => {
      const { username, password, tenant } = request.body;
      const r = await login(ctx, { tenant: tenant ?? ctx.config.tenant, username: username.trim(), password, ip: request.ip, userAgent: request.headers['user-agent'] });
      reply.setCookie(SESSION_COOKIE, r.token, { ...cookieBase, httpOnly: true, expires: r.expiresAt });
      // Readable by the page so it can echo it in X-CSRF-Token (double submit, checked against the session).
      reply.setCookie(CSRF_COOKIE, r.csrf, { ...cookieBase, httpOnly: false, expires: r.expiresAt });
      return presentMe(ctx, r.actor, request.locale);
    },
  );

  app.post(
    '/auth/logout',
    { config: { public: true }, schema: { tags: ['auth'], summary: 'Log out and end the session', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const actor = request.actor;
      if (actor.kind === 'user' && actor.sessionId) {
        await ctx.db.transaction(async (tx) => {
          await ctx.sessions.revoke(tx, actor.tenantId, actor.sessionId!);
          await audit(tx, { tenantId: actor.tenantId, actor, action: 'auth.logout', subjectType: 'user', subjectId: actor.id, ip: request.ip });
        });
      }
      reply.clearCookie(SESSION_COOKIE, cookieBase).clearCookie(CSRF_COOKIE, cookieBase);
      return reply.status(204).send(null);
    },
  );

  app.get('/auth/me', { config: { policy: 'auth.me' }, schema: { tags: ['auth'], summary: 'The logged-in user, roles, scopes and permissions', response: { 200: Me } } }, async (request) =>
    presentMe(ctx, request.actor as UserActor, request.locale),
  );
}
