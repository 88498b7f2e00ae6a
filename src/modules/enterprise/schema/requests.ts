import { index, integer, jsonb, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import { id, tenantId } from '../../../core/db/columns.js';
import { ref, at } from './columns.js';
import { entItems, entOffices } from './catalogue.js';
import { enterprises } from './enterprises.js';

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
