// Places of a subdistrict: residential areas, buildings, units and their owners, shops,
// roads, responsibility grids and unit grids, and the departments that act in them.
// Geometry is GeoJSON (WGS-84) in jsonb, with a bounding box for coarse filtering;
// point lookups run on an in-memory spatial index built from these rows.
import { bigint, boolean, doublePrecision, index, integer, jsonb, numeric, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, tenantId } from '../../core/db/columns.js';

const pk = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });

export const departments = pgTable(
  'departments',
  {
    id: pk(),
    tenantId: tenantId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    /** ops_centre, city_management, market_regulation, housing, police, greening, fire, committee, street_committee, building_committee, enterprise_centre, care */
    kind: text('kind').notNull(),
    /** a residents' committee serves one residential area */
    areaId: ref('area_id'),
    buildingId: ref('building_id'),
    phone: text('phone'),
  },
  (t) => [uniqueIndex('departments_code_uq').on(t.tenantId, t.code)],
);

export const residentialAreas = pgTable(
  'residential_areas',
  {
    id: pk(),
    tenantId: tenantId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** names not taken from the source document are marked as illustrative */
    illustrative: boolean('illustrative').notNull().default(false),
    households: integer('households').notNull().default(0),
    elderlyShare: numeric('elderly_share', { precision: 4, scale: 3, mode: 'number' }),
    boundary: jsonb('boundary'),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
  },
  (t) => [uniqueIndex('areas_code_uq').on(t.tenantId, t.code)],
);

export const buildings = pgTable(
  'buildings',
  {
    id: pk(),
    tenantId: tenantId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** residential, office, mixed */
    kind: text('kind').notNull(),
    areaId: ref('area_id'),
    address: text('address').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    floors: integer('floors').notNull(),
    builtYear: integer('built_year'),
    lifts: integer('lifts').notNull().default(0),
    illustrative: boolean('illustrative').notNull().default(false),
    /** occupancy, notes, … */
    info: jsonb('info').notNull().default({}),
  },
  (t) => [uniqueIndex('buildings_code_uq').on(t.tenantId, t.code), index('buildings_area_idx').on(t.tenantId, t.areaId)],
);

/** An exclusive unit (专有部分): a household, an office suite or a shop unit. */
export const units = pgTable(
  'units',
  {
    id: pk(),
    tenantId: tenantId(),
    buildingId: ref('building_id')
      .notNull()
      .references(() => buildings.id),
    code: text('code').notNull(),
    floor: integer('floor').notNull(),
    /** registered exclusive floor area in m² (产权登记面积) */
    area: numeric('area', { precision: 10, scale: 2, mode: 'string' }).notNull(),
    /** residential, office, shop */
    use: text('use').notNull(),
  },
  (t) => [uniqueIndex('units_code_uq').on(t.tenantId, t.buildingId, t.code), index('units_building_idx').on(t.tenantId, t.buildingId)],
);

export const owners = pgTable(
  'owners',
  {
    id: pk(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    /** person or organisation (大业主, property company) */
    kind: text('kind').notNull().default('person'),
    phone: text('phone'),
    /** login of the owner, when they have one */
    userId: ref('user_id'),
  },
  (t) => [index('owners_user_idx').on(t.tenantId, t.userId)],
);

export const unitOwners = pgTable(
  'unit_owners',
  {
    tenantId: tenantId(),
    unitId: ref('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    ownerId: ref('owner_id')
      .notNull()
      .references(() => owners.id),
    /** ownership share in percent; co-owners of one unit sum to 100 */
    share: numeric('share', { precision: 5, scale: 2, mode: 'string' }).notNull().default('100'),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.ownerId] }), index('unit_owners_owner_idx').on(t.tenantId, t.ownerId)],
);

export const shops = pgTable(
  'shops',
  {
    id: pk(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    /** catering, retail, services, … */
    trade: text('trade').notNull(),
    road: text('road').notNull(),
    address: text('address').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    buildingId: ref('building_id'),
    /** member of the street committee of shop-front units (街委会) */
    streetCommittee: boolean('street_committee').notNull().default(false),
    illustrative: boolean('illustrative').notNull().default(true),
  },
  (t) => [index('shops_road_idx').on(t.tenantId, t.road)],
);

export const roads = pgTable(
  'roads',
  {
    id: pk(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    /** GeoJSON LineString */
    geometry: jsonb('geometry').notNull(),
  },
  (t) => [uniqueIndex('roads_name_uq').on(t.tenantId, t.name)],
);

/** 责任网格 (kind=responsibility, with an inspector and a leader) and 万米单元网格
 * (kind=unit, about 100 m squares used for statistics). */
export const grids = pgTable(
  'grids',
  {
    id: pk(),
    tenantId: tenantId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    geometry: jsonb('geometry').notNull(),
    minLng: doublePrecision('min_lng').notNull(),
    minLat: doublePrecision('min_lat').notNull(),
    maxLng: doublePrecision('max_lng').notNull(),
    maxLat: doublePrecision('max_lat').notNull(),
    areaM2: doublePrecision('area_m2').notNull(),
    inspectorUserId: ref('inspector_user_id'),
    leaderUserId: ref('leader_user_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('grids_code_uq').on(t.tenantId, t.code), index('grids_kind_idx').on(t.tenantId, t.kind)],
);
