import { boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId } from '../../../core/db/columns.js';
import { ref, at } from './columns.js';
import { enterprises } from './enterprises.js';

// ---------------------------------------------------------------- events and training

export const entEvents = pgTable(
  'ent_events',
  {
    id: id(),
    tenantId: tenantId(),
    /** promotion (宣传), training (培训), networking (交流) */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    place: text('place').notNull(),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    capacity: integer('capacity').notNull(),
    /** open, cancelled */
    status: text('status').notNull().default('open'),
    createdBy: ref('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('ent_events_starts_idx').on(t.tenantId, t.startsAt)],
);

export const entEventRegistrations = pgTable(
  'ent_event_registrations',
  {
    id: id(),
    tenantId: tenantId(),
    eventId: ref('event_id')
      .notNull()
      .references(() => entEvents.id, { onDelete: 'cascade' }),
    enterpriseId: ref('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    attendeeName: text('attendee_name').notNull(),
    attendeePhone: text('attendee_phone'),
    registeredBy: ref('registered_by'),
    registeredAt: at('registered_at').notNull(),
    cancelledAt: at('cancelled_at'),
    attended: boolean('attended'),
    attendanceAt: at('attendance_at'),
  },
  (t) => [index('ent_event_reg_event_idx').on(t.eventId), index('ent_event_reg_ent_idx').on(t.tenantId, t.enterpriseId)],
);
