// One policy layer: authorize(actor, action, subject). Modules register their rules in
// their policies.ts; a rule called without a subject answers "may this actor do this
// kind of thing at all" (used by the route guard and by role-aware menus), and with a
// subject it also checks the data scope.
import type { Actor } from './actor.js';
import { Problem } from '../http/problem.js';

export type Rule<S = never> = (actor: Actor, subject?: S) => boolean;

const rules = new Map<string, Rule<any>>();

export function definePolicies(map: Record<string, Rule<any>>): void {
  for (const [action, rule] of Object.entries(map)) {
    if (rules.has(action) && rules.get(action) !== rule) throw new Error(`policy ${action} defined twice`);
    rules.set(action, rule);
  }
}

export function isPolicy(action: string): boolean {
  return rules.has(action);
}

export function listPolicies(): string[] {
  return [...rules.keys()].sort();
}

export function can(actor: Actor, action: string, subject?: unknown): boolean {
  const rule = rules.get(action);
  if (!rule) throw new Error(`unknown policy action ${action}`);
  if (subject && typeof subject === 'object' && 'tenantId' in subject && (subject as { tenantId: unknown }).tenantId !== actor.tenantId) {
    return false;
  }
  // API keys carry an explicit list of actions they were granted.
  if (actor.kind === 'apiKey' && !actor.grants.includes(action)) return false;
  return rule(actor, subject as never);
}

/** The actions worth granting to an API key: those whose rule lets a key that holds the
 * grant act at all (the admin's list of grants; new modules' actions appear by themselves). */
export function grantableActions(): string[] {
  return listPolicies().filter((action) => {
    try {
      return rules.get(action)!({ kind: 'apiKey', keyId: 0, tenantId: '', name: '', grants: [action] });
    } catch {
      return false;
    }
  });
}

/** What a refusal was about, for the audit row the error handler writes (never sent to the client). */
export interface AuditRef {
  type: string;
  id: string | number;
}

/** Throws 401 for an anonymous actor and 403 otherwise when the rule says no. `ref`
 * names the record that was refused, so the audited refusal says what was asked for. */
export function authorize(actor: Actor, action: string, subject?: unknown, ref?: AuditRef): void {
  if (can(actor, action, subject)) return;
  if (actor.kind === 'anonymous') throw new Problem(401, 'auth.required');
  const p = new Problem(403, 'auth.forbidden', { action }, undefined, { action });
  if (ref) p.auditSubject = ref;
  throw p;
}

/** Role-level actions the actor may perform; the web app builds its menus from this. */
export function allowedActions(actor: Actor): string[] {
  return listPolicies().filter((a) => {
    try {
      return can(actor, a);
    } catch {
      return false;
    }
  });
}
