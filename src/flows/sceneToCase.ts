// ─── SEAM: alarm → case ─────────────────────────────────────────────────────────────
// Sensing (issue 4) stops where a scene fires, updates or clears; the case engine
// (issue 3) starts at a case. This file joins them. Until the case engine lands nothing
// is wired: `startSceneToCaseFlow` takes a CaseGateway, and no gateway exists yet.
//
// TODO(cases): implement CaseGateway over the case engine's commands and call
// startSceneToCaseFlow(ctx, gateway) at start-up (after the modules have started):
//   • sceneFired: if a case with this dedupKey is open, add the evidence to it (count,
//     snapshot reference, time); otherwise open one with categoryCode, grade, location
//     (WGS-84), gridId, departmentId, source 'sensor', and skip verification (核实) when
//     autoRegister is true. Return the case id (it is written on the episode).
//   • sceneUpdated: add the evidence to the open case of dedupKey, if any.
//   • sceneCleared: note it on the case's timeline; a cleared scene does not close a case
//     (people do). reason 'case_closed' comes from onCaseClosed below: ignore it.
//   • when a case that came from a scene is closed, call onCaseClosed(tenantId, dedupKey,
//     closedAt): sensing then holds that scene back for its cool-down (cooldownS), so a
//     flapping scene does not reopen a just-closed case.
//   • exactly once: ctx.bus delivers every event on every node. With several nodes make
//     the gateway idempotent by episodeId / dedupKey (e.g. a unique source reference on
//     the case), or consume the events table with a claimed cursor instead of ctx.bus.
// ──────────────────────────────────────────────────────────────────────────────────────
import type { AppContext } from '../core/context.js';
import type { DomainEvent } from '../core/bus/index.js';
import { linkEpisodeToCase, recordCaseClosed, type SceneEventPayload } from '../modules/sensing/index.js';

export interface CaseGateway {
  sceneFired(e: SceneEventPayload, tenantId: string): Promise<{ caseId: number } | null>;
  sceneUpdated(e: SceneEventPayload, tenantId: string): Promise<void>;
  sceneCleared(e: SceneEventPayload, tenantId: string): Promise<void>;
}

/** Subscribes the gateway to sensing's scene events; returns the unsubscribe function and
 * the hook the case engine calls when a scene's case is closed. */
export function startSceneToCaseFlow(ctx: AppContext, gateway: CaseGateway) {
  const run = (what: string, fn: (e: DomainEvent) => Promise<void>) => (e: DomainEvent) =>
    void fn(e).catch((err: unknown) => ctx.log.error({ err, event: e.id, type: e.type }, `alarm → case: ${what} failed`));
  const offs = [
    ctx.bus.on(
      'sensing.scene.fired',
      run('open case', async (e) => {
        const p = e.payload as unknown as SceneEventPayload;
        const r = await gateway.sceneFired(p, e.tenantId);
        if (r) await linkEpisodeToCase(ctx, e.tenantId, p.episodeId, r.caseId);
      }),
    ),
    ctx.bus.on('sensing.scene.updated', run('add evidence', (e) => gateway.sceneUpdated(e.payload as unknown as SceneEventPayload, e.tenantId))),
    ctx.bus.on('sensing.scene.cleared', run('note clearing', (e) => gateway.sceneCleared(e.payload as unknown as SceneEventPayload, e.tenantId))),
  ];
  return {
    stop: () => offs.forEach((off) => off()),
    /** the case engine calls this when a case that came from a scene is closed */
    onCaseClosed: (tenantId: string, dedupKey: string, closedAt: Date) => recordCaseClosed(ctx, tenantId, dedupKey, closedAt),
  };
}
