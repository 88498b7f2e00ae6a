import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Rate-limit counters shared by every node (ADR 1012). UNLOGGED in its migration: a
 * counter need not survive a crash, and its writes then never wait for the disk. */
export const rateLimitHits = pgTable('rate_limit_hits', {
  /** the route and the limited party, e.g. `POST/api/v1/auth/login|10.0.0.5|admin` */
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  /** end of the current window */
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
