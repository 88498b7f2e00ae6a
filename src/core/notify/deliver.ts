// Delivery from the outbox (the events table) to outside channels, as two sweeps:
// enqueue reads each channel's events after its cursor (row-locked, so one node per
// channel) and records a pending delivery per matching event; send claims due deliveries
// with a lease (FOR UPDATE SKIP LOCKED), posts them, and records success, or the error
// and the next attempt with exponential back-off — failed after the last attempt, and
// retried by hand from there. A failing channel never touches the case that caused it.
import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { events, type DomainEvent, type EventScope } from '../bus/index.js';
import { typeMatcher } from '../stream/visibility.js';
import { notifyChannels, notifyDeliveries } from './schema.js';
import { buildRequest, send, type ChannelKind } from './channels.js';

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 60_000;
const BATCH = 20;

/** 10 s, 20 s, 40 s, … at most an hour. */
export const backoffMs = (attempt: number) => Math.min(10_000 * 2 ** Math.max(0, attempt - 1), 3600_000);

export interface ChannelFilter {
  grids?: number[];
  departments?: number[];
}

export function matches(ch: { eventTypes: string[]; filter: unknown }, e: { type: string; scope: EventScope }): boolean {
  const s = e.scope ?? {};
  // events with an empty scope are internal (sessions, caches): never sent outside
  if (!s.public && !s.roles?.length && !s.users?.length && !s.grids?.length && !s.departments?.length && !s.buildings?.length && !s.areas?.length && !s.enterprises?.length) return false;
  if (!typeMatcher(ch.eventTypes.join(','))(e.type)) return false;
  const f = (ch.filter ?? {}) as ChannelFilter;
  if (f.grids?.length && !f.grids.some((g) => s.grids?.includes(g))) return false;
  if (f.departments?.length && !f.departments.some((d) => s.departments?.includes(d))) return false;
  return true;
}

export async function enqueue(ctx: AppContext): Promise<number> {
  const active = await ctx.db.select({ id: notifyChannels.id }).from(notifyChannels).where(eq(notifyChannels.active, true));
  let n = 0;
  for (const { id } of active) {
    n += await ctx.db.transaction(async (tx) => {
      const [ch] = await tx
        .select()
        .from(notifyChannels)
        .where(and(eq(notifyChannels.id, id), eq(notifyChannels.active, true)))
        .for('update', { skipLocked: true });
      if (!ch) return 0;
      const evs = await tx
        .select({ id: events.id, type: events.type, scope: events.scope })
        .from(events)
        .where(and(eq(events.tenantId, ch.tenantId), gt(events.id, ch.cursor)))
        .orderBy(asc(events.id))
        .limit(500);
      if (evs.length === 0) return 0;
      const wanted = evs.filter((e) => matches(ch, { type: e.type, scope: e.scope as EventScope }));
      const now = ctx.clock.now();
      if (wanted.length) await tx.insert(notifyDeliveries).values(wanted.map((e) => ({ tenantId: ch.tenantId, channelId: ch.id, eventId: e.id, eventType: e.type, nextAttemptAt: now }))).onConflictDoNothing();
      await tx.update(notifyChannels).set({ cursor: evs[evs.length - 1]!.id }).where(eq(notifyChannels.id, ch.id));
      return wanted.length;
    });
  }
  return n;
}

export async function sendDue(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const claimed = await ctx.db.transaction(async (tx) => {
    const due = tx
      .select({ id: notifyDeliveries.id })
      .from(notifyDeliveries)
      .where(and(eq(notifyDeliveries.status, 'pending'), lte(notifyDeliveries.nextAttemptAt, now)))
      .orderBy(asc(notifyDeliveries.nextAttemptAt))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    return tx
      .update(notifyDeliveries)
      .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS), attempts: sql`${notifyDeliveries.attempts} + 1` })
      .where(inArray(notifyDeliveries.id, due))
      .returning();
  });
  if (claimed.length === 0) return 0;
  const chans = new Map((await ctx.db.select().from(notifyChannels).where(inArray(notifyChannels.id, [...new Set(claimed.map((d) => d.channelId))]))).map((c) => [c.id, c]));
  const evs = new Map((await ctx.db.select().from(events).where(inArray(events.id, claimed.map((d) => d.eventId)))).map((e) => [e.id, e]));
  await Promise.all(
    claimed.map(async (d) => {
      const ch = chans.get(d.channelId);
      const e = evs.get(d.eventId);
      let result;
      if (!ch || !e) result = { ok: false, status: null, error: 'channel or event gone' };
      else {
        const event: DomainEvent = { id: e.id, tenantId: e.tenantId, type: e.type, subjectType: e.subjectType, subjectId: e.subjectId, scope: e.scope as EventScope, payload: e.payload as Record<string, unknown>, createdAt: e.createdAt.toISOString() };
        const cfg = { kind: ch.kind as ChannelKind, url: ch.url, secret: ch.secret };
        result = await send(cfg, buildRequest(cfg, event, d.id, ctx.clock.now()));
      }
      const at = ctx.clock.now();
      if (result.ok) await ctx.db.update(notifyDeliveries).set({ status: 'sent', sentAt: at, lastStatus: result.status, lastError: null }).where(eq(notifyDeliveries.id, d.id));
      else
        await ctx.db
          .update(notifyDeliveries)
          .set({ status: d.attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', nextAttemptAt: new Date(at.getTime() + backoffMs(d.attempts)), lastStatus: result.status, lastError: result.error })
          .where(eq(notifyDeliveries.id, d.id));
      if (!result.ok) ctx.log.warn({ channel: d.channelId, delivery: d.id, attempt: d.attempts, error: result.error }, 'notification not delivered');
    }),
  );
  return claimed.length;
}
