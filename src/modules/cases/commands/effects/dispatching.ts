// Effects of dispatching: dispatch (and re-dispatch), accept, return, and the system's
// reassignment to the next nearest person and escalation to the shift leader.
import { fieldProblem } from '../../../../core/http/problem.js';
import { deadline } from '../../domain/sla.js';
import type { Grade } from '../../domain/types.js';
import { FIELD_ROLES } from '../../domain/lifecycle.js';
import { routeCase } from '../route.js';
import { describePick, pickHandler, type Pick } from '../assign.js';
import type { EffectFn } from './types.js';

const ROUTE_WHY: Record<string, string> = {
  grid_rule: '按本网格的派遣规则',
  category_rule: '按类别派遣规则',
  category_default: '按类别的默认责任部门',
  area_committee: '由所在居民区居委会负责',
  named: '由派遣员指定',
};

export const dispatch: EffectFn = async ({ tx, eng, prep, row, category, input, now, cal }) => {
  const tenantId = row.tenantId;
  let departmentId: number;
  let routeWhy: string;
  if (input.departmentId) {
    if (!prep.departments.has(input.departmentId)) throw fieldProblem('departmentId', 'case.unknown_department', { id: input.departmentId });
    departmentId = input.departmentId;
    routeWhy = 'named';
  } else if (row.state === 'dispatched' && row.departmentId !== null) {
    departmentId = row.departmentId;
    routeWhy = 'named';
  } else {
    const r = routeCase(prep, row, category);
    if (r.departmentId === null) throw fieldProblem('departmentId', 'case.no_route', { code: row.categoryCode });
    if (row.returnedDepartments.includes(r.departmentId)) throw fieldProblem('departmentId', 'case.route_returned', { department: prep.departments.get(r.departmentId) ?? r.departmentId });
    departmentId = r.departmentId;
    routeWhy = r.reason;
  }
  const deptName = prep.departments.get(departmentId) ?? String(departmentId);

  let pick: Pick | null;
  if (input.assigneeId) {
    await eng.staff.sync(tenantId, tx);
    const m = eng.staff.member(tenantId, input.assigneeId);
    if (!m || !m.active || m.departmentId !== departmentId || !FIELD_ROLES.some((r) => m.roles.includes(r))) throw fieldProblem('assigneeId', 'case.assignee_not_member', { id: input.assigneeId, department: deptName });
    pick = { userId: m.id, name: m.name, why: 'named', distanceM: null, workload: null, considered: 1 };
  } else {
    pick = await pickHandler(tx, eng, prep, departmentId, row.lng, row.lat, now);
  }
  const grade = row.grade as Grade;
  const handleDueAt = deadline(cal, now, category.limits.handle, grade);
  const routeNote = `派往 ${deptName}（${ROUTE_WHY[routeWhy] ?? routeWhy}）`;
  const escalate = pick === null;
  return {
    patch: {
      departmentId,
      assigneeId: pick?.userId ?? null,
      dispatchedAt: now,
      acceptedAt: null,
      handleDueAt,
      acceptDueAt: pick ? deadline(cal, now, category.limits.accept, grade) : null,
      triedAssignees: pick ? [pick.userId] : [],
      escalatedAt: escalate ? now : null,
    },
    event: 'case.dispatched',
    note: escalate ? `${routeNote}；该部门当前无在岗人员，已升级至值班长` : `${routeNote}；处置人 ${describePick(pick!)}`,
    publicNote: `已派遣至${deptName}处置`,
    detail: { department: { id: departmentId, name: deptName, why: routeWhy }, assignee: pick, handleDueAt: handleDueAt.toISOString() },
    scope: escalate ? { roles: ['shift_leader'] } : { users: [pick!.userId] },
    extraEvents: escalate ? [{ tenantId, type: 'case.escalated', subjectType: 'case', subjectId: String(row.id), scope: { roles: ['shift_leader', 'dispatcher'] }, payload: { id: row.id, number: row.number, reason: 'nobody_on_duty', departmentId } }] : [],
  };
};

export const accept: EffectFn = async ({ actor, row, now }) => ({
  patch: { acceptedAt: now, assigneeId: row.assigneeId ?? (actor.kind === 'user' ? actor.id : null), acceptDueAt: null, escalatedAt: null },
  event: 'case.accepted',
  publicNote: '处置人员已接单，正在处置',
});

export const returnCase: EffectFn = async ({ row, input }) => ({
  patch: {
    departmentId: null,
    assigneeId: null,
    acceptDueAt: null,
    acceptedAt: null,
    handleDueAt: null,
    escalatedAt: null,
    triedAssignees: [],
    returns: row.returns + 1,
    returnedDepartments: row.departmentId !== null && !row.returnedDepartments.includes(row.departmentId) ? [...row.returnedDepartments, row.departmentId] : row.returnedDepartments,
  },
  event: 'case.returned',
  note: input.reason,
  detail: { department: row.departmentId },
  scope: { roles: ['dispatcher', 'shift_leader'] },
});

export const reassign: EffectFn = async ({ row, category, input, now, cal }) => {
  const pick = input.detail?.pick as Pick;
  return {
    patch: { assigneeId: pick.userId, triedAssignees: [...row.triedAssignees, pick.userId], acceptDueAt: deadline(cal, now, category.limits.accept, row.grade as Grade) },
    event: 'case.reassigned',
    note: `超时未接单，转派：${describePick(pick)}`,
    detail: { previous: row.assigneeId, assignee: pick },
    scope: { users: [pick.userId] },
  };
};

export const escalate: EffectFn = async ({ row, input, now }) => ({
  patch: { assigneeId: null, acceptDueAt: null, escalatedAt: now },
  event: 'case.escalated',
  note: String(input.detail?.note ?? `连续 ${row.triedAssignees.length} 人超时未接单，已升级至值班长`),
  detail: { tried: row.triedAssignees, reason: input.detail?.reason ?? 'nobody_accepted' },
  scope: { roles: ['shift_leader'] },
});
