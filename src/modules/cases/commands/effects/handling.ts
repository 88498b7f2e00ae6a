// Effects of handling and supervision: the handling report, the check (pass or rework),
// closing (normal or overdue by the handling deadline; special) and forced closing.
import { and, eq, inArray } from 'drizzle-orm';
import { fieldProblem } from '../../../../core/http/problem.js';
import { caseEvidence } from '../../schema.js';
import { describePick, pickInspector } from '../assign.js';
import type { EffectFn } from './types.js';

export const handle: EffectFn = async ({ tx, eng, prep, row, input, now }) => {
  const photos = [...new Set(input.photos ?? [])];
  if (photos.length) {
    const found = await tx
      .select({ id: caseEvidence.id })
      .from(caseEvidence)
      .where(and(eq(caseEvidence.caseId, row.id), inArray(caseEvidence.id, photos), inArray(caseEvidence.kind, ['photo', 'video'])));
    const missing = photos.filter((p) => !found.some((f) => f.id === p));
    if (missing.length) throw fieldProblem('photos', 'case.photo_unknown', { ids: missing.join(', ') });
  }
  const onTime = row.handleDueAt === null || now <= row.handleDueAt;
  const checker = await pickInspector(tx, eng, prep, row.gridId, row.lng, row.lat, now);
  return {
    patch: { handledAt: now, handledOnTime: onTime, inspectorId: checker?.userId ?? row.inspectorId },
    event: 'case.handled',
    note: input.note,
    photos,
    publicNote: '已处置完毕，等待核查',
    detail: { onTime, checker: checker ? { ...checker, text: describePick(checker) } : null },
    scope: { users: checker ? [checker.userId] : [] },
  };
};

export const check: EffectFn = async ({ row, input, now }) =>
  input.passed
    ? { patch: { checkedAt: now }, event: 'case.checked', note: input.note, photos: input.photos, publicNote: '经核查，问题已解决' }
    : {
        patch: { reworks: row.reworks + 1, handledAt: null, handledOnTime: null },
        event: 'case.reworked',
        note: input.note,
        photos: input.photos,
        publicNote: '经核查未处置到位，已要求返工',
        scope: { users: row.assigneeId ? [row.assigneeId] : [] },
      };

export const close: EffectFn = async ({ row, input, now }) => {
  const closeType = input.closeType === 'special' ? 'special' : row.handledOnTime === false ? 'overdue' : 'normal';
  return { patch: { closedAt: now, closeType }, event: 'case.closed', note: input.note, publicNote: '已办结', detail: { closeType } };
};

export const forceClose: EffectFn = async ({ input, now }) => ({
  patch: { closedAt: now, closeType: input.closeType!, acceptDueAt: null, postponeRequest: null },
  event: 'case.closed',
  note: input.reason,
  publicNote: input.closeType === 'error' ? '经核查属误报，已结案' : '已按特殊情况办结',
  detail: { closeType: input.closeType },
});
