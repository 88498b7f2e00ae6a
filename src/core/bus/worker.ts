// Durable reactions to domain events, handled exactly once across nodes (at least once
// if a node dies mid-way, so handlers must tolerate a repeat). Two steps, both sweeps:
//  1. enqueue: for each tenant, read the events after the worker's cursor (row-locked,
//     SKIP LOCKED: one node at a time) and turn the matching ones into jobs;
//  2. run: claim pending jobs with a lease, oldest first, never a job whose group (e.g.
//     one sensing scene) still has an earlier job pending, so a scene's "fired" is always
//     handled before its "updated"; record success, or the error and a back-off.
// Handlers run outside these transactions (they open their own), which is why the claim
// is a lease and not a held row lock: PGlite has a single connection.
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { tenants } from '../db/schema.js';
import { eventCursors, eventJobs, events } from './schema.js';
import type { DomainEvent, EventScope } from './index.js';

export interface EventWorkerSpec {
  /** unique; also the sweep names `<name>.enqueue` and `<name>.run` */
  name: string;
  types: string[];
  /** jobs with the same key run one at a time, in event order (default: one group) */
  groupKey?: (e: DomainEvent) => string;
  handle: (e: DomainEvent) => Promise<void>;
  leaseMs?: number;
  maxAttempts?: number;
  everyMs?: number;
}

const BATCH = 200;

export async function startEventWorker(ctx: AppContext, spec: EventWorkerSpec): Promise<{ enqueue: string; run: string }> {
  const leaseMs = spec.leaseMs ?? 60_000;
  const maxAttempts = spec.maxAttempts ?? 8;
  const names = { enqueue: `${spec.name}.enqueue`, run: `${spec.name}.run` };

  async function enqueue(): Promise<number> {
    let queued = 0;
    const ts = await ctx.db.select({ id: tenants.id }).from(tenants);
    for (const { id: tenantId } of ts) {
      queued += await ctx.db.transaction(async (tx) => {
        // a tenant created after the worker started: everything it did is new
        await tx.execute(sql`insert into event_cursors (worker, tenant_id, cursor) values (${spec.name}, ${tenantId}, 0) on conflict do nothing`);
        const [cur] = await tx
          .select()
          .from(eventCursors)
          .where(and(eq(eventCursors.worker, spec.name), eq(eventCursors.tenantId, tenantId)))
          .for('update', { skipLocked: true });
        if (!cur) return 0;
        const evs = await tx
          .select()
          .from(events)
          .where(and(eq(events.tenantId, tenantId), gt(events.id, cur.cursor), inArray(events.type, spec.types)))
          .orderBy(events.id)
          .limit(BATCH);
        if (evs.length === 0) {
          // skip past events of other types so the next scan starts late
          await tx.execute(sql`update event_cursors set cursor = greatest(cursor, coalesce((select max(id) from events where tenant_id = ${tenantId}), 0)) where worker = ${spec.name} and tenant_id = ${tenantId}`);
          return 0;
        }
        await tx
          .insert(eventJobs)
          .values(evs.map((e) => ({ worker: spec.name, tenantId, eventId: e.id, groupKey: spec.groupKey?.(toDomain(e)) ?? '' })))
          .onConflictDoNothing();
        await tx.update(eventCursors).set({ cursor: evs[evs.length - 1]!.id }).where(and(eq(eventCursors.worker, spec.name), eq(eventCursors.tenantId, tenantId)));
        return evs.length;
      });
    }
    return queued;
  }

  async function run(): Promise<number> {
    let handled = 0;
    for (;;) {
      const now = ctx.clock.now();
      const claimed = await ctx.database.query<{ id: number; event_id: number; attempts: number }>(
        `update event_jobs set leased_until = $2, attempts = attempts + 1
          where id in (
            select j.id from event_jobs j
             where j.worker = $1 and j.done_at is null and j.attempts < $4
               and (j.leased_until is null or j.leased_until < $3)
               and not exists (select 1 from event_jobs p where p.worker = j.worker and p.group_key = j.group_key and p.id < j.id and p.done_at is null)
             order by j.id limit 20 for update skip locked)
          returning id, event_id, attempts`,
        [spec.name, new Date(now.getTime() + leaseMs).toISOString(), now.toISOString(), maxAttempts],
      );
      if (claimed.length === 0) return handled;
      claimed.sort((a, b) => Number(a.id) - Number(b.id));
      const evs = await ctx.db.select().from(events).where(inArray(events.id, claimed.map((c) => Number(c.event_id))));
      const byId = new Map(evs.map((e) => [e.id, toDomain(e)]));
      for (const job of claimed) {
        const e = byId.get(Number(job.event_id));
        try {
          if (e) await spec.handle(e);
          await ctx.db.update(eventJobs).set({ doneAt: ctx.clock.now(), lastError: null }).where(eq(eventJobs.id, Number(job.id)));
          handled++;
        } catch (err) {
          const backoff = Math.min(3600_000, 5_000 * 2 ** (Number(job.attempts) - 1));
          // after the last attempt the job is parked (done, with its error) so its group moves on
          const dead = Number(job.attempts) >= maxAttempts;
          await ctx.db
            .update(eventJobs)
            .set({ lastError: String((err as Error).message ?? err).slice(0, 500), leasedUntil: new Date(ctx.clock.now().getTime() + backoff), doneAt: dead ? ctx.clock.now() : null })
            .where(eq(eventJobs.id, Number(job.id)));
          ctx.log.error({ err, worker: spec.name, event: job.event_id }, 'event worker: handler failed');
        }
      }
    }
  }

  // a new worker starts at the present for the tenants that exist: it reacts to what
  // happens from now on, not to the history (demo seeding, years of events)
  await ctx.database.query(
    `insert into event_cursors (worker, tenant_id, cursor)
     select $1, t.id, coalesce((select max(e.id) from events e where e.tenant_id = t.id), 0) from tenants t
     on conflict do nothing`,
    [spec.name],
  );
  ctx.sweeper.every(names.enqueue, spec.everyMs ?? 5_000, async () => {
    const n = await enqueue();
    if (n) ctx.sweeper.nudge(names.run);
    return n;
  });
  ctx.sweeper.every(names.run, spec.everyMs ?? 5_000, run);
  // handled jobs are kept a week (to see what was done and what failed), then dropped
  ctx.sweeper.every(`${spec.name}.prune`, 3600_000, async () => {
    const gone = await ctx.database.query<{ id: number }>(`delete from event_jobs where worker = $1 and done_at < $2 returning id`, [spec.name, new Date(ctx.clock.now().getTime() - 7 * 86_400_000).toISOString()]);
    return gone.length;
  });
  for (const t of spec.types) ctx.bus.on(t, () => ctx.sweeper.nudge(names.enqueue));
  return names;
}

function toDomain(r: typeof events.$inferSelect): DomainEvent {
  return { id: r.id, tenantId: r.tenantId, type: r.type, subjectType: r.subjectType, subjectId: r.subjectId, scope: r.scope as EventScope, payload: r.payload as Record<string, unknown>, createdAt: r.createdAt.toISOString() };
}
