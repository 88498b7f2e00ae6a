// Applies scene inputs inside the caller's transaction: locks the states it touches (in
// key order, so concurrent writers never deadlock), runs the pure state machine, stores
// the new states and episodes, and emits sensing.scene.fired / updated / cleared in the
// same transaction. Used by the ingest batches and by the timer sweeps.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../../core/db/index.js';
import { emit, type NewEvent } from '../../../core/bus/index.js';
import { auditMany, type AuditEntry } from '../../../core/audit/index.js';
import { OPERATOR_ROLES, systemActor } from '../../../core/auth/index.js';
import { initialState, step, type SceneEffect, type SceneInput, type SceneState } from '../domain/scene.js';
import type { DayCalendar } from '../domain/schedule.js';
import { dedupKeyOf, type SceneDef } from '../domain/types.js';
import type { SensingRegistry } from './registry.js';
import { queryRows } from './sql.js';

export interface ScenePush {
  def: SceneDef;
  subject: string;
  input: SceneInput;
}

export interface SceneDeps {
  registry: SensingRegistry;
  calendar(tenantId: string): DayCalendar;
}

interface Row {
  scene_id: number;
  subject: string;
  tenant_id: string;
  phase: string;
  episode_id: number | null;
  state: SceneState;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Where a scene's subject is and who answers for it: what a case needs to know. */
export function describeSubject(deps: SceneDeps, def: SceneDef, subject: string) {
  const [type, idText] = subject.split(':');
  const id = Number(idText);
  const r = deps.registry;
  if (type === 'zone') {
    const z = r.zoneById(id);
    const cam = z?.cameraId ? r.deviceById(z.cameraId) : undefined;
    return {
      location: z ? { lng: z.lng, lat: z.lat } : null,
      gridId: z?.gridId ?? cam?.gridId ?? null,
      departmentId: def.departmentId ?? cam?.departmentId ?? null,
      device: cam ? { id: cam.id, code: cam.code, name: cam.name, kind: cam.kind } : null,
      zone: z ? { id: z.id, code: z.code, name: z.name } : null,
      unitId: null as number | null,
      address: cam?.address ?? null,
      name: z?.name ?? subject,
    };
  }
  // a device, or a household watched by its care sensors
  const d = type === 'device' ? r.deviceById(id) : undefined;
  const unitDevice = type === 'unit' ? devicesOfUnit(deps, def.tenantId, id)[0] : undefined;
  const dev = d ?? unitDevice;
  return {
    location: dev && dev.lng !== null && dev.lat !== null ? { lng: dev.lng, lat: dev.lat } : null,
    gridId: dev?.gridId ?? null,
    departmentId: def.departmentId ?? dev?.departmentId ?? null,
    device: dev ? { id: dev.id, code: dev.code, name: dev.name, kind: dev.kind } : null,
    zone: null as { id: number; code: string; name: string } | null,
    unitId: type === 'unit' ? id : (dev?.unitId ?? null),
    address: dev?.address ?? null,
    name: dev ? (type === 'unit' ? (dev.address ?? dev.name) : dev.name) : subject,
  };
}

function devicesOfUnit(deps: SceneDeps, tenantId: string, unitId: number) {
  return deps.registry.devicesOfTenant(tenantId).filter((d) => d.unitId === unitId);
}

export type LockedStates = Map<string, Row>;
const keyOf = (sceneId: number, subject: string) => `${sceneId}\u0000${subject}`;

/** Creates missing states and locks them, in key order (so concurrent writers never
 * deadlock). Called first in a batch so that batches lock in the order they were formed. */
export async function lockSceneStates(tx: Tx, keys: { def: SceneDef; subject: string }[]): Promise<LockedStates> {
  if (keys.length === 0) return new Map();
  const uniq = new Map(keys.map((k) => [keyOf(k.def.id, k.subject), { scene_id: k.def.id, subject: k.subject, tenant_id: k.def.tenantId }]));
  const sorted = [...uniq.values()].sort((a, b) => a.scene_id - b.scene_id || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
  const keyJson = JSON.stringify(sorted);
  await tx.execute(sql`insert into sensing_scene_states (scene_id, subject, tenant_id, state)
    select r.scene_id, r.subject, r.tenant_id, '{}'::jsonb from json_to_recordset(${keyJson}::json) as r(scene_id bigint, subject text, tenant_id text)
    order by r.scene_id, r.subject on conflict do nothing`);
  const locked = await queryRows<Row>(tx, sql`select s.scene_id, s.subject, s.tenant_id, s.phase, s.episode_id, s.state from sensing_scene_states s
      join json_to_recordset(${keyJson}::json) as r(scene_id bigint, subject text) on s.scene_id = r.scene_id and s.subject = r.subject
      order by s.scene_id, s.subject for update of s`);
  return new Map(locked.map((r) => [keyOf(Number(r.scene_id), r.subject), r]));
}

export async function applySceneInputs(tx: Tx, deps: SceneDeps, pushes: ScenePush[], locked?: LockedStates): Promise<number> {
  if (pushes.length === 0) return 0;
  const byKey = new Map<string, { def: SceneDef; subject: string; inputs: SceneInput[] }>();
  for (const p of pushes) {
    const k = keyOf(p.def.id, p.subject);
    let e = byKey.get(k);
    if (!e) byKey.set(k, (e = { def: p.def, subject: p.subject, inputs: [] }));
    e.inputs.push(p.input);
  }
  const keys = [...byKey.values()].sort((a, b) => a.def.id - b.def.id || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
  let rows = locked ?? new Map<string, Row>();
  // states the caller did not lock beforehand are locked now
  const missing = keys.filter((k) => !rows.has(keyOf(k.def.id, k.subject)));
  if (missing.length) rows = new Map([...rows, ...(await lockSceneStates(tx, missing))]);

  const updates: { scene_id: number; subject: string; phase: string; due_at: string | null; episode_id: number | null; state: SceneState }[] = [];
  const events: NewEvent[] = [];
  const audits: AuditEntry[] = [];
  let changed = 0;
  for (const k of keys) {
    const row = rows.get(keyOf(k.def.id, k.subject));
    let state: SceneState = row && row.state && (row.state as Partial<SceneState>).phase ? row.state : initialState();
    let episodeId = row?.episode_id === null || row?.episode_id === undefined ? null : Number(row.episode_id);
    const cal = deps.calendar(k.def.tenantId);
    const where = describeSubject(deps, k.def, k.subject);
    for (const input of k.inputs) {
      const r = step(k.def, state, input, cal);
      state = r.state;
      for (const eff of r.effects) {
        episodeId = await writeEffect(tx, k.def, k.subject, where, eff, episodeId, state, events, audits);
        changed++;
      }
    }
    updates.push({ scene_id: k.def.id, subject: k.subject, phase: state.phase, due_at: iso(state.dueAt), episode_id: episodeId, state });
  }
  await tx.execute(sql`update sensing_scene_states s set phase = r.phase, due_at = r.due_at, episode_id = r.episode_id, state = r.state, updated_at = now()
    from json_to_recordset(${JSON.stringify(updates)}::json) as r(scene_id bigint, subject text, phase text, due_at timestamptz, episode_id bigint, state jsonb)
    where s.scene_id = r.scene_id and s.subject = r.subject`);
  await auditMany(tx, audits);
  await emit(tx, events);
  return changed;
}

async function writeEffect(
  tx: Tx,
  def: SceneDef,
  subject: string,
  where: ReturnType<typeof describeSubject>,
  eff: SceneEffect,
  episodeId: number | null,
  state: SceneState,
  events: NewEvent[],
  audits: AuditEntry[],
): Promise<number | null> {
  const dedupKey = dedupKeyOf(def.id, subject);
  const evidence = JSON.stringify(eff.evidence);
  let id = episodeId;
  let firedAt = state.episode?.firedAt ?? eff.at;
  if (eff.type === 'fired') {
    const r = await queryRows<{ id: number }>(tx, sql`insert into sensing_episodes (tenant_id, scene_id, subject, dedup_key, status, fired_at, evidence, lng, lat, grid_id, department_id, device_id, zone_id)
      values (${def.tenantId}, ${def.id}, ${subject}, ${dedupKey}, 'active', ${iso(eff.at)}, ${evidence}::jsonb, ${where.location?.lng ?? null}, ${where.location?.lat ?? null}, ${where.gridId}, ${where.departmentId}, ${where.device?.id ?? null}, ${where.zone?.id ?? null})
      returning id`);
    id = Number(r[0]!.id);
    firedAt = eff.at;
  } else if (id !== null) {
    const [row] = await queryRows<{ fired_at: string | Date }>(
      tx,
        eff.type === 'updated'
          ? sql`update sensing_episodes set evidence = ${evidence}::jsonb, updates = updates + 1 where id = ${id} returning fired_at`
          : sql`update sensing_episodes set evidence = ${evidence}::jsonb, status = 'cleared', cleared_at = ${iso(eff.at)}, clear_reason = ${eff.reason ?? null} where id = ${id} returning fired_at`,
    );
    if (row) firedAt = new Date(row.fired_at).getTime();
  }
  if (id === null) return null;
  const payload = {
    episodeId: id,
    sceneId: def.id,
    sceneCode: def.code,
    sceneName: def.name,
    sceneKind: def.kind,
    subject,
    subjectName: where.name,
    dedupKey,
    categoryCode: def.categoryCode,
    grade: def.grade,
    autoRegister: def.autoRegister,
    departmentId: where.departmentId,
    gridId: where.gridId,
    location: where.location,
    address: where.address,
    device: where.device,
    zone: where.zone,
    unitId: where.unitId,
    evidence: eff.evidence,
    firedAt: new Date(firedAt).toISOString(),
    at: new Date(eff.at).toISOString(),
    ...(eff.reason ? { reason: eff.reason } : {}),
  };
  events.push({
    tenantId: def.tenantId,
    type: `sensing.scene.${eff.type}`,
    subjectType: 'scene_episode',
    subjectId: String(id),
    scope: { roles: ['admin', ...OPERATOR_ROLES], ...(where.gridId ? { grids: [where.gridId] } : {}), ...(where.departmentId ? { departments: [where.departmentId] } : {}) },
    payload,
  });
  if (eff.type !== 'updated') {
    audits.push({ tenantId: def.tenantId, actor: systemActor(def.tenantId, 'sensing'), action: `sensing.scene.${eff.type}`, subjectType: 'scene_episode', subjectId: id, detail: { scene: def.code, subject, reason: eff.reason ?? null } });
  }
  return eff.type === 'cleared' ? null : id;
}
