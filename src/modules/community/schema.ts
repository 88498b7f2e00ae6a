// Community co-governance (三会协同): committee members and meetings (the committees
// themselves are the places module's departments of kind committee / building_committee
// / street_committee), owners' consultations with their frozen electorate and ballots,
// cost-sharing plans, conventions, and small renewal projects.
// Areas are hundredths of m² and money is cents, both as bigint: exact arithmetic.
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, updatedAt } from '../../core/db/columns.js';

const ref = (name: string) => bigint(name, { mode: 'number' });
const cents = (name: string) => bigint(name, { mode: 'bigint' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const committeeMembers = pgTable(
  'committee_members',
  {
    id: id(),
    tenantId: tenantId(),
    /** departments.id of the committee */
    committeeId: ref('committee_id').notNull(),
    userId: ref('user_id'),
    name: text('name').notNull(),
    /** convenor, deputy, secretary, member */
    role: text('role').notNull(),
    /** e.g. 业主代表, 物业, 居民区党组织, 企业代表 */
    represents: text('represents'),
    phone: text('phone'),
    since: date('since'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('committee_members_c_idx').on(t.tenantId, t.committeeId)],
);

export const committeeMeetings = pgTable(
  'committee_meetings',
  {
    id: id(),
    tenantId: tenantId(),
    committeeId: ref('committee_id').notNull(),
    title: text('title').notNull(),
    heldAt: ts('held_at').notNull(),
    place: text('place'),
    agenda: jsonb('agenda').$type<string[]>().notNull().default([]),
    minutes: text('minutes'),
    decisions: jsonb('decisions').$type<string[]>().notNull().default([]),
    attendees: jsonb('attendees').$type<string[]>().notNull().default([]),
    createdBy: ref('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('committee_meetings_c_idx').on(t.tenantId, t.committeeId, t.heldAt)],
);

export const consultations = pgTable(
  'consultations',
  {
    id: id(),
    tenantId: tenantId(),
    /** random code for the public result page (no enumeration of drafts) */
    publicCode: text('public_code').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** art. 278 item: rules, bylaws, committee, manager, fund_use, fund_raise, rebuild, common_use, other */
    matter: text('matter').notNull(),
    /** building or area */
    scopeKind: text('scope_kind').notNull(),
    buildingId: ref('building_id'),
    areaId: ref('area_id'),
    /** the committee (department) that runs it */
    committeeId: ref('committee_id'),
    /** per_holder (judicial interpretation art. 9, default) or per_unit */
    headRule: text('head_rule').notNull().default('per_holder'),
    /** draft, open, closed, cancelled */
    status: text('status').notNull().default('draft'),
    closesAt: ts('closes_at'),
    openedAt: ts('opened_at'),
    closedAt: ts('closed_at'),
    electorateUnits: integer('electorate_units'),
    electorateHeads: integer('electorate_heads'),
    electorateArea: cents('electorate_area'),
    /** the published result, frozen at the close */
    result: jsonb('result'),
    /** SHA-256 over the electorate and the ballots the result was counted from */
    ballotsDigest: text('ballots_digest'),
    planId: ref('plan_id'),
    createdBy: ref('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('consultations_code_uq').on(t.publicCode), index('consultations_scope_idx').on(t.tenantId, t.status)],
);

/** The electorate, frozen from the unit register when the vote opens. */
export const consultationElectors = pgTable(
  'consultation_electors',
  {
    tenantId: tenantId(),
    consultationId: ref('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    unitId: ref('unit_id').notNull(),
    buildingId: ref('building_id').notNull(),
    unitCode: text('unit_code').notNull(),
    floor: integer('floor').notNull(),
    area: cents('area').notNull(),
    headKey: ref('head_key').notNull(),
    ownerIds: bigint('owner_ids', { mode: 'number' }).array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.unitId] }), index('consultation_electors_owner_idx').using('gin', t.ownerIds)],
);

/** One ballot per unit; area and head are copied from the electorate so the tally is
 * one scan of this table. */
export const ballots = pgTable(
  'ballots',
  {
    tenantId: tenantId(),
    consultationId: ref('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    unitId: ref('unit_id').notNull(),
    headKey: ref('head_key').notNull(),
    area: cents('area').notNull(),
    /** agree, disagree, abstain */
    choice: text('choice').notNull(),
    /** online or paper */
    channel: text('channel').notNull(),
    paperRef: text('paper_ref'),
    /** the owner who voted online */
    ownerId: ref('owner_id'),
    /** the user who cast or recorded it */
    castBy: ref('cast_by').notNull(),
    revision: integer('revision').notNull().default(1),
    castAt: ts('cast_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.unitId] })],
);

export const costPlans = pgTable(
  'cost_plans',
  {
    id: id(),
    tenantId: tenantId(),
    buildingId: ref('building_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    total: cents('total').notNull(),
    fund: cents('fund').notNull(),
    property: cents('property').notNull(),
    /** [{ ownerId, amount (yuan, two decimals), note }] */
    fixedShares: jsonb('fixed_shares').$type<{ ownerId: number; amount: string; note?: string }[]>().notNull().default([]),
    /** area, floor, unit */
    formula: text('formula').notNull(),
    /** [{ from, to, weight (two decimals) }]; unlisted floors weigh 1 */
    floorWeights: jsonb('floor_weights').$type<{ from: number; to: number; weight: string }[]>().notNull().default([]),
    /** draft, voting, adopted, rejected */
    status: text('status').notNull().default('draft'),
    version: integer('version').notNull().default(1),
    createdBy: ref('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('cost_plans_building_idx').on(t.tenantId, t.buildingId)],
);

export const costPlanShares = pgTable(
  'cost_plan_shares',
  {
    tenantId: tenantId(),
    planId: ref('plan_id')
      .notNull()
      .references(() => costPlans.id, { onDelete: 'cascade' }),
    unitId: ref('unit_id').notNull(),
    amount: cents('amount').notNull(),
    /** formula or fixed */
    basis: text('basis').notNull(),
    ownerId: ref('owner_id'),
  },
  (t) => [primaryKey({ columns: [t.planId, t.unitId] })],
);

export const conventions = pgTable(
  'conventions',
  {
    id: id(),
    tenantId: tenantId(),
    /** building_convention (楼宇公约), residents_convention (居民公约), handbook (住户手册) */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** the households it binds: the units of these buildings, or of a residential area */
    buildingIds: bigint('building_ids', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    areaId: ref('area_id'),
    committeeId: ref('committee_id'),
    createdBy: ref('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('conventions_tenant_idx').on(t.tenantId)],
);

export const conventionVersions = pgTable(
  'convention_versions',
  {
    id: id(),
    tenantId: tenantId(),
    conventionId: ref('convention_id')
      .notNull()
      .references(() => conventions.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    changeNote: text('change_note'),
    /** drafting, published, superseded */
    status: text('status').notNull().default('drafting'),
    publishedAt: ts('published_at'),
    createdBy: ref('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('convention_versions_uq').on(t.conventionId, t.version)],
);

/** A household (unit) acknowledging one version of a convention. */
export const conventionAcks = pgTable(
  'convention_acks',
  {
    tenantId: tenantId(),
    versionId: ref('version_id')
      .notNull()
      .references(() => conventionVersions.id, { onDelete: 'cascade' }),
    unitId: ref('unit_id').notNull(),
    /** online or paper */
    channel: text('channel').notNull(),
    ownerId: ref('owner_id'),
    recordedBy: ref('recorded_by').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.unitId] })],
);

export const renewalProjects = pgTable(
  'renewal_projects',
  {
    id: id(),
    tenantId: tenantId(),
    /** sanwei (三微), lead_one (领跑一件事), renovation */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    areaId: ref('area_id'),
    buildingId: ref('building_id'),
    location: text('location').notNull().default(''),
    sizeM2: integer('size_m2'),
    budget: cents('budget'),
    /** departments.id of the committees working together on it (三会联动) */
    committeeIds: bigint('committee_ids', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    /** proposed, approved, in_progress, done, rejected, cancelled */
    status: text('status').notNull().default('proposed'),
    proposedBy: ref('proposed_by'),
    decidedBy: ref('decided_by'),
    startedAt: ts('started_at'),
    doneAt: ts('done_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('renewal_projects_tenant_idx').on(t.tenantId, t.status)],
);

export const projectPledges = pgTable(
  'project_pledges',
  {
    id: id(),
    tenantId: tenantId(),
    projectId: ref('project_id')
      .notNull()
      .references(() => renewalProjects.id, { onDelete: 'cascade' }),
    /** plants, money, labour, materials */
    kind: text('kind').notNull(),
    pledger: text('pledger').notNull(),
    userId: ref('user_id'),
    description: text('description').notNull(),
    quantity: integer('quantity'),
    amount: cents('amount'),
    hours: integer('hours'),
    fulfilled: boolean('fulfilled').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('project_pledges_p_idx').on(t.projectId)],
);

export const projectMilestones = pgTable(
  'project_milestones',
  {
    id: id(),
    tenantId: tenantId(),
    projectId: ref('project_id')
      .notNull()
      .references(() => renewalProjects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueOn: date('due_on'),
    doneAt: ts('done_at'),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [index('project_milestones_p_idx').on(t.projectId)],
);

export const projectPhotos = pgTable(
  'project_photos',
  {
    id: id(),
    tenantId: tenantId(),
    projectId: ref('project_id')
      .notNull()
      .references(() => renewalProjects.id, { onDelete: 'cascade' }),
    /** before, progress, after */
    phase: text('phase').notNull(),
    /** key in the file store */
    fileKey: text('file_key').notNull(),
    mime: text('mime').notNull(),
    bytes: integer('bytes').notNull(),
    caption: text('caption'),
    uploadedBy: ref('uploaded_by'),
    createdAt: createdAt(),
  },
  (t) => [index('project_photos_p_idx').on(t.projectId)],
);

/** A volunteer adopting and tending an item under their name (认领, 署名挂牌). */
export const projectAdoptions = pgTable(
  'project_adoptions',
  {
    id: id(),
    tenantId: tenantId(),
    projectId: ref('project_id')
      .notNull()
      .references(() => renewalProjects.id, { onDelete: 'cascade' }),
    item: text('item').notNull(),
    adopter: text('adopter').notNull(),
    userId: ref('user_id'),
    since: date('since').notNull(),
    until: date('until'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('project_adoptions_p_idx').on(t.projectId)],
);
