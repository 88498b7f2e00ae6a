// Tables of the case engine. Every row carries its tenant. Hot paths (lists, sweeps,
// duplicates, dispatch workload) have their own (mostly partial) indexes; KPIs read a
// daily roll-up kept in step with every change (domain/kpi.ts).
import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, date, doublePrecision, index, integer, jsonb, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, tenantId } from '../../core/db/columns.js';

const pk = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const OPEN = sql`state not in ('closed', 'cancelled')`;

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** Classification (事件/部件 classes) with grading, routing default, limits per step. */
export const caseCategories = pgTable(
  'case_categories',
  {
    id: pk(),
    tenantId: tenantId(),
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    majorCode: text('major_code').notNull(),
    majorName: text('major_name').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    description: text('description'),
    keywords: text('keywords').array().notNull().default([]),
    /** Open311 attribute definitions */
    attributes: jsonb('attributes').notNull().default([]),
    defaultGrade: text('default_grade').notNull(),
    departmentId: ref('department_id'),
    /** department | area_committee (the residents' committee of the place) */
    routeTo: text('route_to').notNull().default('department'),
    /** { verify, dispatch, accept, handle, check }: { amount, unit } */
    limits: jsonb('limits').notNull(),
    photoRequired: boolean('photo_required').notNull().default(false),
    dupRadiusM: integer('dup_radius_m').notNull().default(30),
    autoRegister: boolean('auto_register').notNull().default(false),
    public: boolean('public').notNull().default(true),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('case_categories_code_uq').on(t.tenantId, t.code)],
);

export const caseGradingRules = pgTable(
  'case_grading_rules',
  {
    id: pk(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    categoryCodes: text('category_codes').array().notNull().default([]),
    conditions: jsonb('conditions').notNull(),
    raiseTo: text('raise_to').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('case_grading_rules_tenant_idx').on(t.tenantId)],
);

/** Category × grid → department overrides. */
export const caseRoutes = pgTable(
  'case_routes',
  {
    id: pk(),
    tenantId: tenantId(),
    categoryCode: text('category_code'),
    gridId: ref('grid_id'),
    departmentId: ref('department_id').notNull(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('case_routes_tenant_idx').on(t.tenantId)],
);

export const cases = pgTable(
  'cases',
  {
    id: pk(),
    tenantId: tenantId(),
    number: text('number').notNull(),
    source: text('source').notNull(),
    sourceRef: text('source_ref'),
    /** which client or app of the source it came through (e.g. the Open311 client's key name) */
    channel: text('channel'),
    /** a sensing scene's key: its open case collects further evidence instead of a new case */
    sceneKey: text('scene_key'),
    categoryId: ref('category_id').notNull(),
    /** copies taken at creation, so later edits of the category never rewrite a case */
    categoryCode: text('category_code').notNull(),
    categoryName: text('category_name').notNull(),
    grade: text('grade').notNull(),
    gradeReasons: jsonb('grade_reasons').notNull().default([]),
    state: text('state').notNull(),
    resumeState: text('resume_state'),
    description: text('description').notNull(),
    address: text('address').notNull().default(''),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    gridId: ref('grid_id'),
    unitGridId: ref('unit_grid_id'),
    areaId: ref('area_id'),
    departmentId: ref('department_id'),
    assigneeId: ref('assignee_id'),
    inspectorId: ref('inspector_id'),
    triedAssignees: bigint('tried_assignees', { mode: 'number' }).array().notNull().default([]),
    returnedDepartments: bigint('returned_departments', { mode: 'number' }).array().notNull().default([]),
    escalatedAt: ts('escalated_at'),
    returns: integer('returns').notNull().default(0),
    reworks: integer('reworks').notNull().default(0),
    postponements: integer('postponements').notNull().default(0),
    urges: integer('urges').notNull().default(0),
    postponeRequest: jsonb('postpone_request'),
    attributes: jsonb('attributes').notNull().default({}),
    /** the running step's clock (verify, dispatch, handle, check) */
    step: text('step'),
    stepStartedAt: ts('step_started_at'),
    stepDueAt: ts('step_due_at'),
    stepWarnAt: ts('step_warn_at'),
    stepWarnedAt: ts('step_warned_at'),
    stepOverdueAt: ts('step_overdue_at'),
    stepClock: boolean('step_clock').notNull().default(false),
    acceptDueAt: ts('accept_due_at'),
    handleDueAt: ts('handle_due_at'),
    handledOnTime: boolean('handled_on_time'),
    /** limit time left when suspended (ms, in the limit's own kind of time) */
    suspendedRemainingMs: bigint('suspended_remaining_ms', { mode: 'number' }),
    reportedAt: ts('reported_at').notNull(),
    verifiedAt: ts('verified_at'),
    registeredAt: ts('registered_at'),
    dispatchedAt: ts('dispatched_at'),
    acceptedAt: ts('accepted_at'),
    handledAt: ts('handled_at'),
    checkedAt: ts('checked_at'),
    closedAt: ts('closed_at'),
    cancelledAt: ts('cancelled_at'),
    closeType: text('close_type'),
    cancelReason: text('cancel_reason'),
    masterId: ref('master_id'),
    createdBy: text('created_by'),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cases_number_uq').on(t.tenantId, t.number),
    // ascending: a backward scan serves "newest first" (ORDER BY … DESC, NULLS FIRST)
    index('cases_time_idx').on(t.tenantId, t.reportedAt, t.id),
    index('cases_open_time_idx').on(t.tenantId, t.reportedAt, t.id).where(OPEN),
    index('cases_grid_idx').on(t.tenantId, t.gridId, t.reportedAt, t.id),
    index('cases_department_idx').on(t.tenantId, t.departmentId, t.reportedAt, t.id),
    index('cases_category_idx').on(t.tenantId, t.categoryId, t.reportedAt, t.id),
    index('cases_open_category_idx').on(t.tenantId, t.categoryId, t.lat).where(OPEN),
    index('cases_assignee_idx').on(t.tenantId, t.assigneeId).where(sql`state in ('dispatched', 'accepted')`),
    uniqueIndex('cases_scene_uq').on(t.tenantId, t.sceneKey).where(sql`scene_key is not null and state not in ('closed', 'cancelled')`),
    index('cases_warn_idx').on(t.stepWarnAt).where(sql`step_warned_at is null and step_warn_at is not null`),
    index('cases_overdue_idx').on(t.stepDueAt).where(sql`step_overdue_at is null and step_due_at is not null`),
    index('cases_accept_idx').on(t.acceptDueAt).where(sql`accept_due_at is not null`),
    index('cases_master_idx').on(t.masterId).where(sql`master_id is not null`),
  ],
);

/** The append-only history of a case. */
export const caseTimeline = pgTable(
  'case_timeline',
  {
    id: pk(),
    tenantId: tenantId(),
    caseId: ref('case_id').notNull(),
    at: ts('at').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    role: text('role').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    note: text('note'),
    /** what the public sees (Open311 status notes) */
    publicNote: text('public_note'),
    photos: bigint('photos', { mode: 'number' }).array().notNull().default([]),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    /** reasons (dispatch choice, grading, routing), deadlines, … */
    detail: jsonb('detail').notNull().default({}),
  },
  (t) => [
    index('case_timeline_case_idx').on(t.caseId, t.id),
    // public updates of a tenant by time (Open311 servicerequestupdates)
    index('case_timeline_public_idx').on(t.tenantId, t.at, t.id).where(sql`public_note is not null`),
  ],
);

export const caseEvidence = pgTable(
  'case_evidence',
  {
    id: pk(),
    tenantId: tenantId(),
    caseId: ref('case_id').notNull(),
    /** photo | video | snapshot | alarm | document */
    kind: text('kind').notNull(),
    mediaType: text('media_type'),
    size: integer('size'),
    sha256: text('sha256'),
    content: bytea('content'),
    url: text('url'),
    caption: text('caption'),
    alarmRef: text('alarm_ref'),
    data: jsonb('data'),
    takenAt: ts('taken_at'),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    addedBy: text('added_by').notNull(),
    /** shown to the public with the case (a reporter's own photos sent through a public channel) */
    public: boolean('public').notNull().default(false),
    /** the case it was first attached to (merging moves evidence to the master) */
    originalCaseId: ref('original_case_id'),
    createdAt: createdAt(),
  },
  (t) => [index('case_evidence_case_idx').on(t.caseId, t.id)],
);

export const caseReporters = pgTable(
  'case_reporters',
  {
    id: pk(),
    tenantId: tenantId(),
    caseId: ref('case_id').notNull(),
    name: text('name'),
    phone: text('phone'),
    email: text('email'),
    anonymous: boolean('anonymous').notNull().default(false),
    userId: ref('user_id'),
    source: text('source').notNull(),
    originalCaseId: ref('original_case_id'),
    createdAt: createdAt(),
  },
  (t) => [index('case_reporters_case_idx').on(t.caseId)],
);

/** Case numbers per tenant and day. */
export const caseCounters = pgTable(
  'case_counters',
  {
    tenantId: tenantId(),
    day: text('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day] })],
);

/** Daily KPI roll-up per dimension (tenant, grid, department, category, source, grade). */
export const caseKpiDaily = pgTable(
  'case_kpi_daily',
  {
    tenantId: tenantId(),
    dim: text('dim').notNull(),
    key: text('key').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    due: integer('due').notNull().default(0),
    handled: integer('handled').notNull().default(0),
    handledOnTime: integer('handled_on_time').notNull().default(0),
    closed: integer('closed').notNull().default(0),
    closedOnTime: integer('closed_on_time').notNull().default(0),
    suspended: integer('suspended').notNull().default(0),
    dispatched: integer('dispatched').notNull().default(0),
    returned: integer('returned').notNull().default(0),
    reworked: integer('reworked').notNull().default(0),
    handleMs: bigint('handle_ms', { mode: 'number' }).notNull().default(0),
    urgentDue: integer('urgent_due').notNull().default(0),
    urgentClosedOnTime: integer('urgent_closed_on_time').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.dim, t.key, t.day] })],
);

export const staffPositionSeq = pgSequence('staff_position_seq');

/** The last reported position of each member of staff. `seq` orders changes so every
 * node's in-memory index catches up with what other nodes received. */
export const staffPositions = pgTable(
  'staff_positions',
  {
    userId: ref('user_id').primaryKey(),
    tenantId: tenantId(),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    accuracyM: doublePrecision('accuracy_m'),
    at: ts('at').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull().default(sql`nextval('staff_position_seq')`),
  },
  (t) => [index('staff_positions_seq_idx').on(t.tenantId, t.seq)],
);

export const staffShifts = pgTable(
  'staff_shifts',
  {
    id: pk(),
    tenantId: tenantId(),
    userId: ref('user_id').notNull(),
    days: text('days').notNull(),
    start: text('start').notNull(),
    end: text('end').notNull(),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('staff_shifts_tenant_idx').on(t.tenantId, t.userId)],
);
