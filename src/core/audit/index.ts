// Audit rows are written with the same query handle as the change they record, so a
// change and its audit row commit or roll back together.
import type { Queryable } from '../db/index.js';
import { auditLog } from './schema.js';
import type { Actor } from '../auth/actor.js';

export { auditLog };

export interface AuditEntry {
  tenantId: string;
  actor: Actor;
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  outcome?: 'ok' | 'denied' | 'failed';
  detail?: unknown;
  ip?: string;
}

export function actorRef(actor: Actor): { kind: string; id: string | null } {
  switch (actor.kind) {
    case 'user':
      return { kind: 'user', id: String(actor.id) };
    case 'apiKey':
      return { kind: 'api_key', id: String(actor.keyId) };
    case 'device':
      return { kind: 'device', id: String(actor.deviceId) };
    case 'system':
      return { kind: 'system', id: actor.name };
    default:
      return { kind: 'anonymous', id: null };
  }
}

export async function audit(q: Queryable, e: AuditEntry): Promise<void> {
  await auditMany(q, [e]);
}

export async function auditMany(q: Queryable, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await q.insert(auditLog).values(
    entries.map((e) => {
      const a = actorRef(e.actor);
      return {
        tenantId: e.tenantId,
        actorKind: a.kind,
        actorId: a.id,
        action: e.action,
        subjectType: e.subjectType,
        subjectId: e.subjectId == null ? null : String(e.subjectId),
        outcome: e.outcome ?? 'ok',
        detail: e.detail ?? null,
        ip: e.ip ?? null,
      };
    }),
  );
}
