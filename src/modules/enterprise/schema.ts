// The enterprise service centre (企业服务中心, 慈溪路211号): its catalogue (清单), the
// offices errands run through, enterprises and their lifecycle, requests with
// first-contact ownership, hand-overs and steps, monthly building visits (月月进楼),
// events, and street problems reported from requests or visits.
import { bigint, boolean, date, doublePrecision, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId } from '../../core/db/columns.js';

const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

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

// ---------------------------------------------------------------- requests

export const entRequests = pgTable(
  'ent_requests',
  {
    id: id(),
    tenantId: tenantId(),
    enterpriseId: ref('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    itemId: ref('item_id')
      .notNull()
      .references(() => entItems.id),
    itemVersion: integer('item_version').notNull(),
    /** window, phone, visit, online */
    channel: text('channel').notNull(),
    description: text('description').notNull().default(''),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    /** materials told at first contact, as the item listed them then */
    materials: jsonb('materials').$type<string[]>().notNull().default([]),
    /** submitted (online, nobody has it yet), accepted, in_progress, completed, cancelled */
    status: text('status').notNull(),
    /** 首问: the first member of staff who took the request; never changes */
    receivedBy: ref('received_by'),
    /** the member of staff responsible now; changes only by a recorded hand-over */
    ownerId: ref('owner_id'),
    submittedBy: ref('submitted_by'),
    createdAt: at('created_at').notNull(),
    receivedAt: at('received_at'),
    limitDays: integer('limit_days').notNull(),
    dueAt: at('due_at').notNull(),
    warnAt: at('warn_at').notNull(),
    /** claimed by the limits sweep when it announced the warning / the overdue */
    warnedAt: at('warned_at'),
    overdueAt: at('overdue_at'),
    completedAt: at('completed_at'),
    completionNote: text('completion_note'),
    cancelledAt: at('cancelled_at'),
    cancelReason: text('cancel_reason'),
    ratingScore: smallint('rating_score'),
    ratingComment: text('rating_comment'),
    ratedAt: at('rated_at'),
    ratedBy: ref('rated_by'),
    visitId: ref('visit_id'),
    findingId: ref('finding_id'),
  },
  (t) => [
    index('ent_requests_status_due_idx').on(t.tenantId, t.status, t.dueAt),
    index('ent_requests_ent_idx').on(t.tenantId, t.enterpriseId),
    index('ent_requests_owner_idx').on(t.tenantId, t.ownerId),
    index('ent_requests_created_idx').on(t.tenantId, t.createdAt),
  ],
);

export interface StepDocument {
  name: string;
  /** submitted (交给办理机关) or obtained (从办理机关取得) */
  direction: 'submitted' | 'obtained';
  reference: string | null;
  at: string;
  by: number;
}

export const entRequestSteps = pgTable(
  'ent_request_steps',
  {
    id: id(),
    tenantId: tenantId(),
    requestId: ref('request_id')
      .notNull()
      .references(() => entRequests.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    officeId: ref('office_id')
      .notNull()
      .references(() => entOffices.id),
    task: text('task').notNull(),
    /** pending, in_progress, done, skipped */
    status: text('status').notNull().default('pending'),
    note: text('note'),
    documents: jsonb('documents').$type<StepDocument[]>().notNull().default([]),
    startedAt: at('started_at'),
    finishedAt: at('finished_at'),
    finishedBy: ref('finished_by'),
  },
  (t) => [index('ent_request_steps_req_idx').on(t.requestId, t.seq)],
);

/** Who gave a request to whom: both sides on the record. A hand-over takes effect when
 * the taker accepts; until then the giver still owns the request. */
export const entHandovers = pgTable(
  'ent_handovers',
  {
    id: id(),
    tenantId: tenantId(),
    requestId: ref('request_id')
      .notNull()
      .references(() => entRequests.id, { onDelete: 'cascade' }),
    /** claim (an agent takes an unowned request), assign (the chief gives an unowned
     * request to an agent), handover (an owned request changes hands) */
    kind: text('kind').notNull(),
    fromUserId: ref('from_user_id'),
    toUserId: ref('to_user_id').notNull(),
    initiatedBy: ref('initiated_by').notNull(),
    note: text('note'),
    /** pending, accepted, declined, cancelled */
    status: text('status').notNull(),
    createdAt: at('created_at').notNull(),
    respondedAt: at('responded_at'),
    responseNote: text('response_note'),
  },
  (t) => [index('ent_handovers_req_idx').on(t.requestId), index('ent_handovers_to_idx').on(t.tenantId, t.toUserId, t.status)],
);

/** What the enterprise and staff see as the progress of a request. */
export const entRequestLog = pgTable(
  'ent_request_log',
  {
    id: id(),
    tenantId: tenantId(),
    requestId: ref('request_id')
      .notNull()
      .references(() => entRequests.id, { onDelete: 'cascade' }),
    at: at('at').notNull(),
    actorUserId: ref('actor_user_id'),
    kind: text('kind').notNull(),
    detail: jsonb('detail').notNull().default({}),
  },
  (t) => [index('ent_request_log_req_idx').on(t.requestId, t.at)],
);

// ---------------------------------------------------------------- monthly building visits (月月进楼)

export const entVisitPlans = pgTable(
  'ent_visit_plans',
  {
    id: id(),
    tenantId: tenantId(),
    /** YYYY-MM */
    month: text('month').notNull(),
    buildingId: ref('building_id').notNull(),
    plannedOn: date('planned_on', { mode: 'string' }).notNull(),
    agentId: ref('agent_id'),
    /** planned, done, missed */
    status: text('status').notNull().default('planned'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('ent_visit_plans_uq').on(t.tenantId, t.month, t.buildingId)],
);

export const entVisits = pgTable(
  'ent_visits',
  {
    id: id(),
    tenantId: tenantId(),
    buildingId: ref('building_id').notNull(),
    planId: ref('plan_id'),
    visitedAt: at('visited_at').notNull(),
    /** the staff who went */
    agentIds: bigint('agent_ids', { mode: 'number' }).array().notNull(),
    summary: text('summary').notNull().default(''),
    recordedBy: ref('recorded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('ent_visits_building_idx').on(t.tenantId, t.buildingId, t.visitedAt), index('ent_visits_at_idx').on(t.tenantId, t.visitedAt)],
);

export const entVisitEnterprises = pgTable(
  'ent_visit_enterprises',
  {
    tenantId: tenantId(),
    visitId: ref('visit_id')
      .notNull()
      .references(() => entVisits.id, { onDelete: 'cascade' }),
    enterpriseId: ref('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
  },
  (t) => [uniqueIndex('ent_visit_enterprises_uq').on(t.visitId, t.enterpriseId), index('ent_visit_enterprises_ent_idx').on(t.tenantId, t.enterpriseId)],
);

export const entVisitFindings = pgTable(
  'ent_visit_findings',
  {
    id: id(),
    tenantId: tenantId(),
    visitId: ref('visit_id')
      .notNull()
      .references(() => entVisits.id, { onDelete: 'cascade' }),
    enterpriseId: ref('enterprise_id'),
    /** need (a service the enterprise needs), street_problem, other */
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    /** the catalogue item suggested for a need */
    itemId: ref('item_id'),
    requestId: ref('request_id'),
    streetProblemId: ref('street_problem_id'),
  },
  (t) => [index('ent_visit_findings_visit_idx').on(t.visitId)],
);

// ---------------------------------------------------------------- street problems

/** A street problem an agent noticed through a request or a visit. The module announces
 * it (enterprise.street_problem.reported); a flow turns it into a case and records the
 * case here. */
export const entStreetProblems = pgTable(
  'ent_street_problems',
  {
    id: id(),
    tenantId: tenantId(),
    requestId: ref('request_id'),
    findingId: ref('finding_id'),
    enterpriseId: ref('enterprise_id'),
    buildingId: ref('building_id'),
    /** an event/component code of the case classification (e.g. 03007) or null */
    categoryHint: text('category_hint'),
    description: text('description').notNull(),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    address: text('address'),
    gridId: ref('grid_id'),
    reportedBy: ref('reported_by').notNull(),
    reportedAt: at('reported_at').notNull(),
    /** the case in the case engine, once the flow has created it */
    caseRef: text('case_ref'),
    linkedAt: at('linked_at'),
    /** a node has taken it to open the case; stale claims (a crashed node) are taken again */
    caseClaimedAt: at('case_claimed_at'),
  },
  (t) => [index('ent_street_problems_idx').on(t.tenantId, t.reportedAt)],
);

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
