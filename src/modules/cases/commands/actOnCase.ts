// POST /cases/{id}/actions: one action on one case. The row is locked (FOR UPDATE), the
// pure state machine decides, the action's effect computes the change, and the change is
// written with its clock, timeline, audit, events and KPI roll-up in one transaction.
// Of two people acting at once the second waits for the lock, then finds the new state:
// the action is no longer allowed (409) or their expected version is stale (409).
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Tx } from '../../../core/db/index.js';
import { authorize, type Actor } from '../../../core/auth/index.js';
import { Problem, notFound } from '../../../core/http/problem.js';
import { cases } from '../schema.js';
import { actionsInState, allowedActions, decide, type CaseSnapshot, type Party } from '../domain/lifecycle.js';
import { ACTION_LABELS, type CaseAction, type CaseState } from '../domain/types.js';
import type { Category } from '../domain/category.js';
import { engineOf, prepare, type Engine, type Prepared } from '../services/engine.js';
import { Outbox, writeCase, type CaseRow } from './write.js';
import { clockFor } from './clock.js';
import type { ActionRequest, EffectFn } from './effects/types.js';
import { cancel, merge, register, requestVerify, verify } from './effects/intake.js';
import { accept, dispatch, escalate, reassign, returnCase } from './effects/dispatching.js';
import { check, close, forceClose, handle } from './effects/handling.js';
import { approvePostpone, rejectPostpone, requestPostpone, resume, suspend, urge } from './effects/timing.js';

const EFFECTS: Record<CaseAction, EffectFn> = {
  request_verify: requestVerify,
  verify,
  register,
  cancel,
  merge,
  dispatch,
  accept,
  return: returnCase,
  handle,
  check,
  close,
  force_close: forceClose,
  request_postpone: requestPostpone,
  approve_postpone: approvePostpone,
  reject_postpone: rejectPostpone,
  suspend,
  resume,
  urge,
  reassign,
  escalate,
};

export function partyOf(actor: Actor): Party {
  if (actor.kind === 'user') return { kind: 'user', id: actor.id, roles: actor.roles, grids: actor.scopes.grid, departments: [...(actor.departmentId !== null ? [actor.departmentId] : []), ...actor.scopes.department] };
  if (actor.kind === 'system') return { kind: 'system', id: null, roles: [], grids: [], departments: [] };
  return { kind: 'other', id: null, roles: [], grids: [], departments: [] };
}

export function snapshotOf(row: CaseRow, category: Category | undefined): CaseSnapshot {
  return {
    state: row.state as CaseState,
    resumeState: row.resumeState as CaseState | null,
    gridId: row.gridId,
    departmentId: row.departmentId,
    assigneeId: row.assigneeId,
    inspectorId: row.inspectorId,
    postponePending: row.postponeRequest !== null,
    photoRequired: category?.photoRequired ?? false,
  };
}

export async function lockCase(tx: Tx, tenantId: string, id: number): Promise<CaseRow> {
  const [row] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, id)))
    .for('update');
  if (!row) throw notFound('thing.case', id);
  return row;
}

function conflict(row: CaseRow, category: Category | undefined, actor: Actor, action: string, code = 'case.action_not_allowed'): Problem {
  const snap = snapshotOf(row, category);
  const inState = actionsInState(snap);
  return new Problem(409, code, { action: { $t: `case.action.${action}` }, state: { $t: `case.state.${row.state}` }, version: row.version }, undefined, {
    state: row.state,
    version: row.version,
    allowedActions: allowedActions(snap, partyOf(actor)),
    stateActions: inState,
    stateActionLabels: inState.map((a) => ACTION_LABELS[a].zh),
  });
}

/** Take an action on a case whose row the caller has locked in `tx`. */
export async function actLocked(tx: Tx, out: Outbox, eng: Engine, prep: Prepared, actor: Actor, row: CaseRow, input: ActionRequest, now: Date): Promise<CaseRow> {
  const category = prep.cfg.byId.get(row.categoryId);
  if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) throw conflict(row, category, actor, input.action, 'case.stale');
  const d = decide(snapshotOf(row, category), partyOf(actor), input);
  if (!d.ok) {
    if (d.kind === 'state') throw conflict(row, category, actor, input.action);
    if (d.kind === 'role') {
      if (actor.kind === 'anonymous') throw new Problem(401, 'auth.required');
      throw new Problem(403, 'case.not_your_action', { action: { $t: `case.action.${input.action}` } }, undefined, { action: `case.${input.action}`, allowedActions: allowedActions(snapshotOf(row, category), partyOf(actor)) });
    }
    throw new Problem(400, 'problem.validation', {}, d.issues.map((i) => ({ field: i.field, in: 'body', code: i.code, params: i.params })));
  }
  if (!category) throw new Problem(500, 'problem.internal');
  const cal = prep.cal;
  const effect = await EFFECTS[input.action]({ tx, eng, prep, actor, row, category, input, now, to: d.to, role: d.role, cal });
  const next = { ...row, ...effect.patch, state: d.to } as CaseRow;
  const clock = effect.keepClock ? {} : clockFor(cal, category, row, next, now);
  return writeCase(
    tx,
    out,
    actor,
    row,
    {
      patch: { ...effect.patch, state: d.to, ...clock },
      event: effect.event,
      eventPayload: effect.eventPayload,
      scope: effect.scope,
      extraEvents: effect.extraEvents,
      timeline: {
        action: input.action,
        role: d.role,
        fromState: row.state as CaseState,
        toState: d.to,
        note: effect.note ?? input.note ?? input.reason ?? null,
        publicNote: input.publicNote ?? effect.publicNote ?? null,
        photos: effect.photos ?? input.photos ?? [],
        lng: input.location?.lng ?? null,
        lat: input.location?.lat ?? null,
        detail: effect.detail ?? {},
      },
    },
    now,
  );
}

/** Take an action on a case (own transaction). */
export async function actOnCase(ctx: AppContext, actor: Actor, caseId: number, input: ActionRequest): Promise<CaseRow> {
  const eng = engineOf(ctx);
  const now = ctx.clock.now();
  const prep = await prepare(eng, actor.tenantId);
  return ctx.db.transaction(async (tx) => {
    const row = await lockCase(tx, actor.tenantId, caseId);
    authorize(actor, 'cases.act', row);
    const out = new Outbox();
    const after = await actLocked(tx, out, eng, prep, actor, row, input, now);
    await out.flush(tx);
    return after;
  });
}
