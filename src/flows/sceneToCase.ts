// Alarm → case: a sensing scene that fires becomes a case in the case engine (source
// 'sensor'); while that case is open, the scene's repeats and clearings are added to it as
// evidence; when the case is closed, sensing holds the scene back for its cool-down so a
// flapping sensor cannot reopen it at once. An inactivity scene on a care sensor of an
// elderly resident living alone becomes an urgent care case for the responsible residents'
// committee, with the emergency contacts on it and an alert on the committee's page.
//
// Both directions run on durable event workers (core/bus/worker.ts): each event is handled
// once across nodes, in order per scene, and retried after a failure or a crash. A retry
// must not add the same alarm twice, hence the episode reference on the evidence.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../core/context.js';
import type { DomainEvent } from '../core/bus/index.js';
import { startEventWorker } from '../core/bus/index.js';
import { systemActor, type Actor } from '../core/auth/index.js';
import { addEvidence, caseEvidence, cases, createCase, findOpenCaseByScene, type EvidenceInput, type Grade } from '../modules/cases/index.js';
import { devices, linkEpisodeToCase, recordCaseClosed, type SceneEventPayload } from '../modules/sensing/index.js';
import { deviceWatch, raiseCareAlert, type DeviceWatch } from '../modules/people/index.js';

export const SCENE_TO_CASE = 'flows.scene-to-case';
export const SCENE_CASE_CLOSED = 'flows.scene-case-closed';
const SCENE_KEY_PREFIX = 'sensing:scene:';

/** sensing grades are 紧急/重要/一般; the case engine's are urgent/major/normal */
const GRADE: Record<SceneEventPayload['grade'], Grade> = { urgent: 'urgent', important: 'major', normal: 'normal' };

const actorOf = (tenantId: string): Actor => systemActor(tenantId, 'flow:scene-to-case');
const episodeRef = (p: SceneEventPayload) => `sensing:episode:${p.episodeId}`;

function evidenceOf(p: SceneEventPayload, ref: string, caption: string): EvidenceInput[] {
  const ev = p.evidence ?? {};
  const at = new Date(p.at);
  const list: EvidenceInput[] = [{ kind: 'alarm', alarmRef: ref, caption, data: { scene: p.sceneCode, subject: p.subjectName, device: p.device?.code ?? null, ...ev }, takenAt: at }];
  const snapshot = typeof ev.snapshot === 'string' && /^https?:\/\//.test(ev.snapshot) ? ev.snapshot : null;
  if (snapshot) list.push({ kind: 'snapshot', url: snapshot, alarmRef: ref, caption: p.subjectName, takenAt: at });
  return list;
}

async function alreadyHas(ctx: AppContext, tenantId: string, caseId: number, ref: string): Promise<boolean> {
  const [r] = await ctx.db
    .select({ id: caseEvidence.id })
    .from(caseEvidence)
    .where(and(eq(caseEvidence.tenantId, tenantId), eq(caseEvidence.caseId, caseId), eq(caseEvidence.alarmRef, ref)))
    .limit(1);
  return !!r;
}

/** The elderly resident a care sensor watches (under an active consent), if any. */
async function watchOf(ctx: AppContext, tenantId: string, p: SceneEventPayload): Promise<DeviceWatch | null> {
  const codes = p.device ? [p.device.code] : [];
  if (p.unitId != null) {
    const rows = await ctx.db.select({ code: devices.code }).from(devices).where(and(eq(devices.tenantId, tenantId), eq(devices.unitId, p.unitId)));
    codes.push(...rows.map((r) => r.code));
  }
  for (const code of new Set(codes)) {
    const w = await deviceWatch(ctx.db, tenantId, code, ctx.clock.now());
    if (w) return w;
  }
  return null;
}

async function sceneFired(ctx: AppContext, tenantId: string, p: SceneEventPayload): Promise<void> {
  const ref = episodeRef(p);
  const open = await findOpenCaseByScene(ctx, tenantId, p.dedupKey);
  if (open && (await alreadyHas(ctx, tenantId, open.id, ref))) {
    // a retry after the case was written but before the job was marked done
    await linkEpisodeToCase(ctx, tenantId, p.episodeId, open.id);
    return;
  }
  const watch = p.sceneKind === 'inactivity' ? await watchOf(ctx, tenantId, p) : null;
  const location = watch ? { lng: watch.elderly.lng, lat: watch.elderly.lat } : p.location;
  if (!location) {
    // without a place there is no grid to dispatch to; the episode stays visible in sensing
    ctx.log.warn({ episode: p.episodeId, scene: p.sceneCode }, 'alarm → case: the scene has no location, no case opened');
    return;
  }
  const actor = actorOf(tenantId);
  const silent = typeof p.evidence?.silentHours === 'number' ? `，已 ${p.evidence.silentHours} 小时无活动` : '';
  const description = watch
    ? `${p.sceneName}：${watch.elderly.buildingName} ${watch.elderly.unitCode} 的独居老人${silent}。请居委会立即上门或联系紧急联系人。`
    : `${p.sceneName}：${p.subjectName}${p.address ? `（${p.address}）` : ''}`;
  const r = await createCase(ctx, actor, {
    source: 'sensor',
    categoryCode: p.categoryCode,
    grade: GRADE[p.grade],
    description,
    location,
    address: watch ? `${watch.elderly.address}` : (p.address ?? undefined),
    sourceRef: ref,
    sceneKey: p.dedupKey,
    trusted: p.autoRegister,
    // a care case goes straight to the resident's committee: nobody at the operations
    // centre has anything to decide, and minutes count; other alarms wait for a dispatcher
    dispatch: !!watch && p.autoRegister,
    reportedAt: new Date(p.firedAt),
    evidence: evidenceOf(p, ref, `${p.sceneName}：触发`),
    attributes: watch
      ? {
          sensing: { scene: p.sceneCode, episodeId: p.episodeId, device: p.device?.code ?? watch.deviceCode },
          // no contacts here: whoever may read the case is not thereby allowed to read a
          // resident's family phone numbers; the handler fetches them from the register,
          // which checks the committee's scope and audits the read (ADR 0800)
          care: { elderlyId: watch.elderly.id, consentId: watch.consentId, committee: watch.committee },
        }
      : { sensing: { scene: p.sceneCode, episodeId: p.episodeId, device: p.device?.code ?? null, zone: p.zone?.code ?? null } },
    // the committee's alert is written with the case, so there is never one without the other
    alsoWrite: watch
      ? async (tx, created) => {
          await raiseCareAlert(tx, actor, { elderlyId: watch.elderly.id, kind: 'inactivity', caseRef: created.number, detail: { caseId: created.id, scene: p.sceneCode, ...p.evidence }, at: new Date(p.firedAt) });
        }
      : undefined,
  });
  await linkEpisodeToCase(ctx, tenantId, p.episodeId, r.case.id);
}

async function sceneUpdated(ctx: AppContext, tenantId: string, p: SceneEventPayload, cleared: boolean): Promise<void> {
  // a clearing caused by the closing of the case itself needs no note on that case
  if (cleared && p.reason === 'case_closed') return;
  const open = await findOpenCaseByScene(ctx, tenantId, p.dedupKey);
  if (!open) return;
  const ref = `${episodeRef(p)}:${cleared ? 'cleared' : 'updated'}:${p.at}`;
  if (await alreadyHas(ctx, tenantId, open.id, ref)) return;
  const caption = cleared ? `${p.sceneName}：已解除` : `${p.sceneName}：持续`;
  await addEvidence(ctx, actorOf(tenantId), open.id, evidenceOf(p, ref, caption), cleared ? '感知场景已解除（案件仍需人工处置结案）' : undefined);
}

async function handleScene(ctx: AppContext, e: DomainEvent): Promise<void> {
  const p = e.payload as unknown as SceneEventPayload;
  if (e.type === 'sensing.scene.fired') return sceneFired(ctx, e.tenantId, p);
  return sceneUpdated(ctx, e.tenantId, p, e.type === 'sensing.scene.cleared');
}

async function handleCaseEnded(ctx: AppContext, e: DomainEvent): Promise<void> {
  const [c] = await ctx.db
    .select({ sceneKey: cases.sceneKey })
    .from(cases)
    .where(and(eq(cases.tenantId, e.tenantId), eq(cases.id, Number(e.subjectId))));
  if (!c?.sceneKey?.startsWith(SCENE_KEY_PREFIX)) return;
  await recordCaseClosed(ctx, e.tenantId, c.sceneKey, new Date(e.createdAt));
}

export async function startSceneToCaseFlow(ctx: AppContext): Promise<void> {
  await startEventWorker(ctx, {
    name: SCENE_TO_CASE,
    types: ['sensing.scene.fired', 'sensing.scene.updated', 'sensing.scene.cleared'],
    // one scene's events in order: its "fired" opens the case its "updated" feeds
    groupKey: (e) => String((e.payload as { dedupKey?: string }).dedupKey ?? e.subjectId),
    handle: (e) => handleScene(ctx, e),
    everyMs: 1_000,
  });
  await startEventWorker(ctx, {
    name: SCENE_CASE_CLOSED,
    types: ['case.closed', 'case.cancelled'],
    handle: (e) => handleCaseEnded(ctx, e),
    everyMs: 5_000,
  });
}
