// What devices sent and what it caused: alarms, scene episodes (fired → cleared) and the
// dead letters (admins), newest first with keyset paging.
import { Type } from '@sinclair/typebox';
import { sql, type SQL } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import { Id, IdParams, Nullable, scopeOf } from './schemas.js';
import { ackEpisode } from '../commands/ackEpisode.js';
import { queryRows } from '../ingest/sql.js';

const Page = { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })), before: Type.Optional(Id) };

function scopeSql(actor: Parameters<typeof scopeOf>[0], gridCol: SQL, deptCol: SQL): SQL {
  const s = scopeOf(actor);
  if (!s) return sql`true`;
  return sql`(${gridCol} = any(${`{${s.grids.join(',')}}`}::bigint[]) or ${deptCol} = any(${`{${s.departments.join(',')}}`}::bigint[]))`;
}

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

export function alarmRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/sensing/alarms',
    {
      config: { policy: 'sensing.alarms.read' },
      schema: {
        tags: ['sensing'],
        summary: 'Alarms and Frigate events/reviews received, newest first',
        querystring: Type.Object({ deviceId: Type.Optional(Id), kind: Type.Optional(Type.Union([Type.Literal('alarm'), Type.Literal('frigate_event'), Type.Literal('frigate_review')])), ...Page }),
        response: {
          200: Type.Array(
            Type.Object({ id: Type.Integer(), deviceId: Type.Integer(), device: Type.String(), deviceName: Type.String(), deviceKind: Type.String(), kind: Type.String(), type: Type.String(), state: Type.String(), source: Type.String(), at: Type.String(), receivedAt: Type.String(), lng: Nullable(Type.Number()), lat: Nullable(Type.Number()), gridId: Nullable(Type.Integer()), data: Type.Unknown() }),
          ),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const { tenantId } = request.actor;
      const rows = await queryRows<Record<string, unknown>>(ctx.db, sql`select a.id, a.device_id, d.code, d.name, d.kind as device_kind, a.kind, a.type, a.state, a.source, a.at, a.received_at, d.lng, d.lat, d.grid_id, a.data
        from sensing_alarms a join sensing_devices d on d.id = a.device_id
        where a.tenant_id = ${tenantId} and ${scopeSql(request.actor, sql`d.grid_id`, sql`d.department_id`)}
          ${q.deviceId ? sql`and a.device_id = ${q.deviceId}` : sql``} ${q.kind ? sql`and a.kind = ${q.kind}` : sql``} ${q.before ? sql`and a.id < ${q.before}` : sql``}
        order by a.id desc limit ${q.limit ?? 100}`);
      return rows.map((r) => ({ id: Number(r.id), deviceId: Number(r.device_id), device: String(r.code), deviceName: String(r.name), deviceKind: String(r.device_kind), kind: String(r.kind), type: String(r.type), state: String(r.state), source: String(r.source), at: iso(r.at)!, receivedAt: iso(r.received_at)!, lng: r.lng as number | null, lat: r.lat as number | null, gridId: r.grid_id === null ? null : Number(r.grid_id), data: r.data }));
    },
  );

  app.get(
    '/sensing/episodes',
    {
      config: { policy: 'sensing.alarms.read' },
      schema: {
        tags: ['sensing'],
        summary: 'Scene episodes (a scene fired until it cleared), newest first',
        querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('cleared')])), sceneId: Type.Optional(Id), acked: Type.Optional(Type.Boolean({ description: 'false: the pop-ups still to acknowledge' })), ...Page }),
        response: {
          200: Type.Array(
            Type.Object({ id: Type.Integer(), sceneId: Type.Integer(), scene: Type.String(), sceneName: Type.String(), categoryCode: Type.String(), grade: Type.String(), subject: Type.String(), subjectName: Nullable(Type.String()), address: Nullable(Type.String()), dedupKey: Type.String(), status: Type.String(), firedAt: Type.String(), clearedAt: Nullable(Type.String()), clearReason: Nullable(Type.String()), evidence: Type.Unknown(), updates: Type.Integer(), lng: Nullable(Type.Number()), lat: Nullable(Type.Number()), gridId: Nullable(Type.Integer()), departmentId: Nullable(Type.Integer()), caseId: Nullable(Type.Integer()), ackedAt: Nullable(Type.String()), ackedBy: Nullable(Type.Object({ id: Nullable(Type.Integer()), name: Type.String() })) }),
          ),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await queryRows<Record<string, unknown>>(ctx.db, sql`select e.*, s.code as scene_code, s.name as scene_name, s.category_code, s.grade, coalesce(z.name, d.name) as subject_name, d.address
        from sensing_episodes e join sensing_scenes s on s.id = e.scene_id
        left join sensing_devices d on d.id = e.device_id left join sensing_zones z on z.id = e.zone_id
        where e.tenant_id = ${request.actor.tenantId} and ${scopeSql(request.actor, sql`e.grid_id`, sql`e.department_id`)}
          ${q.status ? sql`and e.status = ${q.status}` : sql``} ${q.sceneId ? sql`and e.scene_id = ${q.sceneId}` : sql``} ${q.acked === undefined ? sql`` : q.acked ? sql`and e.acked_at is not null` : sql`and e.acked_at is null`} ${q.before ? sql`and e.id < ${q.before}` : sql``}
        order by e.id desc limit ${q.limit ?? 100}`);
      const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
      return rows.map((r) => ({ id: Number(r.id), sceneId: Number(r.scene_id), scene: String(r.scene_code), sceneName: String(r.scene_name), categoryCode: String(r.category_code), grade: String(r.grade), subject: String(r.subject), subjectName: (r.subject_name as string | null) ?? null, address: (r.address as string | null) ?? null, dedupKey: String(r.dedup_key), status: String(r.status), firedAt: iso(r.fired_at)!, clearedAt: iso(r.cleared_at), clearReason: (r.clear_reason as string | null) ?? null, evidence: r.evidence, updates: Number(r.updates), lng: r.lng as number | null, lat: r.lat as number | null, gridId: num(r.grid_id), departmentId: num(r.department_id), caseId: num(r.case_id), ackedAt: iso(r.acked_at), ackedBy: r.acked_at ? { id: num(r.acked_by), name: String(r.acked_by_name ?? '') } : null }));
    },
  );

  app.post(
    '/sensing/episodes/:id/ack',
    {
      config: { policy: 'sensing.alarms.ack' },
      schema: {
        tags: ['sensing'],
        summary: 'Acknowledge an alarm pop-up (a scene episode): who and when are recorded once; repeating it changes nothing',
        description: 'Emits sensing.episode.acked so other screens drop the pop-up. A repeat returns the first acknowledgement with changed=false.',
        params: IdParams,
        response: { 200: Type.Object({ episodeId: Type.Integer(), ackedAt: Type.String(), ackedBy: Type.Object({ id: Nullable(Type.Integer()), name: Type.String() }), changed: Type.Boolean() }) },
      },
    },
    async (request) => ackEpisode(ctx, request.actor, request.params.id),
  );

  app.get(
    '/sensing/dead-letters',
    {
      config: { policy: 'sensing.deadletters.read' },
      schema: {
        tags: ['sensing'],
        summary: 'Messages that could not be ingested, with the reason, newest first',
        querystring: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 40 })), ...Page }),
        response: { 200: Type.Array(Type.Object({ id: Type.Integer(), receivedAt: Type.String(), source: Type.String(), topic: Nullable(Type.String()), deviceCode: Nullable(Type.String()), reason: Type.String(), detail: Nullable(Type.String()), payload: Nullable(Type.String()), payloadBytes: Type.Integer() })) },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await queryRows<Record<string, unknown>>(ctx.db, sql`select * from sensing_dead_letters where tenant_id = ${request.actor.tenantId}
          ${q.reason ? sql`and reason = ${q.reason}` : sql``} ${q.before ? sql`and id < ${q.before}` : sql``} order by id desc limit ${q.limit ?? 100}`);
      return rows.map((r) => ({ id: Number(r.id), receivedAt: iso(r.received_at)!, source: String(r.source), topic: (r.topic as string | null) ?? null, deviceCode: (r.device_code as string | null) ?? null, reason: String(r.reason), detail: (r.detail as string | null) ?? null, payload: (r.payload as string | null) ?? null, payloadBytes: Number(r.payload_bytes) }));
    },
  );
}
