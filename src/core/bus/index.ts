// Typed domain events. emit() writes them in the caller's transaction and sends one
// NOTIFY that PostgreSQL delivers only at commit; every node (and the embedded PGlite)
// LISTENs and hands them to local subscribers. A rolled-back change emits nothing.
// Within a tenant, event ids follow commit order (a transaction-scoped advisory lock per
// tenant is held from the insert to the commit), so a reader resuming after id N misses
// nothing: no later commit can bring an id below N (ADR 0007).
import { EventEmitter } from 'node:events';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Queryable } from '../db/index.js';
import { events, eventCursors, eventJobs } from './schema.js';

export { events, eventCursors, eventJobs };

export interface EventScope {
  public?: boolean;
  grids?: number[];
  departments?: number[];
  users?: number[];
  buildings?: number[];
  areas?: number[];
  enterprises?: number[];
  roles?: string[];
}

export interface DomainEvent<P = Record<string, unknown>> {
  id: number;
  tenantId: string;
  type: string;
  subjectType: string;
  subjectId: string;
  scope: EventScope;
  payload: P;
  createdAt: string;
}

export type NewEvent<P = Record<string, unknown>> = Omit<DomainEvent<P>, 'id' | 'createdAt' | 'scope'> & { scope?: EventScope };

export const EVENTS_CHANNEL = 'jiedao_events';
/** First key of the per-tenant advisory lock that orders event ids by commit. */
const EVENTS_LOCK = 7_214_002;
const MAX_NOTIFY = 7000;
const CATCH_UP_OVERLAP = 1000;
const RECENT_IDS = 20_000;

/** The notification of a batch, built from the inserted rows (createdAt as JavaScript's
 * toISOString writes it); over NOTIFY's 8,000-byte limit only the ids are sent and every
 * node reads the events back. */
const NOTIFY_BODY = sql.raw(`case when octet_length(j.body) <= ${MAX_NOTIFY} then j.body else (select jsonb_build_object('ids', jsonb_agg(id order by id))::text from ins) end`);
const EVENT_JSON = sql.raw(`jsonb_build_object('id', id, 'tenantId', tenant_id, 'type', type, 'subjectType', subject_type, 'subjectId', subject_id, 'scope', scope, 'payload', payload, 'createdAt', to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`);

/** `also`: one more data-modifying statement that must run under the tenant's event lock
 * (the case roll-up): it is run as a CTE of the same statement and must select `from lk`
 * so that it runs after the lock is taken (one round trip fewer while the lock is held). */
export async function emit(q: Queryable, list: NewEvent[], also?: SQL): Promise<DomainEvent[]> {
  if (list.length === 0) {
    if (also) await q.execute(sql`with lk as materialized (select 1 as l), also as (${also}) select 1`);
    return [];
  }
  const tenants = [...new Set(list.map((e) => e.tenantId))].sort();
  // several tenants (rare: cross-tenant sweeps) are locked in a fixed order first
  if (tenants.length > 1) for (const tenant of tenants) await q.execute(sql`select pg_advisory_xact_lock(${EVENTS_LOCK}::int, hashtext(${tenant}))`);
  const rows = list.map((e) => ({ tenant_id: e.tenantId, type: e.type, subject_type: e.subjectType, subject_id: String(e.subjectId), scope: e.scope ?? {}, payload: e.payload }));
  // The lock, the insert and the NOTIFY in one statement: the lock is held to the commit,
  // and every round trip to the node while it is held queues every other writer of the
  // tenant (ingest batches, case changes on all nodes). The insert's rows join the lock's
  // row, so no id is drawn before the lock is taken.
  const res = (await q.execute(sql`with lk as materialized (select pg_advisory_xact_lock(${EVENTS_LOCK}::int, hashtext(${tenants[0]!})) as l),
    ins as (insert into events (tenant_id, type, subject_type, subject_id, scope, payload)
      select r.tenant_id, r.type, r.subject_type, r.subject_id, r.scope, r.payload
      from lk, rows from (json_to_recordset(${JSON.stringify(rows)}::json) as (tenant_id text, type text, subject_type text, subject_id text, scope jsonb, payload jsonb)) with ordinality as r(tenant_id, type, subject_type, subject_id, scope, payload, n)
      order by r.n
      returning id, tenant_id, type, subject_type, subject_id, scope, payload, created_at),
    j as (select jsonb_build_object('events', jsonb_agg(${EVENT_JSON} order by id))::text as body from ins),
    n as materialized (select pg_notify(${EVENTS_CHANNEL}, ${NOTIFY_BODY}) as sent from j)${also ? sql`,
    also as (${also})` : sql``}
    select ins.* from ins, n order by ins.id`)) as unknown as { rows: { id: number | string; tenant_id: string; type: string; subject_type: string; subject_id: string; scope: EventScope; payload: Record<string, unknown>; created_at: Date | string }[] };
  return res.rows.map((r) => ({
    id: Number(r.id),
    tenantId: r.tenant_id,
    type: r.type,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    scope: r.scope,
    payload: r.payload,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

type Handler = (e: DomainEvent) => void;

/** Receives committed events from the database and fans them out in this process. */
export class EventBus {
  private readonly emitter = new EventEmitter();
  /** the highest event id handed out, and the ids handed out lately (for catching up) */
  private lastId = 0;
  private readonly recent = new Set<number>();
  private unlisten?: () => Promise<void>;
  /** notifications are handled one after another, so subscribers see commit order even
   * when a large batch must be read back from the table */
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly database: Database) {
    this.emitter.setMaxListeners(0);
  }

  async start(): Promise<void> {
    this.unlisten = await this.database.listen(
      EVENTS_CHANNEL,
      (payload) => {
        this.chain = this.chain.then(() => this.receive(payload)).catch(() => {});
      },
      () => {
        this.chain = this.chain.then(() => this.catchUp()).catch(() => {});
      },
    );
  }

  /** The listening connection was lost (a database restart) and is back: hand out what was
   * committed in between, so caches of this node are invalidated and live screens resume.
   * Reads a little before the last id received (ids of different tenants may commit out of
   * order) and skips what was already handed out. */
  private async catchUp(): Promise<void> {
    const rows = await this.database.query<{ id: number }>(`select id from events where id > $1 order by id limit 20000`, [Math.max(0, this.lastId - CATCH_UP_OVERLAP)]);
    const ids = rows.map((r) => Number(r.id)).filter((id) => !this.recent.has(id));
    for (let i = 0; i < ids.length; i += 500) for (const e of await this.load(ids.slice(i, i + 500))) this.dispatch(e);
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.emitter.removeAllListeners();
  }

  /** Subscribe to one event type, a prefix ending in '.*', or '*' for all. */
  on(pattern: string, handler: Handler): () => void {
    this.emitter.on(pattern, handler);
    return () => this.emitter.off(pattern, handler);
  }

  private async receive(payload: string): Promise<void> {
    let list: DomainEvent[];
    try {
      const body = JSON.parse(payload) as { events?: DomainEvent[]; ids?: number[] };
      if (body.events) list = body.events;
      else if (body.ids?.length) list = await this.load(body.ids);
      else return;
    } catch {
      return;
    }
    for (const e of list) this.dispatch(e);
  }

  private async load(ids: number[]): Promise<DomainEvent[]> {
    const rows = await this.database.query<{ id: number; tenant_id: string; type: string; subject_type: string; subject_id: string; scope: EventScope; payload: Record<string, unknown>; created_at: Date | string }>(
      `select * from events where id = any($1::bigint[]) order by id`,
      [ids],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      tenantId: r.tenant_id,
      type: r.type,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      scope: r.scope,
      payload: r.payload,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  /** Also used directly for events that never touch the database (e.g. device telemetry). */
  dispatch(e: DomainEvent): void {
    if (e.id > 0) {
      if (this.recent.has(e.id)) return;
      this.recent.add(e.id);
      if (this.recent.size > RECENT_IDS) for (const id of this.recent) {
        this.recent.delete(id);
        if (this.recent.size <= RECENT_IDS / 2) break;
      }
      if (e.id > this.lastId) this.lastId = e.id;
    }
    this.emitter.emit(e.type, e);
    const dot = e.type.indexOf('.');
    if (dot > 0) this.emitter.emit(`${e.type.slice(0, dot)}.*`, e);
    this.emitter.emit('*', e);
  }
}
export { startEventWorker, type EventWorkerSpec } from './worker.js';
