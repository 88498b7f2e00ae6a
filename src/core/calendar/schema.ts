import { bigint, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { tenantId } from '../db/columns.js';

/** A year's official arrangement uploaded by an admin (replaces the packaged data or the
 * statutory fallback for that year, for that tenant). */
export const calendarYears = pgTable(
  'calendar_years',
  {
    tenantId: tenantId(),
    year: integer('year').notNull(),
    /** YYYY-MM-DD → holiday name */
    holidays: jsonb('holidays').notNull(),
    /** YYYY-MM-DD → make-up working day name */
    workdays: jsonb('workdays').notNull(),
    source: text('source').notNull(),
    uploadedBy: bigint('uploaded_by', { mode: 'number' }),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.year] })],
);
