// Put a resident aged 60+ on the elderly register, with emergency contacts; the
// responsible committee is the residents' committee of their residential area.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { localDate } from '../../../core/calendar/index.js';
import { Problem, fieldProblem, notFound } from '../../../core/http/problem.js';
import { elderly, elderlyContacts, residents } from '../schema.js';
import { ageOn } from '../domain/age.js';
import { committeeOfArea } from '../queries/elderlyRecord.js';
import { calendarOf, careScope, isUniqueViolation } from '../shared.js';
import { replanEntries } from './replan.js';

export interface ContactInput {
  name: string;
  relation: string;
  phone: string;
}

export interface RegisterInput {
  residentId: number;
  livesAlone: boolean;
  careLevel: number;
  notes?: string | null;
  contacts: ContactInput[];
}

export async function registerElderly(ctx: AppContext, actor: Actor, input: RegisterInput): Promise<{ id: number }> {
  const tenantId = actor.tenantId;
  const now = ctx.clock.now();
  const today = localDate(now);
  const [r] = await ctx.db.select().from(residents).where(and(eq(residents.tenantId, tenantId), eq(residents.id, input.residentId)));
  if (!r || r.movedOutAt) throw notFound('thing.resident', input.residentId);
  if (r.areaId === null) throw fieldProblem('residentId', 'people.no_area', {}, 'body', 422);
  const committee = await committeeOfArea(ctx.db, tenantId, r.areaId);
  if (!committee) throw fieldProblem('residentId', 'people.no_committee', {}, 'body', 422);
  const subject = { tenantId, areaId: r.areaId, committeeId: committee.id };
  authorize(actor, 'people.elderly.manage', subject, { type: 'resident', id: r.id });
  const age = ageOn(r.birthDate, today);
  if (age < 60) throw fieldProblem('residentId', 'people.not_elderly', { name: r.name, age }, 'body', 422);
  const cal = await calendarOf(ctx, tenantId);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(elderly)
        .values({ tenantId, residentId: r.id, areaId: r.areaId!, committeeId: committee.id, livesAlone: input.livesAlone, careLevel: input.careLevel, notes: input.notes ?? null, registeredAt: now, registeredBy: actor.kind === 'user' ? actor.id : null })
        .returning({ id: elderly.id });
      const id = row!.id;
      if (input.contacts.length) await tx.insert(elderlyContacts).values(input.contacts.map((c, i) => ({ tenantId, elderlyId: id, ...c, priority: i + 1 })));
      await replanEntries(tx, tenantId, [id], today, cal);
      await audit(tx, { tenantId, actor, action: 'people.elderly.register', subjectType: 'elderly', subjectId: id, detail: { residentId: r.id, livesAlone: input.livesAlone, careLevel: input.careLevel, contacts: input.contacts.length } });
      await emit(tx, [{ tenantId, type: 'people.elderly.registered', subjectType: 'elderly', subjectId: String(id), scope: careScope(subject), payload: { areaId: r.areaId } }]);
      return { id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new Problem(409, 'people.already_registered', { name: r.name });
    throw e;
  }
}
