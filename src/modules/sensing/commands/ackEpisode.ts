// Acknowledge a scene episode (an alarm pop-up on the operations screen): who and when
// are recorded once; a repeat is answered with the first acknowledgement and changes
// nothing (two operators clicking the same pop-up is normal). The event makes every
// other screen drop the pop-up.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import { authorize, OPERATOR_ROLES, type Actor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { notFound } from '../../../core/http/problem.js';
import { episodes } from '../schema.js';

export const EPISODE_ACKED = 'sensing.episode.acked';

export interface AckResult {
  episodeId: number;
  ackedAt: string;
  ackedBy: { id: number | null; name: string };
  /** false when it had been acknowledged before (nothing changed) */
  changed: boolean;
}

const nameOf = (a: Actor) => (a.kind === 'user' ? a.displayName : a.kind === 'apiKey' ? a.name : a.kind);

export async function ackEpisode(ctx: AppContext, actor: Actor, id: number): Promise<AckResult> {
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const [cur] = await tx.select().from(episodes).where(and(eq(episodes.tenantId, tenantId), eq(episodes.id, id))).for('update');
    if (!cur) throw notFound('thing.episode', id);
    authorize(actor, 'sensing.alarms.ack', cur);
    if (cur.ackedAt) return { episodeId: id, ackedAt: cur.ackedAt.toISOString(), ackedBy: { id: cur.ackedBy, name: cur.ackedByName ?? '' }, changed: false };
    const at = ctx.clock.now();
    const by = actor.kind === 'user' ? actor.id : null;
    const name = nameOf(actor);
    await tx.update(episodes).set({ ackedAt: at, ackedBy: by, ackedByName: name }).where(eq(episodes.id, id));
    await audit(tx, { tenantId, actor, action: 'sensing.episode.ack', subjectType: 'episode', subjectId: id, detail: { sceneId: cur.sceneId, subject: cur.subject } });
    await emit(tx, [
      {
        tenantId,
        type: EPISODE_ACKED,
        subjectType: 'episode',
        subjectId: String(id),
        // the same viewers as the scene events of the episode
        scope: { roles: ['admin', ...OPERATOR_ROLES], ...(cur.gridId ? { grids: [cur.gridId] } : {}), ...(cur.departmentId ? { departments: [cur.departmentId] } : {}) },
        payload: { episodeId: id, ackedAt: at.toISOString(), ackedBy: { id: by, name } },
      },
    ]);
    return { episodeId: id, ackedAt: at.toISOString(), ackedBy: { id: by, name }, changed: true };
  });
}
