import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, tenantId } from '../../../core/db/columns.js';
import { ref, at } from './columns.js';

// ---------------------------------------------------------------- catalogue (清单管理)

export const entCategories = pgTable(
  'ent_categories',
  { id: id(), tenantId: tenantId(), code: text('code').notNull(), name: text('name').notNull(), nameEn: text('name_en').notNull(), sort: integer('sort').notNull().default(0) },
  (t) => [uniqueIndex('ent_categories_code_uq').on(t.tenantId, t.code)],
);

export const entSubcategories = pgTable(
  'ent_subcategories',
  {
    id: id(),
    tenantId: tenantId(),
    categoryId: ref('category_id')
      .notNull()
      .references(() => entCategories.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [uniqueIndex('ent_subcategories_code_uq').on(t.tenantId, t.code)],
);

/** One step of an item's errand template: which office, what is done there. */
export interface StepTemplate {
  office: string;
  task: string;
}

export const entItems = pgTable(
  'ent_items',
  {
    id: id(),
    tenantId: tenantId(),
    subcategoryId: ref('subcategory_id')
      .notNull()
      .references(() => entSubcategories.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    /** basic (基础服务) or value_added (增值服务) */
    level: text('level').notNull(),
    description: text('description').notNull().default(''),
    /** materials to bring, told in full at first contact (一次性告知) */
    materials: jsonb('materials').$type<string[]>().notNull().default([]),
    /** the errand across offices, in order; office = ent_offices.code */
    steps: jsonb('steps').$type<StepTemplate[]>().notNull().default([]),
    /** completion limit in working days (限时办结) */
    limitDays: integer('limit_days').notNull(),
    priceNote: text('price_note'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedAt: at('updated_at').notNull().defaultNow(),
    updatedBy: ref('updated_by'),
  },
  (t) => [uniqueIndex('ent_items_code_uq').on(t.tenantId, t.code), index('ent_items_sub_idx').on(t.tenantId, t.subcategoryId)],
);

/** Every version of an item as it was saved; requests point at the version they used. */
export const entItemVersions = pgTable(
  'ent_item_versions',
  {
    id: id(),
    tenantId: tenantId(),
    itemId: ref('item_id')
      .notNull()
      .references(() => entItems.id),
    version: integer('version').notNull(),
    data: jsonb('data').notNull(),
    note: text('note'),
    changedBy: ref('changed_by'),
    changedAt: at('changed_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ent_item_versions_uq').on(t.itemId, t.version)],
);

/** Offices an errand runs through: the centre, subdistrict departments, and outside
 * offices (tax bureau, banks, the district administrative service centre, suppliers). */
export const entOffices = pgTable(
  'ent_offices',
  {
    id: id(),
    tenantId: tenantId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    /** centre, subdistrict, district, city, bank, supplier */
    kind: text('kind').notNull(),
    /** a department of the subdistrict, when the office is one */
    departmentId: ref('department_id'),
    address: text('address'),
    phone: text('phone'),
    illustrative: boolean('illustrative').notNull().default(false),
  },
  (t) => [uniqueIndex('ent_offices_code_uq').on(t.tenantId, t.code)],
);
