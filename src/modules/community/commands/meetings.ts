// Committee meetings: scheduled with an agenda, then recorded with minutes, decisions
// and who attended.
import { and, eq } from 'drizzle-orm';
import { authorize, type Actor } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { committeeMeetings } from '../schema.js';
import { loadCommittee, missing } from '../scope.js';
import { userIdOf } from './common.js';

export interface MeetingInput {
  title: string;
  heldAt: string;
  place?: string | null;
  agenda: string[];
  minutes?: string | null;
  decisions?: string[];
  attendees?: string[];
}

export async function saveMeeting(ctx: AppContext, actor: Actor, committeeId: number, meetingId: number | null, input: MeetingInput): Promise<number> {
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const c = await loadCommittee(tx, tenantId, committeeId);
    authorize(actor, 'community.manage', c.subject);
    const values = { title: input.title, heldAt: new Date(input.heldAt), place: input.place ?? null, agenda: input.agenda, minutes: input.minutes ?? null, decisions: input.decisions ?? [], attendees: input.attendees ?? [], updatedAt: ctx.clock.now() };
    let id = meetingId;
    if (id === null) {
      const [m] = await tx.insert(committeeMeetings).values({ tenantId, committeeId, createdBy: userIdOf(actor), ...values }).returning({ id: committeeMeetings.id });
      id = m!.id;
    } else {
      const [m] = await tx.update(committeeMeetings).set(values).where(and(eq(committeeMeetings.tenantId, tenantId), eq(committeeMeetings.committeeId, committeeId), eq(committeeMeetings.id, id))).returning({ id: committeeMeetings.id });
      if (!m) throw missing('thing.meeting', id);
    }
    await audit(tx, { tenantId, actor, action: meetingId === null ? 'community.meeting.create' : 'community.meeting.update', subjectType: 'committee', subjectId: committeeId, detail: { meetingId: id, title: input.title, heldAt: input.heldAt, decisions: input.decisions?.length ?? 0 } });
    await emit(tx, [{ tenantId, type: 'community.meeting.saved', subjectType: 'committee', subjectId: String(committeeId), scope: { departments: [committeeId] }, payload: { id: committeeId, meetingId: id } }]);
    return id;
  });
}
