import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { tenantId } from '../db/columns.js';

/** Domain events, written in the transaction of the change (outbox) and kept for
 * catch-up by live streams and for delivery to outside channels. */
export const events = pgTable(
  'events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantId(),
    type: text('type').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    /** who may see it on a live stream: grids, departments, users, … */
    scope: jsonb('scope').notNull().default({}),
    payload: jsonb('payload').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('events_tenant_id_idx').on(t.tenantId, t.id), index('events_type_idx').on(t.type, t.id)],
);

/** How far each event worker has read the events of each tenant. */
export const eventCursors = pgTable(
  'event_cursors',
  {
    worker: text('worker').notNull(),
    tenantId: tenantId(),
    cursor: bigint('cursor', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.worker, t.tenantId] })],
);

/** Events an event worker still has to handle: claimed with a lease by one node at a
 * time, in order within a group key, retried with back-off after a failure. */
export const eventJobs = pgTable(
  'event_jobs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    worker: text('worker').notNull(),
    tenantId: tenantId(),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    groupKey: text('group_key').notNull(),
    attempts: integer('attempts').notNull().default(0),
    leasedUntil: timestamp('leased_until', { withTimezone: true, mode: 'date' }),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
  },
  (t) => [uniqueIndex('event_jobs_uq').on(t.worker, t.eventId), index('event_jobs_pending_idx').on(t.worker, t.id).where(sql`done_at is null`)],
);
