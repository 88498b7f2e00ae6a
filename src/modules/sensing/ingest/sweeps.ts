// The timers of sensing, as sweeps (docs/DEVELOPING.md, Timers). Each claims what it
// handles with a conditional UPDATE or SELECT … FOR UPDATE SKIP LOCKED, so with several
// nodes every device and scene state is handled once, and writes its events in the same
// transaction.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import { emit, type NewEvent } from '../../../core/bus/index.js';
import { OPERATOR_ROLES } from '../../../core/auth/index.js';
import { initialState, inactivityMs, type SceneState } from '../domain/scene.js';
import { subjectKey, type DeviceOfflineParams, type InactivityParams, type SceneDef } from '../domain/types.js';
import { applySceneInputs, type SceneDeps, type ScenePush } from './sceneWriter.js';
import type { Ingestor } from './pipeline.js';
import type { DeviceRef } from './registry.js';
import { queryRows } from './sql.js';

const OPS_SCOPE = { roles: ['admin', ...OPERATOR_ROLES] };
type Deps = SceneDeps & { ensureCalendars(tenantIds: string[]): Promise<void> };
const kindsMatch = (kinds: string[] | undefined, kind: string) => !kinds || kinds.length === 0 || kinds.includes('*') || kinds.includes(kind);

function offlinePushes(deps: Deps, d: DeviceRef, on: boolean, at: number, evidence: Record<string, unknown>): ScenePush[] {
  return deps.registry
    .scenes(d.tenantId)
    .filter((s) => s.kind === 'device_offline' && kindsMatch((s.params as DeviceOfflineParams).deviceKinds, d.kind))
    .map((def) => ({ def, subject: subjectKey('device', d.id), input: { kind: 'condition' as const, on, evidence, at } }));
}

function deviceEvent(d: DeviceRef, status: 'online' | 'offline', at: Date, extra: Record<string, unknown> = {}): NewEvent {
  return { tenantId: d.tenantId, type: `sensing.device.${status}`, subjectType: 'device', subjectId: String(d.id), scope: { ...OPS_SCOPE, ...(d.gridId ? { grids: [d.gridId] } : {}) }, payload: { deviceId: d.id, code: d.code, name: d.name, kind: d.kind, at: at.toISOString(), location: d.lng !== null && d.lat !== null ? { lng: d.lng, lat: d.lat } : null, gridId: d.gridId, departmentId: d.departmentId, ...extra } };
}

/** Writes out when devices were last heard from; a silent device heard again is online. */
export async function flushLastSeen(ctx: AppContext, deps: Deps, ingestor: Ingestor): Promise<number> {
  if (ingestor.lastSeen.size === 0) return 0;
  const seen = [...ingestor.lastSeen].sort((a, b) => a[0] - b[0]);
  ingestor.lastSeen.clear();
  const json = JSON.stringify(seen.map(([id, t]) => ({ id, seen: new Date(t).toISOString() })));
  try {
    return await ctx.db.transaction(async (tx) => {
      const rows = await queryRows<{ id: number; was: string; now: string; seen: string | Date }>(tx, sql`with r as (select * from json_to_recordset(${json}::json) as r(id bigint, seen timestamptz)),
        prev as (select d.id, d.status from sensing_devices d join r on r.id = d.id order by d.id for update of d)
        update sensing_devices d set last_seen_at = greatest(d.last_seen_at, r.seen),
          status = case when r.seen > coalesce(d.status_changed_at, '-infinity'::timestamptz) then 'online' else d.status end,
          status_changed_at = case when d.status <> 'online' and r.seen > coalesce(d.status_changed_at, '-infinity'::timestamptz) then r.seen else d.status_changed_at end
        from r, prev where d.id = r.id and prev.id = d.id
        returning d.id, prev.status as was, d.status as now, r.seen`);
      const events: NewEvent[] = [];
      const pushes: ScenePush[] = [];
      for (const r of rows) {
        if (r.was === 'online' || r.now !== 'online') continue;
        const d = deps.registry.deviceById(Number(r.id));
        if (!d) continue;
        const at = new Date(r.seen);
        events.push(deviceEvent(d, 'online', at, { was: r.was }));
        if (r.was === 'offline') pushes.push(...offlinePushes(deps, d, false, at.getTime(), { status: 'online' }));
      }
      await deps.ensureCalendars([...new Set(pushes.map((p) => p.def.tenantId))]);
      await applySceneInputs(tx, deps, pushes);
      await emit(tx, events);
      return rows.length;
    });
  } catch (e) {
    // keep what was not written for the next run
    for (const [id, t] of seen) if ((ingestor.lastSeen.get(id) ?? 0) < t) ingestor.lastSeen.set(id, t);
    throw e;
  }
}

/** Devices silent past their limit go offline (claimed by a conditional update). */
export async function sweepOffline(ctx: AppContext, deps: Deps): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await queryRows<{ id: number; last_seen_at: string | Date }>(tx, sql`update sensing_devices set status = 'offline', status_changed_at = ${now.toISOString()}
      where id in (select id from sensing_devices where status = 'online' and enabled and offline_after_s is not null
        and last_seen_at < ${now.toISOString()}::timestamptz - offline_after_s * interval '1 second' order by id limit 500 for update skip locked)
      returning id, last_seen_at`);
    const events: NewEvent[] = [];
    const pushes: ScenePush[] = [];
    for (const r of rows) {
      const d = deps.registry.deviceById(Number(r.id));
      if (!d) continue;
      const lastSeen = new Date(r.last_seen_at).toISOString();
      events.push(deviceEvent(d, 'offline', now, { lastSeenAt: lastSeen, offlineAfterS: d.offlineAfterS }));
      pushes.push(...offlinePushes(deps, d, true, now.getTime(), { status: 'offline', lastSeenAt: lastSeen, offlineAfterS: d.offlineAfterS }));
    }
    await deps.ensureCalendars([...new Set(pushes.map((p) => p.def.tenantId))]);
    await applySceneInputs(tx, deps, pushes);
    await emit(tx, events);
    return rows.length;
  });
}

/** Scene states whose time has come: a pending scene fires, a clearing one clears, a
 * window opens or closes, a cooldown ends. */
export async function sweepSceneTimers(ctx: AppContext, deps: Deps): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const due = await queryRows<{ scene_id: number; subject: string; tenant_id: string }>(tx, sql`select scene_id, subject, tenant_id from sensing_scene_states where due_at <= ${now.toISOString()}::timestamptz
      order by scene_id, subject limit 500 for update skip locked`);
    const pushes: ScenePush[] = [];
    const orphans: { scene_id: number; subject: string }[] = [];
    for (const r of due) {
      const def = deps.registry.scene(r.tenant_id, Number(r.scene_id));
      if (def) pushes.push({ def, subject: r.subject, input: { kind: 'tick', at: now.getTime() } });
      else orphans.push({ scene_id: Number(r.scene_id), subject: r.subject });
    }
    // a disabled or deleted scene keeps its state but no longer ticks
    if (orphans.length) await tx.execute(sql`update sensing_scene_states s set due_at = null from json_to_recordset(${JSON.stringify(orphans)}::json) as r(scene_id bigint, subject text) where s.scene_id = r.scene_id and s.subject = r.subject`);
    await deps.ensureCalendars([...new Set(pushes.map((p) => p.def.tenantId))]);
    await applySceneInputs(tx, deps, pushes);
    return pushes.length;
  });
}

/** Care sensors: a household (or a device without one) with no water use or door opening
 * for the scene's hours fires; activity after that clears it. */
export async function sweepInactivity(ctx: AppContext, deps: Deps): Promise<number> {
  const now = ctx.clock.now().getTime();
  let handled = 0;
  for (const tenantId of deps.registry.tenantIds()) {
    for (const def of deps.registry.scenes(tenantId).filter((s) => s.kind === 'inactivity')) {
      handled += await inactivityOf(ctx, deps, def, now);
    }
  }
  return handled;
}

async function inactivityOf(ctx: AppContext, deps: Deps, def: SceneDef, now: number): Promise<number> {
  const p = def.params as InactivityParams;
  const kinds = p.deviceKinds?.length ? p.deviceKinds : ['water_meter', 'door_sensor'];
  const groups = await queryRows<{ subject: string; last: string | Date }>(ctx.db, sql`select case when unit_id is not null then 'unit:' || unit_id else 'device:' || id end as subject,
      max(coalesce(last_activity_at, created_at)) as last
      from sensing_devices where tenant_id = ${def.tenantId} and enabled and kind in (select json_array_elements_text(${JSON.stringify(kinds)}::json)) group by 1`);
  if (groups.length === 0) return 0;
  const states = await queryRows<{ subject: string; state: SceneState }>(ctx.db, sql`select subject, state from sensing_scene_states where scene_id = ${def.id}`);
  const stateOf = new Map(states.map((s) => [s.subject, s.state?.phase ? s.state : initialState()]));
  const limit = inactivityMs(def);
  const pushes: ScenePush[] = [];
  for (const g of groups) {
    const last = new Date(g.last).getTime();
    const on = now - last >= limit;
    const st = stateOf.get(g.subject) ?? initialState();
    // only changes of the condition go through the machine (and its locks)
    if (on === !!st.condition?.on) continue;
    pushes.push({ def, subject: g.subject, input: { kind: 'condition', on, evidence: { lastActivityAt: new Date(last).toISOString(), hours: p.hours, silentHours: Math.floor((now - last) / 3600_000) }, at: now } });
  }
  if (pushes.length === 0) return 0;
  await deps.ensureCalendars([def.tenantId]);
  await ctx.db.transaction((tx) => applySceneInputs(tx, deps, pushes));
  return pushes.length;
}

/** Signatures older than the replay window are no longer needed to spot a replay. */
export async function pruneNonces(ctx: AppContext): Promise<number> {
  const r = await ctx.db.execute(sql`delete from sensing_http_nonces where expires_at < ${ctx.clock.now().toISOString()}::timestamptz`);
  return (r as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? (r as unknown as { affectedRows?: number }).affectedRows ?? 0;
}
