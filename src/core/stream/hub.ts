// The live stream (Server-Sent Events) of every node: one subscription to the bus, fanned
// out to the open connections whose viewer may see each event. A connection first
// catches up from the events table after its Last-Event-ID (buffering live events
// meanwhile), then goes live; ids are event ids, in commit order within a tenant.
import type { ServerResponse } from 'node:http';
import { Gauge, type Registry } from 'prom-client';
import type { Database } from '../db/index.js';
import type { DomainEvent, EventBus, EventScope } from '../bus/index.js';
import type { Actor } from '../auth/actor.js';
import { canSee } from './visibility.js';

interface Conn {
  actor: Actor;
  res: ServerResponse;
  wants: (type: string) => boolean;
  lastId: number;
  /** live events that arrived during catch-up */
  pending: DomainEvent[] | null;
}

const PAGE = 1000;
/** A client this far behind is cut off; it reconnects and catches up from the table. */
const MAX_BUFFER = 1024 * 1024;

export class StreamHub {
  /** how often an idle stream gets a comment line, so proxies keep it open */
  static heartbeatMs = 15_000;
  private readonly conns = new Set<Conn>();
  private readonly offs: (() => void)[] = [];
  private timer?: NodeJS.Timeout;
  private readonly gauge: Gauge;

  constructor(
    private readonly database: Database,
    metrics: Registry,
  ) {
    this.gauge = new Gauge({ name: 'stream_connections', help: 'Open live-stream connections on this node', registers: [metrics] });
  }

  attach(bus: EventBus): void {
    this.offs.push(bus.on('*', (e) => this.publish(e)));
    // a revoked session or changed account must not keep streaming
    this.offs.push(bus.on('auth.session.revoked', (e) => this.closeWhere((c) => c.actor.kind === 'user' && c.actor.sessionId === e.subjectId)));
    this.offs.push(bus.on('auth.user.changed', (e) => this.closeWhere((c) => c.actor.kind === 'user' && String(c.actor.id) === e.subjectId)));
    this.timer = setInterval(() => this.heartbeat(), StreamHub.heartbeatMs);
    this.timer.unref();
  }

  get size(): number {
    return this.conns.size;
  }

  async open(actor: Actor, res: ServerResponse, lastId: number, wants: (type: string) => boolean): Promise<void> {
    const conn: Conn = { actor, res, wants, lastId, pending: [] };
    this.conns.add(conn);
    this.gauge.set(this.conns.size);
    res.on('close', () => {
      this.conns.delete(conn);
      this.gauge.set(this.conns.size);
    });
    res.write(`retry: 2000\n: connected\n\n`);
    // catch up page by page, then hand over to the live feed without a gap or a repeat
    for (;;) {
      const rows = await this.database.query<{ id: number | string; tenant_id: string; type: string; subject_type: string; subject_id: string; scope: EventScope; payload: Record<string, unknown>; created_at: Date | string }>(
        `select * from events where tenant_id = $1 and id > $2 order by id limit ${PAGE}`,
        [actor.tenantId, conn.lastId],
      );
      for (const r of rows) this.send(conn, { id: Number(r.id), tenantId: r.tenant_id, type: r.type, subjectType: r.subject_type, subjectId: r.subject_id, scope: r.scope, payload: r.payload, createdAt: new Date(r.created_at).toISOString() });
      if (rows.length < PAGE || res.destroyed) break;
    }
    const pending = conn.pending ?? [];
    conn.pending = null;
    for (const e of pending) this.send(conn, e);
  }

  private publish(e: DomainEvent): void {
    for (const c of this.conns) {
      if (c.actor.tenantId !== e.tenantId) continue;
      if (c.pending) c.pending.push(e);
      else this.send(c, e);
    }
  }

  private send(c: Conn, e: DomainEvent): void {
    if (e.id <= c.lastId) return;
    // the cursor moves past every event of the tenant, seen or not, so a resumed stream
    // does not scan the invisible ones again
    c.lastId = e.id;
    if (!c.wants(e.type) || !canSee(c.actor, e)) return;
    const data = JSON.stringify({ id: e.id, type: e.type, subjectType: e.subjectType, subjectId: e.subjectId, payload: e.payload, createdAt: e.createdAt });
    c.res.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${data}\n\n`);
    if (c.res.writableLength > MAX_BUFFER) c.res.destroy();
  }

  private heartbeat(): void {
    for (const c of this.conns) if (!c.pending) c.res.write(`: ping ${Date.now()}\nid: ${c.lastId}\n\n`);
  }

  private closeWhere(test: (c: Conn) => boolean): void {
    for (const c of [...this.conns]) if (test(c)) c.res.end();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    for (const off of this.offs) off();
    for (const c of [...this.conns]) c.res.end();
    this.conns.clear();
  }
}
