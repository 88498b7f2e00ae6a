import { bigint, date, doublePrecision, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId } from '../../../core/db/columns.js';
import { ref, at } from './columns.js';
import { enterprises } from './enterprises.js';

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
