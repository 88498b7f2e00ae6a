// The case engine (城运 work orders): the ONLY entry other modules and src/flows/ use.
//
// Creating and changing cases (each call is one transaction with audit, timeline, events):
//   createCase(ctx, actor, input)        any source; `sceneKey` makes a sensing scene reuse
//                                        its open case (evidence is added, created=false);
//                                        `trusted: true` from a system/device actor lets an
//                                        auto-registering category skip verification;
//                                        `dispatch: true` dispatches at once to the nearest
//                                        on-duty handler; `channel` names the client or app it
//                                        came through; `alsoWrite(tx, case)` lets the caller write
//                                        its own record in the same transaction. Evidence marked
//                                        `public` is shown to the public with the case.
//                                        Returns { case, created, duplicates }.
//   addEvidence(ctx, actor, caseId, [...]) photos (bytes are checked), snapshots, alarm refs.
//   actOnCase(ctx, actor, caseId, { action, ... })  the lifecycle (see domain/lifecycle.ts);
//                                        throws Problem 409 (with allowedActions), 403, 400.
//   addPublicUpdate(ctx, actor, caseId, { text, status?, author?, evidence?, clientRef? })
//                                        a member of the public's comment (any state, never moves
//                                        the case; the caller decides who may post; a repeated
//                                        clientRef returns the first entry). Event case.public_update.
// Reading:
//   getCase(ctx, actor, id)              the case with timeline, evidence, reporters.
//   listCases(db, actor, filter, now, limit, cursor)  keyset pages, scoped to the actor.
//   findOpenCaseByScene(ctx, tenantId, sceneKey)
//   publicCategories(ctx, tenantId)      Open311 services: code, names, keywords, attributes.
//   expectedCompletion(ctx, tenantId, { caseRow } | { categoryCode, grade? })  working-day SLA.
//   publicStatus(detail)                 open/closed, the latest public note, public updates.
// The public read (Open311 GET requests/updates; see domain/publicView.ts for what is public):
//   listPublicCases(ctx, tenantId, { numbers? | categoryCodes?, from?, to?, status?, limit })
//   getPublicCase(ctx, tenantId, number), listPublicUpdates(ctx, tenantId, { from, to, limit }),
//   publicEvidenceContent(ctx, tenantId, evidenceId)  the bytes of a photo shared by its reporter.
// Events (ctx.bus.on(type, fn), also on GET /api/v1/stream and notification channels):
//   CASE_EVENTS below; payload = a case summary (id, number, state, category, grade, grid,
//   department, assignee, location, due) plus `from` and `action`. onCaseEvent() subscribes.
// Seeding a new tenant: seedCaseTables(tx, tenantId, departmentIdByCode).
import type { AppContext } from '../../core/context.js';
import type { DomainEvent } from '../../core/bus/index.js';

export { casesModule } from './module.js';
export { createCase, type NewCase, type CreateResult } from './commands/createCase.js';
export { addEvidence, type EvidenceInput } from './commands/addEvidence.js';
export { actOnCase } from './commands/actOnCase.js';
export { addPublicUpdate, type PublicUpdateInput } from './commands/addPublicUpdate.js';
export { listPublicCases, getPublicCase, listPublicUpdates, publicEvidenceContent, type PublicCase, type PublicUpdate, type PublicMedia, type PublicCaseFilter } from './queries/publicCases.js';
export { UNVERIFIED_STATES, PUBLIC_UPDATE_ACTION } from './domain/publicView.js';
export type { ActionRequest } from './commands/effects/types.js';
export type { CaseRow } from './commands/write.js';
export type { DuplicateHint } from './commands/duplicates.js';
export { listCases, type CaseFilter } from './queries/listCases.js';
export type { CaseView } from './queries/present.js';
export { getCase, findOpenCaseByScene, publicCategories, expectedCompletion, publicStatus, type CaseDetail } from './api.js';
export type { Category } from './domain/category.js';
export { checkContent, MAX_EVIDENCE_BYTES } from './domain/evidence.js';
export { CASE_STATES, CASE_ACTIONS, GRADES, SOURCES, STATE_LABELS, ACTION_LABELS, SOURCE_LABELS, GRADE_LABELS, type CaseState, type CaseAction, type Grade, type Source } from './domain/types.js';
export { seedCaseTables } from './seedTenant.js';
export { cases, caseCategories, caseTimeline, caseEvidence } from './schema.js';

export const CASE_EVENTS = [
  'case.created',
  'case.evidence_added',
  'case.verification_requested',
  'case.verified',
  'case.registered',
  'case.cancelled',
  'case.merged',
  'case.merged_in',
  'case.dispatched',
  'case.accepted',
  'case.returned',
  'case.handled',
  'case.checked',
  'case.reworked',
  'case.closed',
  'case.postpone_requested',
  'case.postponed',
  'case.postpone_rejected',
  'case.suspended',
  'case.resumed',
  'case.urged',
  'case.reassigned',
  'case.escalated',
  'case.sla_warning',
  'case.overdue',
  'case.public_update',
] as const;
export type CaseEventType = (typeof CASE_EVENTS)[number];

/** Subscribe to case events on this node ('case.*' for all); returns the unsubscribe. */
export function onCaseEvent(ctx: AppContext, type: CaseEventType | 'case.*', handler: (e: DomainEvent) => void): () => void {
  return ctx.bus.on(type, handler);
}
