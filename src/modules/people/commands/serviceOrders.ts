// Service orders of the life circle (meal delivery, home help, bathing, escort): placed
// by care staff or the committee for someone on the register, or by an elderly resident
// for themself; care staff move them through their states.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem, fieldProblem, notFound } from '../../../core/http/problem.js';
import { elderly, residents, serviceOrders, servicePoints } from '../schema.js';
import { allowedNext, canMove, type OrderKind, type OrderStatus } from '../domain/orderStatus.js';
import { careScope } from '../shared.js';

export interface OrderInput {
  elderlyId?: number;
  kind: OrderKind;
  servicePointId?: number | null;
  scheduledFor: string;
  note?: string | null;
}

/** The register entry of the caller, when a resident orders for themself. */
async function ownEntry(ctx: AppContext, actor: Actor) {
  if (actor.kind !== 'user') return undefined;
  const [e] = await ctx.db
    .select({ id: elderly.id })
    .from(elderly)
    .innerJoin(residents, eq(residents.id, elderly.residentId))
    .where(and(eq(elderly.tenantId, actor.tenantId), eq(residents.userId, actor.id), eq(elderly.status, 'active')));
  return e;
}

export async function createServiceOrder(ctx: AppContext, actor: Actor, input: OrderInput): Promise<{ id: number }> {
  const tenantId = actor.tenantId;
  const now = ctx.clock.now();
  const self = input.elderlyId === undefined;
  const elderlyId = self ? (await ownEntry(ctx, actor))?.id : input.elderlyId;
  if (elderlyId === undefined) throw new Problem(409, 'people.not_on_register');
  const scheduledFor = new Date(input.scheduledFor);
  if (scheduledFor.getTime() < now.getTime() - 3600_000) throw fieldProblem('scheduledFor', 'people.order_in_past', {}, 'body', 422);
  return ctx.db.transaction(async (tx) => {
    const [e] = await tx.select().from(elderly).where(and(eq(elderly.tenantId, tenantId), eq(elderly.id, elderlyId)));
    if (!e) throw notFound('thing.elderly', elderlyId);
    authorize(actor, 'people.orders.create', { ...e, self }, { type: 'elderly', id: elderlyId });
    if (e.status !== 'active') throw new Problem(409, 'people.entry_closed', { status: e.status });
    if (input.servicePointId) {
      const [p] = await tx.select({ services: servicePoints.services }).from(servicePoints).where(and(eq(servicePoints.tenantId, tenantId), eq(servicePoints.id, input.servicePointId)));
      if (!p) throw fieldProblem('servicePointId', 'people.unknown_point', { id: input.servicePointId }, 'body', 422);
      if (!p.services.includes(input.kind)) throw fieldProblem('servicePointId', 'people.point_lacks_service', { kind: input.kind }, 'body', 422);
    }
    const [o] = await tx
      .insert(serviceOrders)
      .values({ tenantId, elderlyId, areaId: e.areaId, kind: input.kind, servicePointId: input.servicePointId ?? null, scheduledFor, note: input.note ?? null, requestedBy: actor.kind === 'user' ? actor.id : null, requestedAt: now, updatedAt: now })
      .returning({ id: serviceOrders.id });
    await audit(tx, { tenantId, actor, action: 'people.order.create', subjectType: 'service_order', subjectId: o!.id, detail: { elderlyId, kind: input.kind, self } });
    await emit(tx, [{ tenantId, type: 'people.order.created', subjectType: 'service_order', subjectId: String(o!.id), scope: careScope(e), payload: { elderlyId, kind: input.kind } }]);
    return { id: o!.id };
  });
}

export async function moveServiceOrder(ctx: AppContext, actor: Actor, id: number, to: OrderStatus, reason?: string | null): Promise<{ status: OrderStatus }> {
  const tenantId = actor.tenantId;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [o] = await tx.select().from(serviceOrders).where(and(eq(serviceOrders.tenantId, tenantId), eq(serviceOrders.id, id))).for('update');
    if (!o) throw notFound('thing.order', id);
    const [e] = await tx.select().from(elderly).where(eq(elderly.id, o.elderlyId));
    authorize(actor, 'people.orders.update', e, { type: 'service_order', id });
    const from = o.status as OrderStatus;
    if (!canMove(from, to)) throw new Problem(409, 'people.order_transition', { from: { $t: `order.${from}` }, to: { $t: `order.${to}` } }, undefined, { allowed: allowedNext(from) });
    if (to === 'cancelled' && !reason?.trim()) throw fieldProblem('reason', 'people.reason_required');
    await tx
      .update(serviceOrders)
      .set({ status: to, updatedAt: now, version: o.version + 1, ...(to === 'done' ? { completedAt: now } : {}), ...(to === 'cancelled' ? { cancelReason: reason } : {}) })
      .where(eq(serviceOrders.id, id));
    await audit(tx, { tenantId, actor, action: 'people.order.move', subjectType: 'service_order', subjectId: id, detail: { from, to, reason: reason ?? null } });
    await emit(tx, [{ tenantId, type: 'people.order.moved', subjectType: 'service_order', subjectId: String(id), scope: careScope(e!), payload: { from, to } }]);
    return { status: to };
  });
}
