// Adding evidence to a case: photos from the field, a sensor's snapshot or readings, an
// alarm reference. Sensing flows call this when a scene fires again on an open case.
import { createHash } from 'node:crypto';
import type { AppContext } from '../../../core/context.js';
import type { Tx } from '../../../core/db/index.js';
import { can, type Actor } from '../../../core/auth/index.js';
import { Problem, fieldProblem } from '../../../core/http/problem.js';
import { caseEvidence, cases } from '../schema.js';
import { checkContent, sniff, type EvidenceKind } from '../domain/evidence.js';
import { isTerminal, type CaseState } from '../domain/types.js';
import { Outbox, actorInfo, caseScope, caseSummary, type CaseRow } from './write.js';
import { lockCase } from './actOnCase.js';
import { eq } from 'drizzle-orm';

export interface EvidenceInput {
  kind: EvidenceKind;
  url?: string;
  content?: Buffer;
  caption?: string;
  alarmRef?: string;
  data?: Record<string, unknown>;
  takenAt?: Date;
  lng?: number;
  lat?: number;
  /** may be shown to the public with the case (a reporter's own photo or link) */
  public?: boolean;
}

export interface EvidenceMeta {
  id: number;
  kind: string;
  mediaType: string | null;
  size: number | null;
  url: string | null;
  caption: string | null;
  alarmRef: string | null;
  data: unknown;
  takenAt: string | null;
  addedBy: string;
  createdAt: string;
}

export function checkEvidence(list: EvidenceInput[], prefix = 'evidence'): void {
  list.forEach((e, i) => {
    if (e.content) {
      const code = checkContent(e.kind, e.content);
      if (code) throw fieldProblem(`${prefix}.${i}.content`, code);
    } else if (!e.url && !e.alarmRef && !e.data) throw fieldProblem(`${prefix}.${i}`, 'case.evidence_nothing');
  });
}

/** Insert evidence rows (already checked) for a case. */
export async function insertEvidence(tx: Tx, row: Pick<CaseRow, 'id' | 'tenantId'>, actor: Actor, list: EvidenceInput[], now: Date): Promise<number[]> {
  if (list.length === 0) return [];
  const who = actorInfo(actor);
  const rows = await tx
    .insert(caseEvidence)
    .values(
      list.map((e) => ({
        tenantId: row.tenantId,
        caseId: row.id,
        originalCaseId: row.id,
        kind: e.kind,
        mediaType: e.content ? sniff(e.content) : null,
        size: e.content?.length ?? null,
        sha256: e.content ? createHash('sha256').update(e.content).digest('hex') : null,
        content: e.content ?? null,
        url: e.url ?? null,
        caption: e.caption ?? null,
        alarmRef: e.alarmRef ?? null,
        data: e.data ?? null,
        takenAt: e.takenAt ?? now,
        lng: e.lng ?? null,
        lat: e.lat ?? null,
        addedBy: `${who.kind}:${who.id ?? ''}:${who.name}`,
        public: e.public ?? false,
        createdAt: now,
      })),
    )
    .returning({ id: caseEvidence.id });
  return rows.map((r) => r.id);
}

/** Add evidence to a case in an open transaction (row locked by the caller). */
export async function addEvidenceLocked(tx: Tx, out: Outbox, actor: Actor, row: CaseRow, list: EvidenceInput[], now: Date, note?: string): Promise<number[]> {
  if (isTerminal(row.state as CaseState)) throw new Problem(409, 'case.evidence_closed', { number: row.number }, undefined, { state: row.state });
  checkEvidence(list);
  const ids = await insertEvidence(tx, row, actor, list, now);
  await tx.update(cases).set({ updatedAt: now }).where(eq(cases.id, row.id));
  out.timeline(row, actorInfo(actor), now, {
    action: 'add_evidence',
    role: actor.kind === 'user' ? (actor.roles[0] ?? 'user') : actor.kind,
    fromState: row.state as CaseState,
    toState: row.state as CaseState,
    note: note ?? `补充证据 ${ids.length} 项`,
    photos: ids,
    detail: { evidence: ids, kinds: list.map((e) => e.kind), alarmRefs: list.map((e) => e.alarmRef).filter(Boolean) },
  });
  out.audit({ tenantId: row.tenantId, actor, action: 'case.add_evidence', subjectType: 'case', subjectId: row.id, detail: { number: row.number, evidence: ids } });
  out.event({ tenantId: row.tenantId, type: 'case.evidence_added', subjectType: 'case', subjectId: String(row.id), scope: caseScope(row), payload: { ...caseSummary(row), evidence: ids } });
  return ids;
}

/** Add evidence to a case the actor may read (own transaction). */
export async function addEvidence(ctx: AppContext, actor: Actor, caseId: number, list: EvidenceInput[], note?: string): Promise<number[]> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await lockCase(tx, actor.tenantId, caseId);
    if (!can(actor, 'cases.evidence', row)) throw new Problem(403, 'auth.forbidden', { action: 'cases.evidence' }, undefined, { action: 'cases.evidence' });
    const out = new Outbox();
    const ids = await addEvidenceLocked(tx, out, actor, row, list, now, note);
    await out.flush(tx);
    return ids;
  });
}
