// A request reaches the centre: at the window, by phone or during a building visit
// (the member of staff who takes it is its first contact and owner), or online from the
// enterprise itself (it waits in the queue until an agent claims it or the chief assigns
// it). The limit starts running at once; the item's errand becomes the request's steps.
import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Tx } from '../../../core/db/index.js';
import type { Actor } from '../../../core/auth/index.js';
import type { WorkingCalendar } from '../../../core/calendar/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem } from '../../../core/http/problem.js';
import { enterprises, entItems, entOffices, entRequests, entRequestSteps } from '../schema.js';
import { computeLimit } from '../domain/limits.js';
import { requestCode } from '../domain/requestCode.js';
import type { Channel } from '../domain/requestRules.js';
import { actorId, calendarOf, logRequest, requestScope } from './shared.js';
import { isAgent } from '../policies.js';

export interface NewRequest {
  enterpriseId: number;
  itemId: number;
  channel?: Channel;
  description: string;
  contactName?: string | null;
  contactPhone?: string | null;
  visitId?: number | null;
  findingId?: number | null;
}

export async function createRequest(ctx: AppContext, actor: Actor, input: NewRequest): Promise<{ id: number; code: string }> {
  const cal = await calendarOf(ctx, actor.tenantId);
  return ctx.db.transaction((tx) => createRequestIn(ctx, tx, cal, actor, input));
}

/** Inside a caller's transaction (a visit finding turned into a request uses it too).
 * The calendar is loaded before the transaction: on the embedded engine a query outside
 * an open transaction would wait for it. */
export async function createRequestIn(ctx: AppContext, tx: Tx, cal: WorkingCalendar, actor: Actor, input: NewRequest): Promise<{ id: number; code: string }> {
  const tenantId = actor.tenantId;
  authorize(actor, 'enterprise.requests.create', { tenantId, enterpriseId: input.enterpriseId });
  const staff = isAgent(actor);
  const channel: Channel = staff ? (input.channel ?? 'window') : 'online';
  if (staff && channel === 'online') throw fieldProblem('channel', 'ent.request.staff_channel');

  const [ent] = await tx.select().from(enterprises).where(and(eq(enterprises.tenantId, tenantId), eq(enterprises.id, input.enterpriseId)));
  if (!ent || !ent.active) throw fieldProblem('enterpriseId', 'ent.enterprise.unknown', { id: input.enterpriseId }, 'body', 422);
  const [item] = await tx.select().from(entItems).where(and(eq(entItems.tenantId, tenantId), eq(entItems.id, input.itemId)));
  if (!item || !item.active) throw fieldProblem('itemId', 'ent.item.unknown', { id: input.itemId }, 'body', 422);

  const now = ctx.clock.now();
  const { dueAt, warnAt } = computeLimit(cal, now, item.limitDays);
  const me = actorId(actor);
  const [row] = await tx
    .insert(entRequests)
    .values({
      tenantId,
      enterpriseId: ent.id,
      itemId: item.id,
      itemVersion: item.version,
      channel,
      description: input.description,
      contactName: input.contactName ?? null,
      contactPhone: input.contactPhone ?? null,
      materials: item.materials,
      status: staff ? 'accepted' : 'submitted',
      receivedBy: staff ? me : null,
      ownerId: staff ? me : null,
      submittedBy: me,
      createdAt: now,
      receivedAt: staff ? now : null,
      limitDays: item.limitDays,
      dueAt,
      warnAt,
      visitId: input.visitId ?? null,
      findingId: input.findingId ?? null,
    })
    .returning({ id: entRequests.id });
  const id = row!.id;
  const code = requestCode(now, id);

  const officeCodes = [...new Set(item.steps.map((s) => s.office))];
  const offices = officeCodes.length ? await tx.select({ id: entOffices.id, code: entOffices.code }).from(entOffices).where(and(eq(entOffices.tenantId, tenantId), inArray(entOffices.code, officeCodes))) : [];
  const officeId = new Map(offices.map((o) => [o.code, o.id]));
  const steps = item.steps.filter((s) => officeId.has(s.office)).map((s, i) => ({ tenantId, requestId: id, seq: i + 1, officeId: officeId.get(s.office)!, task: s.task }));
  if (steps.length) await tx.insert(entRequestSteps).values(steps);

  await logRequest(tx, { tenantId, id }, now, actor, staff ? 'received' : 'submitted', { channel, item: item.name, dueAt: dueAt.toISOString(), materials: item.materials.length });
  await audit(tx, { tenantId, actor, action: 'enterprise.request.create', subjectType: 'ent_request', subjectId: id, detail: { code, enterpriseId: ent.id, itemId: item.id, itemVersion: item.version, channel } });
  await emit(tx, [
    {
      tenantId,
      type: staff ? 'enterprise.request.received' : 'enterprise.request.submitted',
      subjectType: 'ent_request',
      subjectId: String(id),
      scope: requestScope({ enterpriseId: ent.id, ownerId: staff ? me : null }),
      payload: { code, enterpriseId: ent.id, enterprise: ent.name, itemId: item.id, item: item.name, channel, ownerId: staff ? me : null, dueAt: dueAt.toISOString() },
    },
  ]);
  return { id, code };
}

