import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { tenantId } from '../db/columns.js';

/** One row per state change (and per read of personal data where a module says so). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantId(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    outcome: text('outcome').notNull().default('ok'),
    detail: jsonb('detail'),
    ip: text('ip'),
  },
  (t) => [index('audit_subject_idx').on(t.tenantId, t.subjectType, t.subjectId), index('audit_at_idx').on(t.tenantId, t.at)],
);
