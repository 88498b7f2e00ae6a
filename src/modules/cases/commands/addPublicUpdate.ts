// A member of the public adds to a case through a public channel (Open311's updates
// extension): a comment, a status as they see it ("fixed", "still there"), photos. It is
// recorded on the timeline as a public update, with its evidence, and the desk is told
// (event case.public_update). It never moves the case: only staff act on cases. It is
// accepted in any state, closed included — "it is back" after closing is worth knowing.
// The caller decides who may post (e.g. an Open311 client's key).
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor } from '../../../core/auth/index.js';
import { fieldProblem } from '../../../core/http/problem.js';
import { caseTimeline, cases } from '../schema.js';
import { PUBLIC_UPDATE_ACTION } from '../domain/publicView.js';
import type { CaseState } from '../domain/types.js';
import { Outbox, actorInfo, caseScope, caseSummary } from './write.js';
import { lockCase } from './actOnCase.js';
import { checkEvidence, insertEvidence, type EvidenceInput } from './addEvidence.js';

export interface PublicUpdateInput {
  text: string;
  /** the status as the member of the public sees it (e.g. Open311's FIXED, REOPEN) */
  status?: string;
  author?: { name?: string; email?: string; phone?: string };
  /** when they wrote it, by their clock */
  writtenAt?: Date;
  evidence?: EvidenceInput[];
  /** the channel's own id of this update: posting it again returns the first one */
  clientRef?: string;
  /** extra facts from the channel, kept with the entry */
  detail?: Record<string, unknown>;
}

export async function addPublicUpdate(ctx: AppContext, actor: Actor, caseId: number, input: PublicUpdateInput): Promise<{ id: number; created: boolean }> {
  const text = input.text.trim();
  const evidence = input.evidence ?? [];
  if (!text && evidence.length === 0) throw fieldProblem('text', 'case.field_required');
  checkEvidence(evidence);
  const now = ctx.clock.now();
  const who = actorInfo(actor);
  return ctx.db.transaction(async (tx) => {
    const row = await lockCase(tx, actor.tenantId, caseId);
    if (input.clientRef) {
      // the lock on the case serialises two deliveries of the same update
      const [seen] = await tx
        .select({ id: caseTimeline.id })
        .from(caseTimeline)
        .where(and(eq(caseTimeline.caseId, row.id), eq(caseTimeline.action, PUBLIC_UPDATE_ACTION), eq(caseTimeline.actorKind, who.kind), sql`${caseTimeline.actorId} is not distinct from ${who.id}`, sql`${caseTimeline.detail}->>'clientRef' = ${input.clientRef}`));
      if (seen) return { id: seen.id, created: false };
    }
    const out = new Outbox();
    const photos = await insertEvidence(tx, row, actor, evidence.map((e) => ({ ...e, public: e.public ?? true })), now);
    await tx.update(cases).set({ updatedAt: now }).where(eq(cases.id, row.id));
    const detail = { ...input.detail, status: input.status ?? null, clientRef: input.clientRef ?? null, author: input.author ?? null, writtenAt: input.writtenAt?.toISOString() ?? null };
    const [entry] = await tx
      .insert(caseTimeline)
      .values({ tenantId: row.tenantId, caseId: row.id, at: now, actorKind: who.kind, actorId: who.id, actorName: who.name, role: 'public', action: PUBLIC_UPDATE_ACTION, fromState: row.state, toState: row.state, note: text || null, publicNote: text || '（补充照片）', photos, detail })
      .returning({ id: caseTimeline.id });
    out.audit({ tenantId: row.tenantId, actor, action: 'case.public_update', subjectType: 'case', subjectId: row.id, detail: { number: row.number, status: input.status ?? null, evidence: photos, entry: entry!.id } });
    out.event({ tenantId: row.tenantId, type: 'case.public_update', subjectType: 'case', subjectId: String(row.id), scope: caseScope(row), payload: { ...caseSummary(row), status: input.status ?? null, text, by: input.author?.name ?? who.name, state: row.state as CaseState } });
    await out.flush(tx);
    return { id: entry!.id, created: true };
  });
}
