// The tenant (a subdistrict, 街道) owns every other row in the database.
import { jsonb, text, pgTable } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  district: text('district').notNull(),
  city: text('city').notNull(),
  /** GeoJSON Polygon, WGS-84 */
  boundary: jsonb('boundary'),
  /** per-tenant settings: office hours, SLA options, … */
  settings: jsonb('settings').notNull().default({}),
  createdAt: createdAt(),
});
