import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, tenantId } from '../db/columns.js';

/** An outside channel (WeCom or DingTalk group robot, signed webhook) a tenant's events go to. */
export const notifyChannels = pgTable(
  'notify_channels',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    /** wecom | dingtalk | webhook */
    kind: text('kind').notNull(),
    url: text('url').notNull(),
    /** DingTalk signing secret, or the webhook's HMAC key; never shown again */
    secret: text('secret'),
    /** event type patterns ("case.*", "case.overdue") */
    eventTypes: text('event_types').array().notNull(),
    /** only events whose scope names one of these grids / departments (empty = all) */
    filter: jsonb('filter').notNull().default({}),
    active: boolean('active').notNull().default(true),
    /** the last event id considered for this channel */
    cursor: bigint('cursor', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('notify_channels_tenant_idx').on(t.tenantId)],
);

/** One event to one channel: pending until sent; retried with back-off; failed after the last attempt. */
export const notifyDeliveries = pgTable(
  'notify_deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantId(),
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => notifyChannels.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    eventType: text('event_type').notNull(),
    /** pending | sent | failed */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastError: text('last_error'),
    lastStatus: integer('last_status'),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('notify_deliveries_uq').on(t.channelId, t.eventId),
    index('notify_deliveries_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('notify_deliveries_tenant_idx').on(t.tenantId, t.status, t.id),
  ],
);
