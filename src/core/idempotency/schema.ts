// Idempotency keys: the first response to a request sent with an `Idempotency-Key`
// header, kept per caller so that a retried request is answered, not applied again.
import { integer, pgTable, primaryKey, text, timestamp, index } from 'drizzle-orm/pg-core';
import { tenantId } from '../db/columns.js';

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: tenantId(),
    /** who sent it: `u:<user id>` or `k:<api key id>`; keys of different callers never meet */
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    /** sha-256 of method, path and the parsed body: a different request under the same key is refused */
    fingerprint: text('fingerprint').notNull(),
    /** null while the first request is still being handled */
    status: integer('status'),
    contentType: text('content_type'),
    body: text('body'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.principal, t.key] }), index('idempotency_keys_created').on(t.createdAt)],
);
