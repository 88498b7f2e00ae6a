export * from './actor.js';
export * from './roles.js';
export { authorize, can, definePolicies, allowedActions, listPolicies, grantableActions, isPolicy, type Rule, type AuditRef } from './policy.js';
export { hashPassword, verifyPassword } from './passwords.js';
export { SessionStore, SESSION_COOKIE, CSRF_COOKIE, sha256, loadUserActor } from './sessions.js';
export { ApiKeyStore, createApiKey } from './apiKeys.js';
export { users, userScopes, sessions, apiKeys } from './schema.js';
export { authModule } from './module.js';
