// Who is making a request. Every route resolves one before its policy runs.
import type { Role, Scopes } from './roles.js';

export interface UserActor {
  kind: 'user';
  id: number;
  tenantId: string;
  username: string;
  displayName: string;
  roles: readonly Role[];
  scopes: Scopes;
  departmentId: number | null;
  sessionId?: string;
}

/** An integration holding an API key (Open311 client, external system). */
export interface ApiKeyActor {
  kind: 'apiKey';
  keyId: number;
  tenantId: string;
  name: string;
  /** policy actions this key may perform */
  grants: readonly string[];
}

export interface DeviceActor {
  kind: 'device';
  deviceId: number;
  tenantId: string;
  code: string;
}

export interface SystemActor {
  kind: 'system';
  tenantId: string;
  name: string;
}

export interface AnonymousActor {
  kind: 'anonymous';
  tenantId: string;
}

export type Actor = UserActor | ApiKeyActor | DeviceActor | SystemActor | AnonymousActor;

export const systemActor = (tenantId: string, name = 'system'): SystemActor => ({ kind: 'system', tenantId, name });

export function hasRole(actor: Actor, ...roles: Role[]): actor is UserActor {
  return actor.kind === 'user' && roles.some((r) => actor.roles.includes(r));
}

export function inScope(actor: Actor, kind: keyof Scopes, id: number | null | undefined): boolean {
  return actor.kind === 'user' && id != null && actor.scopes[kind].includes(id);
}
