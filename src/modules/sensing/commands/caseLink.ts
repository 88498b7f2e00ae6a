// The case side of a scene, as seen from sensing: which case an episode opened or fed,
// and the cool-down that starts when that case is closed (firing is held back meanwhile,
// so a scene cannot reopen a just-closed case by flapping). Called by the alarm → case
// flow in src/flows/.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import { episodes } from '../schema.js';
import { applySceneInputs } from '../ingest/sceneWriter.js';
import { SENSING_SERVICE, type SensingRuntime } from '../service.js';

/** Records the case an episode opened (or added its evidence to). */
export async function linkEpisodeToCase(ctx: AppContext, tenantId: string, episodeId: number, caseId: number): Promise<void> {
  await ctx.db.update(episodes).set({ caseId }).where(and(eq(episodes.tenantId, tenantId), eq(episodes.id, episodeId)));
}

/** The case of a scene (by its dedup key) was closed at `closedAt`: start the cool-down. */
export async function recordCaseClosed(ctx: AppContext, tenantId: string, dedupKey: string, closedAt: Date): Promise<boolean> {
  const m = /^sensing:scene:(\d+):((?:zone|device|unit):\d+)$/.exec(dedupKey);
  if (!m) return false;
  const rt = ctx.services.get(SENSING_SERVICE) as SensingRuntime;
  const def = rt.registry.scene(tenantId, Number(m[1]));
  if (!def) return false;
  await rt.deps.ensureCalendars([tenantId]);
  await ctx.db.transaction((tx) => applySceneInputs(tx, rt.deps, [{ def, subject: m[2]!, input: { kind: 'case_closed', at: closedAt.getTime() } }]));
  return true;
}
