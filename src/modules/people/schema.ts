// People's livelihood (民生): residents, the elderly register with emergency contacts and
// sensor consents, care visits by rule, alerts, the 15-minute life circle (service points
// and service orders), activities and training, volunteers and their hours.
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, doublePrecision, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, tenantId, updatedAt } from '../../core/db/columns.js';

const pk = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A person living in a residential unit (常住居民). */
export const residents = pgTable(
  'residents',
  {
    id: pk(),
    tenantId: tenantId(),
    unitId: ref('unit_id').notNull(),
    buildingId: ref('building_id').notNull(),
    areaId: ref('area_id'),
    name: text('name').notNull(),
    /** F or M */
    gender: text('gender').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    phone: text('phone'),
    /** the owner record when this person owns the unit */
    ownerId: ref('owner_id'),
    /** the resident's own login, when they have one */
    userId: ref('user_id'),
    /** head (户主) or member */
    householdRole: text('household_role').notNull().default('member'),
    movedOutAt: ts('moved_out_at'),
    createdAt: createdAt(),
  },
  (t) => [index('residents_unit_idx').on(t.tenantId, t.unitId), index('residents_area_idx').on(t.tenantId, t.areaId), index('residents_user_idx').on(t.tenantId, t.userId)],
);

/** The elderly register (老年人信息登记): one row per resident aged 60+. */
export const elderly = pgTable(
  'elderly',
  {
    id: pk(),
    tenantId: tenantId(),
    residentId: ref('resident_id')
      .notNull()
      .references(() => residents.id),
    areaId: ref('area_id').notNull(),
    /** the residents' committee (departments.kind = 'committee') responsible */
    committeeId: ref('committee_id').notNull(),
    livesAlone: boolean('lives_alone').notNull(),
    /** Shanghai unified care-needs assessment (老年照护统一需求评估): 0 = not assessed / none, 1–6 = 照护等级一级…六级 */
    careLevel: integer('care_level').notNull().default(0),
    notes: text('notes'),
    /** active, moved, deceased */
    status: text('status').notNull().default('active'),
    registeredAt: ts('registered_at').notNull(),
    registeredBy: ref('registered_by'),
    lastVisitAt: ts('last_visit_at'),
    /** the visit rule in force and the deadline it gives (recomputed daily and on change) */
    planRuleId: ref('plan_rule_id'),
    nextVisitDue: ts('next_visit_due'),
    /** the local day the plan was last computed for */
    planDay: date('plan_day', { mode: 'string' }),
    /** the deadline an overdue alert was raised for (so each deadline alerts once) */
    overdueAlertedFor: ts('overdue_alerted_for'),
    version: integer('version').notNull().default(1),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('elderly_resident_uq').on(t.tenantId, t.residentId),
    index('elderly_committee_idx').on(t.tenantId, t.committeeId),
    index('elderly_area_idx').on(t.tenantId, t.areaId),
    index('elderly_due_idx').on(t.tenantId, t.nextVisitDue),
  ],
);

export const elderlyContacts = pgTable(
  'elderly_contacts',
  {
    id: pk(),
    tenantId: tenantId(),
    elderlyId: ref('elderly_id')
      .notNull()
      .references(() => elderly.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** child, spouse, relative, neighbour, friend, other */
    relation: text('relation').notNull(),
    phone: text('phone').notNull(),
    /** 1 = call first */
    priority: integer('priority').notNull(),
  },
  (t) => [index('elderly_contacts_elderly_idx').on(t.tenantId, t.elderlyId)],
);

/** Consent to link a sensor (by its device code) to an elderly person. Only an active
 * consent (not withdrawn) lets the sensor's alarms name the person. */
export const sensorConsents = pgTable(
  'sensor_consents',
  {
    id: pk(),
    tenantId: tenantId(),
    elderlyId: ref('elderly_id')
      .notNull()
      .references(() => elderly.id),
    deviceCode: text('device_code').notNull(),
    /** water_meter, door_sensor, smoke_detector, motion_sensor, emergency_button */
    deviceKind: text('device_kind').notNull(),
    /** self, or guardian (监护人) */
    givenBy: text('given_by').notNull(),
    guardianName: text('guardian_name'),
    note: text('note'),
    grantedAt: ts('granted_at').notNull(),
    recordedBy: ref('recorded_by'),
    withdrawnAt: ts('withdrawn_at'),
    withdrawnBy: ref('withdrawn_by'),
  },
  (t) => [
    // a device watches at most one person at a time
    uniqueIndex('sensor_consents_active_uq').on(t.tenantId, t.deviceCode).where(sql`withdrawn_at is null`),
    index('sensor_consents_elderly_idx').on(t.tenantId, t.elderlyId),
  ],
);

/** Visit rules, as data per tenant: the first active rule (by position) that matches wins. */
export const visitRules = pgTable(
  'visit_rules',
  {
    id: pk(),
    tenantId: tenantId(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    minAge: integer('min_age').notNull().default(60),
    maxAge: integer('max_age'),
    /** null = either */
    livesAlone: boolean('lives_alone'),
    minCareLevel: integer('min_care_level'),
    every: integer('every').notNull(),
    /** day, week, month, working_day */
    unit: text('unit').notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [index('visit_rules_tenant_idx').on(t.tenantId, t.position)],
);

export const careVisits = pgTable(
  'care_visits',
  {
    id: pk(),
    tenantId: tenantId(),
    elderlyId: ref('elderly_id')
      .notNull()
      .references(() => elderly.id),
    visitedAt: ts('visited_at').notNull(),
    visitorUserId: ref('visitor_user_id'),
    /** home, phone, video */
    mode: text('mode').notNull(),
    /** well, needs_help, not_home, hospitalised */
    outcome: text('outcome').notNull(),
    notes: text('notes'),
    createdAt: createdAt(),
  },
  (t) => [index('care_visits_elderly_idx').on(t.tenantId, t.elderlyId, t.visitedAt)],
);

/** What a committee worker must look at: overdue visits, and (from flows) sensor alarms. */
export const careAlerts = pgTable(
  'care_alerts',
  {
    id: pk(),
    tenantId: tenantId(),
    elderlyId: ref('elderly_id')
      .notNull()
      .references(() => elderly.id),
    committeeId: ref('committee_id').notNull(),
    /** visit_overdue, inactivity, service */
    kind: text('kind').notNull(),
    raisedAt: ts('raised_at').notNull(),
    /** the visit deadline that was missed, for visit_overdue */
    dueAt: ts('due_at'),
    /** the case that handles it, when a flow opened one */
    caseRef: text('case_ref'),
    detail: jsonb('detail').notNull().default({}),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedBy: ref('acknowledged_by'),
  },
  (t) => [index('care_alerts_committee_idx').on(t.tenantId, t.committeeId, t.acknowledgedAt)],
);

/** A service point of the 15-minute life circle (十五分钟社区生活圈). */
export const servicePoints = pgTable(
  'service_points',
  {
    id: pk(),
    tenantId: tenantId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    /** clinic, canteen, day_care, care_station, service_centre, market */
    kind: text('kind').notNull(),
    address: text('address').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    phone: text('phone'),
    openHours: text('open_hours'),
    /** service kinds it provides: meal_delivery, home_help, health_check, … */
    services: text('services').array().notNull().default([]),
    areaId: ref('area_id'),
    illustrative: boolean('illustrative').notNull().default(true),
    active: boolean('active').notNull().default(true),
  },
  (t) => [uniqueIndex('service_points_code_uq').on(t.tenantId, t.code)],
);

export const serviceOrders = pgTable(
  'service_orders',
  {
    id: pk(),
    tenantId: tenantId(),
    elderlyId: ref('elderly_id')
      .notNull()
      .references(() => elderly.id),
    /** copied from the register so scope checks need no join */
    areaId: ref('area_id').notNull(),
    /** meal_delivery, home_help, bathing, escort */
    kind: text('kind').notNull(),
    servicePointId: ref('service_point_id'),
    scheduledFor: ts('scheduled_for').notNull(),
    /** requested, accepted, in_progress, done, cancelled */
    status: text('status').notNull().default('requested'),
    note: text('note'),
    cancelReason: text('cancel_reason'),
    requestedBy: ref('requested_by'),
    requestedAt: ts('requested_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    completedAt: ts('completed_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('service_orders_status_idx').on(t.tenantId, t.status, t.scheduledFor), index('service_orders_elderly_idx').on(t.tenantId, t.elderlyId)],
);

/** Health lectures, markets for new-employment groups, social-work training, … */
export const activities = pgTable(
  'activities',
  {
    id: pk(),
    tenantId: tenantId(),
    /** health_lecture, employment_market, social_work_training, community */
    kind: text('kind').notNull(),
    /** for training: lecture (主题授课), field_teaching (现场教学), seminar (座谈交流), salon (专题沙龙) */
    format: text('format'),
    /** a programme the activity belongs to, e.g. 邻里益社·提质增效 */
    series: text('series'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** public, residents, new_employment, social_workers */
    audience: text('audience').notNull(),
    /** partner organisation, e.g. the clinic giving a lecture */
    partner: text('partner'),
    servicePointId: ref('service_point_id'),
    venue: text('venue').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    areaId: ref('area_id'),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    /** null = no limit */
    capacity: integer('capacity'),
    /** open, cancelled */
    status: text('status').notNull().default('open'),
    organiserUserId: ref('organiser_user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('activities_starts_idx').on(t.tenantId, t.startsAt)],
);

export const activityRegistrations = pgTable(
  'activity_registrations',
  {
    id: pk(),
    tenantId: tenantId(),
    activityId: ref('activity_id')
      .notNull()
      .references(() => activities.id),
    /** the registrant's login; null when the organiser registered a resident at the desk or by phone */
    userId: ref('user_id'),
    residentId: ref('resident_id'),
    name: text('name').notNull(),
    /** confirmed, waitlisted, cancelled */
    status: text('status').notNull(),
    registeredAt: ts('registered_at').notNull(),
    confirmedAt: ts('confirmed_at'),
    cancelledAt: ts('cancelled_at'),
    /** a short code the registrant shows at the door */
    checkinCode: text('checkin_code').notNull(),
    checkedInAt: ts('checked_in_at'),
    checkedInBy: ref('checked_in_by'),
  },
  (t) => [
    uniqueIndex('activity_registrations_active_uq').on(t.activityId, t.userId).where(sql`status <> 'cancelled'`),
    uniqueIndex('activity_registrations_resident_uq').on(t.activityId, t.residentId).where(sql`status <> 'cancelled'`),
    index('activity_registrations_activity_idx').on(t.tenantId, t.activityId, t.status),
    index('activity_registrations_user_idx').on(t.tenantId, t.userId),
  ],
);

export const volunteers = pgTable(
  'volunteers',
  {
    id: pk(),
    tenantId: tenantId(),
    userId: ref('user_id'),
    residentId: ref('resident_id'),
    name: text('name').notNull(),
    phone: text('phone'),
    /** the building group (楼组) the volunteer serves and is ranked in */
    buildingId: ref('building_id').notNull(),
    areaId: ref('area_id'),
    skills: text('skills').array().notNull().default([]),
    joinedAt: ts('joined_at').notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [uniqueIndex('volunteers_user_uq').on(t.tenantId, t.userId), index('volunteers_building_idx').on(t.tenantId, t.buildingId)],
);

export const volunteerTasks = pgTable(
  'volunteer_tasks',
  {
    id: pk(),
    tenantId: tenantId(),
    /** task (one occasion) or project (ongoing, e.g. adopting plants) */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    areaId: ref('area_id'),
    buildingId: ref('building_id'),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at'),
    /** null = as many as come */
    slots: integer('slots'),
    /** open, closed */
    status: text('status').notNull().default('open'),
    organiserUserId: ref('organiser_user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('volunteer_tasks_starts_idx').on(t.tenantId, t.startsAt)],
);

export const volunteerSignups = pgTable(
  'volunteer_signups',
  {
    id: pk(),
    tenantId: tenantId(),
    taskId: ref('task_id')
      .notNull()
      .references(() => volunteerTasks.id),
    volunteerId: ref('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    /** signed_up, cancelled */
    status: text('status').notNull(),
    signedUpAt: ts('signed_up_at').notNull(),
    cancelledAt: ts('cancelled_at'),
  },
  (t) => [uniqueIndex('volunteer_signups_active_uq').on(t.taskId, t.volunteerId).where(sql`status = 'signed_up'`)],
);

export const volunteerHours = pgTable(
  'volunteer_hours',
  {
    id: pk(),
    tenantId: tenantId(),
    volunteerId: ref('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    taskId: ref('task_id'),
    /** local date of service */
    servedOn: date('served_on', { mode: 'string' }).notNull(),
    hours: numeric('hours', { precision: 4, scale: 1, mode: 'string' }).notNull(),
    description: text('description').notNull(),
    /** recorded, confirmed, rejected */
    status: text('status').notNull().default('recorded'),
    recordedBy: ref('recorded_by'),
    recordedAt: ts('recorded_at').notNull(),
    reviewedBy: ref('reviewed_by'),
    reviewedAt: ts('reviewed_at'),
    reviewNote: text('review_note'),
  },
  (t) => [index('volunteer_hours_volunteer_idx').on(t.tenantId, t.volunteerId, t.servedOn), index('volunteer_hours_status_idx').on(t.tenantId, t.status)],
);
