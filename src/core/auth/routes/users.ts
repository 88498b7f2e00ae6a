// Accounts administration: list, create, change roles/scopes, unlock; API keys.
import { Type } from '@sinclair/typebox';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { App, AppContext } from '../../context.js';
import { apiKeys, userScopes, users } from '../schema.js';
import { ROLES, SCOPE_KINDS, emptyScopes, type Role, type ScopeKind } from '../roles.js';
import { createUser, updateUser } from '../commands/saveUser.js';
import { createApiKey } from '../apiKeys.js';
import { audit } from '../../audit/index.js';
import { Problem } from '../../http/problem.js';
import { PASSWORD_RULE } from '../passwords.js';
import { grantableActions, listPolicies } from '../policy.js';

const RoleT = Type.Union(ROLES.map((r) => Type.Literal(r)));
const ScopesT = Type.Partial(Type.Object(Object.fromEntries(SCOPE_KINDS.map((k) => [k, Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500 })]))));
const UserOut = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  departmentId: Type.Union([Type.Integer(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  locked: Type.Boolean(),
  scopes: Type.Record(Type.String(), Type.Array(Type.Integer())),
});

export function userRoutes(app: App, ctx: AppContext): void {
  app.get('/users', { config: { policy: 'users.manage' }, schema: { tags: ['auth'], summary: 'Accounts of this subdistrict', response: { 200: Type.Array(UserOut) } } }, async (request) => {
    const tenantId = request.actor.tenantId;
    const rows = await ctx.db.select().from(users).where(eq(users.tenantId, tenantId)).orderBy(asc(users.id));
    const scopeRows = await ctx.db.select().from(userScopes).where(eq(userScopes.tenantId, tenantId));
    const byUser = new Map<number, ReturnType<typeof emptyScopes>>();
    for (const s of scopeRows) {
      const sc = byUser.get(s.userId) ?? emptyScopes();
      sc[s.kind as ScopeKind]?.push(s.refId);
      byUser.set(s.userId, sc);
    }
    const now = ctx.clock.now();
    return rows.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles,
      departmentId: u.departmentId,
      phone: u.phone,
      active: u.active,
      locked: !!u.lockedUntil && u.lockedUntil > now,
      scopes: byUser.get(u.id) ?? emptyScopes(),
    }));
  });

  app.post(
    '/users',
    {
      config: { policy: 'users.manage' },
      schema: {
        tags: ['auth'],
        summary: 'Create an account',
        body: Type.Object({
          username: Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$' }),
          displayName: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String(PASSWORD_RULE),
          roles: Type.Array(RoleT, { minItems: 1, uniqueItems: true }),
          scopes: Type.Optional(ScopesT),
          departmentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
          phone: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
        }),
        response: { 201: Type.Object({ id: Type.Integer() }) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const id = await createUser(ctx, request.actor, request.actor.tenantId, { ...b, roles: b.roles as Role[], scopes: b.scopes as Partial<Record<ScopeKind, number[]>> });
      return reply.status(201).send({ id });
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { policy: 'users.manage' },
      schema: {
        tags: ['auth'],
        summary: 'Change an account (roles, scopes, password, active, unlock)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({
          displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          password: Type.Optional(Type.String(PASSWORD_RULE)),
          roles: Type.Optional(Type.Array(RoleT, { minItems: 1, uniqueItems: true })),
          scopes: Type.Optional(ScopesT),
          departmentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
          phone: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
          active: Type.Optional(Type.Boolean()),
          unlock: Type.Optional(Type.Boolean()),
        }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const b = request.body;
      await updateUser(ctx, request.actor, request.actor.tenantId, request.params.id, { ...b, roles: b.roles as Role[] | undefined, scopes: b.scopes as Partial<Record<ScopeKind, number[]>> | undefined });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api-keys',
    {
      config: { policy: 'apiKeys.manage' },
      schema: {
        tags: ['auth'],
        summary: 'API keys of integrations (secrets are never shown again)',
        response: { 200: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), prefix: Type.String(), grants: Type.Array(Type.String()), rateLimit: Type.Union([Type.Integer(), Type.Null()]), revoked: Type.Boolean(), lastUsedAt: Type.Union([Type.String(), Type.Null()]) })) },
      },
    },
    async (request) => {
      const rows = await ctx.db.select().from(apiKeys).where(eq(apiKeys.tenantId, request.actor.tenantId)).orderBy(asc(apiKeys.id));
      return rows.map((k) => ({ id: k.id, name: k.name, prefix: k.prefix, grants: k.grants, rateLimit: k.rateLimit, revoked: !!k.revokedAt, lastUsedAt: k.lastUsedAt?.toISOString() ?? null }));
    },
  );

  app.get(
    '/api-keys/grants',
    { config: { policy: 'apiKeys.manage' }, schema: { tags: ['auth'], summary: 'The actions an API key can be granted (every module adds its own)', response: { 200: Type.Array(Type.String()) } } },
    async () => grantableActions(),
  );

  app.post(
    '/api-keys',
    {
      config: { policy: 'apiKeys.manage' },
      schema: {
        tags: ['auth'],
        summary: 'Create an API key for an integration; the key is shown only in this answer',
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 100 }),
          grants: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, uniqueItems: true }),
          rateLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'requests per minute' })),
        }),
        response: { 201: Type.Object({ id: Type.Integer(), key: Type.String(), prefix: Type.String() }) },
      },
    },
    async (request, reply) => {
      const known = new Set(listPolicies());
      const bad = request.body.grants.findIndex((g) => !known.has(g));
      if (bad >= 0) throw new Problem(400, 'problem.validation', {}, [{ field: `grants.${bad}`, in: 'body', code: 'apikey.unknown_grant', params: { grant: request.body.grants[bad] } }]);
      const created = await ctx.db.transaction(async (tx) => {
        const k = await createApiKey(tx, { tenantId: request.actor.tenantId, name: request.body.name, grants: request.body.grants, rateLimit: request.body.rateLimit, createdBy: request.actor.kind === 'user' ? request.actor.id : null });
        await audit(tx, { tenantId: request.actor.tenantId, actor: request.actor, action: 'apiKey.create', subjectType: 'api_key', subjectId: k.id, detail: { name: request.body.name, grants: request.body.grants } });
        return k;
      });
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api-keys/:id',
    { config: { policy: 'apiKeys.manage' }, schema: { tags: ['auth'], summary: 'Revoke an API key', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), response: { 204: Type.Null() } } },
    async (request, reply) => {
      const tenantId = request.actor.tenantId;
      await ctx.db.transaction(async (tx) => {
        const [k] = await tx.update(apiKeys).set({ revokedAt: ctx.clock.now() }).where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, request.params.id), isNull(apiKeys.revokedAt))).returning();
        if (!k) throw new Problem(404, 'problem.not_found_thing', { what: { $t: 'thing.api_key' }, id: request.params.id });
        await audit(tx, { tenantId, actor: request.actor, action: 'apiKey.revoke', subjectType: 'api_key', subjectId: k.id });
        ctx.apiKeys.forget(k.prefix);
      });
      return reply.status(204).send(null);
    },
  );
}
