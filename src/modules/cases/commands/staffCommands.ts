// Staff report where they are; shift leaders and admins plan shifts.
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor, Actor } from '../../../core/auth/index.js';
import { users } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem, notFound } from '../../../core/http/problem.js';
import { staffPositions, staffShifts } from '../schema.js';
import { SHIFTS_CHANGED } from '../services/staff.js';
import { engineOf } from '../services/engine.js';
import { HHMM, SHIFT_DAYS } from '../domain/shifts.js';

/** A position report. Not audited row by row (it is telemetry, hundreds per hour per
 * person); the last position per person is kept. */
export async function reportPosition(ctx: AppContext, actor: UserActor, p: { lng: number; lat: number; accuracyM?: number; at?: Date }): Promise<{ at: Date; insideTenant: boolean }> {
  const eng = engineOf(ctx);
  const loc = eng.grids.locate(actor.tenantId, p.lng, p.lat);
  const now = ctx.clock.now();
  const at = p.at && p.at <= now && now.getTime() - p.at.getTime() < 3600_000 ? p.at : now;
  await ctx.db
    .insert(staffPositions)
    .values({ userId: actor.id, tenantId: actor.tenantId, lng: p.lng, lat: p.lat, accuracyM: p.accuracyM ?? null, at })
    .onConflictDoUpdate({ target: staffPositions.userId, set: { lng: p.lng, lat: p.lat, accuracyM: p.accuracyM ?? null, at, seq: sql`nextval('staff_position_seq')` } });
  eng.staff.positionsChanged(actor.tenantId);
  return { at, insideTenant: loc.insideTenant };
}

export interface ShiftInput {
  userId: number;
  days: string;
  start: string;
  end: string;
  validFrom?: string | null;
  validTo?: string | null;
  note?: string | null;
}

export async function addShift(ctx: AppContext, actor: Actor, input: ShiftInput) {
  if (!SHIFT_DAYS.test(input.days)) throw fieldProblem('days', 'case.shift_days');
  if (!HHMM.test(input.start)) throw fieldProblem('start', 'case.shift_time');
  if (!HHMM.test(input.end)) throw fieldProblem('end', 'case.shift_time');
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) throw fieldProblem('validTo', 'case.shift_range');
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const [u] = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, input.userId)));
    if (!u) throw fieldProblem('userId', 'case.unknown_user', { id: input.userId });
    const [row] = await tx.insert(staffShifts).values({ tenantId, ...input, validFrom: input.validFrom ?? null, validTo: input.validTo ?? null, note: input.note ?? null }).returning();
    await audit(tx, { tenantId, actor, action: 'staff.shift.create', subjectType: 'staff_shift', subjectId: row!.id, detail: row });
    await emit(tx, [{ tenantId, type: SHIFTS_CHANGED, subjectType: 'staff_shift', subjectId: String(row!.id), payload: {} }]);
    return row!;
  });
}

export async function removeShift(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  const tenantId = actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(staffShifts).where(and(eq(staffShifts.tenantId, tenantId), eq(staffShifts.id, id))).returning();
    if (!row) throw notFound('thing.staff_shift', id);
    await audit(tx, { tenantId, actor, action: 'staff.shift.delete', subjectType: 'staff_shift', subjectId: id, detail: row });
    await emit(tx, [{ tenantId, type: SHIFTS_CHANGED, subjectType: 'staff_shift', subjectId: String(id), payload: {} }]);
  });
}

