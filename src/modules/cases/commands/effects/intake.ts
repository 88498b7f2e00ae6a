// Effects of the intake actions: send for verification, verify, register, cancel, merge.
import { and, eq } from 'drizzle-orm';
import { Problem, fieldProblem } from '../../../../core/http/problem.js';
import { caseEvidence, caseReporters, cases } from '../../schema.js';
import { isTerminal, type CaseState } from '../../domain/types.js';
import { appendTimeline, actorInfo, caseScope, caseSummary } from '../write.js';
import { describePick, pickInspector } from '../assign.js';
import type { EffectFn } from './types.js';

export const requestVerify: EffectFn = async ({ tx, eng, prep, row, now }) => {
  const pick = await pickInspector(tx, eng, prep, row.gridId, row.lng, row.lat, now);
  return {
    patch: { inspectorId: pick?.userId ?? null },
    event: 'case.verification_requested',
    note: pick ? `核实人：${describePick(pick)}` : '本网格无监督员，请值班长指定',
    publicNote: '已受理，正在核实',
    detail: { inspector: pick },
    scope: { users: pick ? [pick.userId] : [] },
  };
};

export const verify: EffectFn = async ({ input, now }) => ({
  patch: { verifiedAt: now },
  event: 'case.verified',
  detail: { confirmed: input.confirmed },
  publicNote: input.confirmed ? '经现场核实，情况属实' : '经现场核实，情况不符',
});

export const register: EffectFn = async ({ prep, row, input, now }) => {
  const patch: Record<string, unknown> = { registeredAt: now };
  const detail: Record<string, unknown> = {};
  if (input.categoryCode && input.categoryCode !== row.categoryCode) {
    const c = prep.cfg.byCode.get(input.categoryCode);
    if (!c || !c.active) throw fieldProblem('categoryCode', 'case.unknown_category', { code: input.categoryCode });
    Object.assign(patch, { categoryId: c.id, categoryCode: c.code, categoryName: c.name });
    detail.category = { from: row.categoryCode, to: c.code };
  }
  if (input.grade && input.grade !== row.grade) {
    patch.grade = input.grade;
    detail.grade = { from: row.grade, to: input.grade };
  }
  return { patch, event: 'case.registered', detail, publicNote: '已立案' };
};

export const cancel: EffectFn = async ({ input, now }) => ({
  patch: { cancelledAt: now, cancelReason: input.reason!.trim() },
  event: 'case.cancelled',
  note: input.reason,
  publicNote: '经核实，不予立案',
});

/** The duplicate is cancelled pointing to its master; its evidence and reporters move. */
export const merge: EffectFn = async ({ tx, actor, row, input, now, role }) => {
  if (input.masterId === row.id) throw fieldProblem('masterId', 'case.merge_self');
  const [master] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, row.tenantId), eq(cases.id, input.masterId!)))
    .for('update');
  if (!master) throw fieldProblem('masterId', 'case.merge_unknown', { id: input.masterId });
  if (isTerminal(master.state as CaseState)) throw new Problem(409, 'case.merge_master_closed', { number: master.number });
  const movedEvidence = await tx.update(caseEvidence).set({ caseId: master.id }).where(eq(caseEvidence.caseId, row.id)).returning({ id: caseEvidence.id });
  const movedReporters = await tx.update(caseReporters).set({ caseId: master.id }).where(eq(caseReporters.caseId, row.id)).returning({ id: caseReporters.id });
  await tx.update(cases).set({ updatedAt: now }).where(eq(cases.id, master.id));
  const detail = { duplicate: { id: row.id, number: row.number }, master: { id: master.id, number: master.number }, evidence: movedEvidence.length, reporters: movedReporters.length };
  await appendTimeline(tx, master, actorInfo(actor), now, { action: 'merge_in', role, fromState: master.state as CaseState, toState: master.state as CaseState, note: `并入重复案件 ${row.number}（证据 ${movedEvidence.length} 项，反映人 ${movedReporters.length} 位）`, publicNote: '已合并同一问题的其他反映', detail });
  return {
    patch: { masterId: master.id, cancelledAt: now, cancelReason: `重复案件，已并入 ${master.number}` },
    event: 'case.merged',
    note: `并入主案 ${master.number}`,
    publicNote: `与 ${master.number} 为同一问题，已合并办理`,
    detail,
    extraEvents: [{ tenantId: row.tenantId, type: 'case.merged_in', subjectType: 'case', subjectId: String(master.id), scope: caseScope(master), payload: { ...caseSummary(master), duplicate: { id: row.id, number: row.number } } }],
  };
};
