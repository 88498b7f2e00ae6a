// Typed domain events. emit() writes them in the caller's transaction and sends one
// NOTIFY that PostgreSQL delivers only at commit; every node (and the embedded PGlite)
// LISTENs and hands them to local subscribers. A rolled-back change emits nothing.
// Within a tenant, event ids follow commit order (a transaction-scoped advisory lock per
// tenant is held from the insert to the commit), so a reader resuming after id N misses
// nothing: no later commit can bring an id below N (ADR 0007).
import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
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

export async function emit(q: Queryable, list: NewEvent[]): Promise<DomainEvent[]> {
  if (list.length === 0) return [];
  for (const tenant of [...new Set(list.map((e) => e.tenantId))].sort()) await q.execute(sql`select pg_advisory_xact_lock(${EVENTS_LOCK}::int, hashtext(${tenant}))`);
  const rows = await q
    .insert(events)
    .values(list.map((e) => ({ ...e, subjectId: String(e.subjectId), scope: e.scope ?? {} })))
    .returning();
  const out: DomainEvent[] = rows.map((r) => ({
    id: r.id,
    tenantId: r.tenantId,
    type: r.type,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    scope: r.scope as EventScope,
    payload: r.payload as Record<string, unknown>,
    createdAt: r.createdAt.toISOString(),
  }));
  const full = JSON.stringify({ events: out });
  const body = full.length <= MAX_NOTIFY ? full : JSON.stringify({ ids: out.map((e) => e.id) });
  await q.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${body})`);
  return out;
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
