// Cases as the API shows them: every field a screen needs, the names of the grid,
// department and people, whether a limit has run out, and the actions the viewer may take.
import { allowedActions } from '../domain/lifecycle.js';
import { STATE_LABELS, type CaseState } from '../domain/types.js';
import type { Category } from '../domain/category.js';
import type { Actor } from '../../../core/auth/index.js';
import { partyOf, snapshotOf } from '../commands/actOnCase.js';
import type { CaseRow } from '../commands/write.js';

export interface Names {
  grid?: string | null;
  unitGrid?: string | null;
  department?: string | null;
  assignee?: string | null;
  inspector?: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentCase(r: CaseRow, names: Names, category: Category | undefined, actor: Actor, now: Date) {
  const open = !['closed', 'cancelled', 'suspended'].includes(r.state);
  const actions = allowedActions(snapshotOf(r, category), partyOf(actor)).filter((a) => a !== 'reassign' && a !== 'escalate');
  return {
    id: r.id,
    number: r.number,
    state: r.state,
    stateLabel: STATE_LABELS[r.state as CaseState]?.zh ?? r.state,
    source: r.source,
    sourceRef: r.sourceRef,
    channel: r.channel,
    sceneKey: r.sceneKey,
    categoryCode: r.categoryCode,
    categoryName: r.categoryName,
    grade: r.grade,
    description: r.description,
    address: r.address,
    lng: r.lng,
    lat: r.lat,
    gridId: r.gridId,
    gridName: names.grid ?? null,
    unitGridId: r.unitGridId,
    areaId: r.areaId,
    departmentId: r.departmentId,
    departmentName: names.department ?? null,
    assigneeId: r.assigneeId,
    assigneeName: names.assignee ?? null,
    inspectorId: r.inspectorId,
    inspectorName: names.inspector ?? null,
    step: r.step,
    stepDueAt: iso(r.stepDueAt),
    stepWarnAt: iso(r.stepWarnAt),
    warned: r.stepWarnedAt !== null,
    overdue: open && r.stepDueAt !== null && r.stepDueAt <= now,
    handleDueAt: iso(r.handleDueAt),
    acceptDueAt: iso(r.acceptDueAt),
    escalated: r.escalatedAt !== null,
    postponeRequest: (r.postponeRequest as Record<string, unknown> | null) ?? null,
    returns: r.returns,
    reworks: r.reworks,
    postponements: r.postponements,
    urges: r.urges,
    reportedAt: r.reportedAt.toISOString(),
    verifiedAt: iso(r.verifiedAt),
    registeredAt: iso(r.registeredAt),
    dispatchedAt: iso(r.dispatchedAt),
    acceptedAt: iso(r.acceptedAt),
    handledAt: iso(r.handledAt),
    checkedAt: iso(r.checkedAt),
    closedAt: iso(r.closedAt),
    cancelledAt: iso(r.cancelledAt),
    closeType: r.closeType,
    cancelReason: r.cancelReason,
    masterId: r.masterId,
    version: r.version,
    allowedActions: actions,
  };
}

export type CaseView = ReturnType<typeof presentCase>;
