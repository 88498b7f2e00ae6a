import { boolean, date, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId } from '../../../core/db/columns.js';
import { ref, at } from './columns.js';

// ---------------------------------------------------------------- enterprises

export const enterprises = pgTable(
  'enterprises',
  {
    id: id(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    /** 统一社会信用代码 (GB 32100-2015), checked on entry */
    creditCode: text('credit_code'),
    buildingId: ref('building_id').notNull(),
    floor: integer('floor').notNull(),
    room: text('room'),
    industry: text('industry').notNull(),
    /** micro, small, medium, large */
    size: text('size').notNull(),
    /** startup → growth → mature */
    stage: text('stage').notNull(),
    /** ten_million (千万级) or million (百万级) project landed here, or null */
    projectTier: text('project_tier'),
    settledOn: date('settled_on', { mode: 'string' }),
    illustrative: boolean('illustrative').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('enterprises_building_idx').on(t.tenantId, t.buildingId), uniqueIndex('enterprises_credit_uq').on(t.tenantId, t.creditCode), index('enterprises_name_idx').on(t.tenantId, t.name)],
);

export const entContacts = pgTable(
  'ent_contacts',
  {
    id: id(),
    tenantId: tenantId(),
    enterpriseId: ref('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    title: text('title'),
    phone: text('phone'),
    email: text('email'),
    primary: boolean('is_primary').notNull().default(false),
    /** the contact's log-in (an enterprise user), when they have one */
    userId: ref('user_id'),
  },
  (t) => [index('ent_contacts_ent_idx').on(t.tenantId, t.enterpriseId)],
);

/** Lifecycle accompaniment: settling in, stage changes, services used, visits, events. */
export const entLifecycle = pgTable(
  'ent_lifecycle',
  {
    id: id(),
    tenantId: tenantId(),
    enterpriseId: ref('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    at: at('at').notNull(),
    /** settled, stage, service, visit, event */
    kind: text('kind').notNull(),
    fromStage: text('from_stage'),
    toStage: text('to_stage'),
    refType: text('ref_type'),
    refId: ref('ref_id'),
    note: text('note'),
    byUserId: ref('by_user_id'),
  },
  (t) => [index('ent_lifecycle_ent_idx').on(t.tenantId, t.enterpriseId, t.at)],
);
