// Notification channels per tenant (admins): WeCom / DingTalk group robots and signed
// webhooks, fed from the events table; deliveries can be listed and retried.
import { Type } from '@sinclair/typebox';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Module, App, AppContext } from '../context.js';
import { definePolicies, hasRole } from '../auth/index.js';
import { audit } from '../audit/index.js';
import { registerMessages } from '../http/i18n.js';
import { fieldProblem, notFound } from '../http/problem.js';
import { events } from '../bus/index.js';
import { notifyChannels, notifyDeliveries } from './schema.js';
import { CHANNEL_KINDS, buildRequest, send, type ChannelKind } from './channels.js';
import { enqueue, sendDue } from './deliver.js';

definePolicies({ 'notify.manage': (a) => hasRole(a, 'admin') });

registerMessages({
  zh: { 'thing.notify_channel': '通知渠道', 'thing.notify_delivery': '通知投递', 'notify.url': '须为 http(s) 地址', 'notify.types': '至少需要一种事件类型' },
  en: { 'thing.notify_channel': 'Notification channel', 'thing.notify_delivery': 'Notification delivery', 'notify.url': 'Must be an http(s) URL', 'notify.types': 'At least one event type is needed' },
});

const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
const KindT = Type.Union(CHANNEL_KINDS.map((k) => Type.Literal(k)));
const FilterT = Type.Object({ grids: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200 })), departments: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200 })) });
const ChannelIn = {
  name: Type.String({ minLength: 1, maxLength: 60 }),
  kind: KindT,
  url: Type.String({ minLength: 8, maxLength: 1000 }),
  secret: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  eventTypes: Type.Array(Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z_*][a-z0-9_.*]*$' }), { minItems: 1, maxItems: 50 }),
  filter: Type.Optional(FilterT),
  active: Type.Optional(Type.Boolean()),
};
const ChannelOut = Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String(), url: Type.String(), hasSecret: Type.Boolean(), eventTypes: Type.Array(Type.String()), filter: FilterT, active: Type.Boolean(), cursor: Type.Integer(), pending: Type.Integer(), failed: Type.Integer() });
const DeliveryOut = Type.Object({ id: Type.Integer(), channelId: Type.Integer(), eventId: Type.Integer(), eventType: Type.String(), status: Type.String(), attempts: Type.Integer(), nextAttemptAt: Type.String(), lastError: Nullable(Type.String()), lastStatus: Nullable(Type.Integer()), sentAt: Nullable(Type.String()), createdAt: Type.String() });

const checkUrl = (url: string) => {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw fieldProblem('url', 'notify.url');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw fieldProblem('url', 'notify.url');
};

type ChannelRow = typeof notifyChannels.$inferSelect;

export const notifyModule: Module = {
  name: 'notify',
  async start(ctx) {
    ctx.sweeper.every('notify.enqueue', 2_000, () => enqueue(ctx));
    ctx.sweeper.every('notify.send', 2_000, () => sendDue(ctx));
  },
  routes(app: App, ctx: AppContext) {
    const present = async (c: ChannelRow) => {
      const counts = await ctx.database.query<{ status: string; n: number }>(`select status, count(*)::int as n from notify_deliveries where channel_id = $1 and status in ('pending', 'failed') group by 1`, [c.id]);
      const n = (s: string) => counts.find((x) => x.status === s)?.n ?? 0;
      return { id: c.id, name: c.name, kind: c.kind, url: c.url, hasSecret: !!c.secret, eventTypes: c.eventTypes, filter: c.filter as object, active: c.active, cursor: c.cursor, pending: n('pending'), failed: n('failed') };
    };
    const load = async (tenantId: string, id: number) => {
      const [c] = await ctx.db.select().from(notifyChannels).where(and(eq(notifyChannels.tenantId, tenantId), eq(notifyChannels.id, id)));
      if (!c) throw notFound('thing.notify_channel', id);
      return c;
    };

    app.get('/notify/channels', { config: { policy: 'notify.manage' }, schema: { tags: ['notify'], summary: 'Notification channels of this subdistrict', response: { 200: Type.Array(ChannelOut) } } }, async (request) => {
      const rows = await ctx.db.select().from(notifyChannels).where(eq(notifyChannels.tenantId, request.actor.tenantId)).orderBy(notifyChannels.id);
      return Promise.all(rows.map(present));
    });

    app.post('/notify/channels', { config: { policy: 'notify.manage' }, schema: { tags: ['notify'], summary: 'Add a channel; it receives events from now on', body: Type.Object(ChannelIn), response: { 201: ChannelOut } } }, async (request, reply) => {
      const b = request.body;
      checkUrl(b.url);
      const tenantId = request.actor.tenantId;
      const row = await ctx.db.transaction(async (tx) => {
        const [max] = await tx.select({ id: events.id }).from(events).where(eq(events.tenantId, tenantId)).orderBy(desc(events.id)).limit(1);
        const [c] = await tx.insert(notifyChannels).values({ tenantId, name: b.name, kind: b.kind, url: b.url, secret: b.secret ?? null, eventTypes: b.eventTypes, filter: b.filter ?? {}, active: b.active ?? true, cursor: max?.id ?? 0 }).returning();
        await audit(tx, { tenantId, actor: request.actor, action: 'notify.channel.create', subjectType: 'notify_channel', subjectId: c!.id, detail: { name: b.name, kind: b.kind, url: b.url, eventTypes: b.eventTypes } });
        return c!;
      });
      return reply.status(201).send(await present(row));
    });

    app.patch(
      '/notify/channels/:id',
      { config: { policy: 'notify.manage' }, schema: { tags: ['notify'], summary: 'Change a channel (a null secret removes it)', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), body: Type.Partial(Type.Object(ChannelIn)), response: { 200: ChannelOut } } },
      async (request) => {
        const before = await load(request.actor.tenantId, request.params.id);
        if (request.body.url) checkUrl(request.body.url);
        const row = await ctx.db.transaction(async (tx) => {
          const [c] = await tx.update(notifyChannels).set({ ...request.body, updatedAt: ctx.clock.now() }).where(eq(notifyChannels.id, before.id)).returning();
          const { secret: _s, ...shown } = request.body;
          await audit(tx, { tenantId: before.tenantId, actor: request.actor, action: 'notify.channel.update', subjectType: 'notify_channel', subjectId: before.id, detail: { ...shown, secretChanged: 'secret' in request.body } });
          return c!;
        });
        return present(row);
      },
    );

    app.delete('/notify/channels/:id', { config: { policy: 'notify.manage' }, schema: { tags: ['notify'], summary: 'Remove a channel and its deliveries', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) } }, async (request, reply) => {
      const c = await load(request.actor.tenantId, request.params.id);
      await ctx.db.transaction(async (tx) => {
        await tx.delete(notifyChannels).where(eq(notifyChannels.id, c.id));
        await audit(tx, { tenantId: c.tenantId, actor: request.actor, action: 'notify.channel.delete', subjectType: 'notify_channel', subjectId: c.id, detail: { name: c.name } });
      });
      return reply.status(204).send();
    });

    app.post(
      '/notify/channels/:id/test',
      { config: { policy: 'notify.manage' }, schema: { tags: ['notify'], summary: 'Send a test message now and report what the channel answered', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), response: { 200: Type.Object({ ok: Type.Boolean(), status: Nullable(Type.Integer()), error: Nullable(Type.String()) }) } } },
      async (request) => {
        const c = await load(request.actor.tenantId, request.params.id);
        const now = ctx.clock.now();
        const cfg = { kind: c.kind as ChannelKind, url: c.url, secret: c.secret };
        return send(cfg, buildRequest(cfg, { id: 0, tenantId: c.tenantId, type: 'notify.test', subjectType: 'notify_channel', subjectId: String(c.id), scope: {}, payload: {}, createdAt: now.toISOString() }, 0, now));
      },
    );

    app.get(
      '/notify/deliveries',
      {
        config: { policy: 'notify.manage' },
        schema: { tags: ['notify'], summary: 'Deliveries, newest first (filter by channel and status)', querystring: Type.Object({ channelId: Type.Optional(Type.Integer({ minimum: 1 })), status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')])), before: Type.Optional(Type.Integer({ minimum: 1 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }), response: { 200: Type.Array(DeliveryOut) } },
      },
      async (request) => {
        const q = request.query;
        const conds: SQL[] = [eq(notifyDeliveries.tenantId, request.actor.tenantId)];
        if (q.channelId) conds.push(eq(notifyDeliveries.channelId, q.channelId));
        if (q.status) conds.push(eq(notifyDeliveries.status, q.status));
        if (q.before) conds.push(lt(notifyDeliveries.id, q.before));
        const rows = await ctx.db.select().from(notifyDeliveries).where(and(...conds)).orderBy(desc(notifyDeliveries.id)).limit(q.limit ?? 100);
        return rows.map((d) => ({ ...d, nextAttemptAt: d.nextAttemptAt.toISOString(), sentAt: d.sentAt?.toISOString() ?? null, createdAt: d.createdAt.toISOString() }));
      },
    );

    app.post('/notify/deliveries/:id/retry', { config: { policy: 'notify.manage' }, schema: { tags: ['notify'], summary: 'Try a failed delivery again (a fresh set of attempts)', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), response: { 200: DeliveryOut } } }, async (request) => {
      const [d] = await ctx.db
        .update(notifyDeliveries)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: ctx.clock.now() })
        .where(and(eq(notifyDeliveries.tenantId, request.actor.tenantId), eq(notifyDeliveries.id, request.params.id)))
        .returning();
      if (!d) throw notFound('thing.notify_delivery', request.params.id);
      await audit(ctx.db, { tenantId: d.tenantId, actor: request.actor, action: 'notify.delivery.retry', subjectType: 'notify_delivery', subjectId: d.id });
      return { ...d, nextAttemptAt: d.nextAttemptAt.toISOString(), sentAt: d.sentAt?.toISOString() ?? null, createdAt: d.createdAt.toISOString() };
    });
  },
};
