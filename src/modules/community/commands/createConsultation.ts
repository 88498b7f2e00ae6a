// A committee member drafts a consultation for one building or one residential area.
import { and, eq, inArray, or } from 'drizzle-orm';
import type { Actor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import type { Tx } from '../../../core/db/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem } from '../../../core/http/problem.js';
import { departments } from '../../places/index.js';
import { consultations, costPlans } from '../schema.js';
import type { Matter } from '../domain/matters.js';
import type { HeadRule } from '../domain/heads.js';
import { COMMITTEE_KINDS, loadCommittee, missing, placeOf } from '../scope.js';
import { newPublicCode, userIdOf } from './common.js';

export interface NewConsultation {
  title: string;
  description?: string;
  matter: Matter;
  buildingId?: number;
  areaId?: number;
  committeeId?: number;
  headRule?: HeadRule;
  planId?: number;
}

export async function createConsultation(ctx: AppContext, actor: Actor, input: NewConsultation): Promise<number> {
  return ctx.db.transaction((tx) => createConsultationIn(tx, actor, input));
}

/** Inside the caller's transaction (a plan put to the vote drafts and opens in one). */
export async function createConsultationIn(tx: Tx, actor: Actor, input: NewConsultation): Promise<number> {
  const tenantId = actor.tenantId;
  if (!!input.buildingId === !!input.areaId) throw fieldProblem(input.areaId ? 'areaId' : 'buildingId', 'consultation.scope_needed');
  const place = (await placeOf(tx, tenantId, input, true))!;
  authorize(actor, 'community.manage', place.subject);
  let committeeId = input.committeeId ?? null;
  if (committeeId) await loadCommittee(tx, tenantId, committeeId, 'committeeId');
  else {
    // the committee of that building, else the residents' committee of its area
    const found = await tx
      .select({ id: departments.id, buildingId: departments.buildingId })
      .from(departments)
      .where(and(eq(departments.tenantId, tenantId), inArray(departments.kind, COMMITTEE_KINDS), or(place.buildingId ? eq(departments.buildingId, place.buildingId) : undefined, place.areaId ? eq(departments.areaId, place.areaId) : undefined)));
    committeeId = (found.find((d) => d.buildingId && d.buildingId === place.buildingId) ?? found[0])?.id ?? null;
  }
  if (input.planId) {
    const [p] = await tx.select({ id: costPlans.id, buildingId: costPlans.buildingId }).from(costPlans).where(and(eq(costPlans.tenantId, tenantId), eq(costPlans.id, input.planId)));
    if (!p || p.buildingId !== place.buildingId) throw missing('thing.plan', input.planId, 'planId');
  }
  const [row] = await tx
    .insert(consultations)
    .values({
      tenantId,
      publicCode: newPublicCode(),
      title: input.title,
      description: input.description ?? '',
      matter: input.matter,
      scopeKind: place.buildingId ? 'building' : 'area',
      buildingId: place.buildingId,
      areaId: place.buildingId ? null : place.areaId,
      committeeId,
      headRule: input.headRule ?? 'per_holder',
      planId: input.planId ?? null,
      createdBy: userIdOf(actor),
    })
    .returning({ id: consultations.id });
  const id = row!.id;
  await audit(tx, { tenantId, actor, action: 'community.consultation.create', subjectType: 'consultation', subjectId: id, detail: { title: input.title, matter: input.matter, buildingId: place.buildingId, areaId: place.areaId, headRule: input.headRule ?? 'per_holder' } });
  await emit(tx, [{ tenantId, type: 'community.consultation.created', subjectType: 'consultation', subjectId: String(id), scope: scopeOf(place), payload: { id } }]);
  return id;
}

/** Who hears of a change: the committees of that building and area. */
export const scopeOf = (p: { buildingId?: number | null; areaId?: number | null }) => ({ buildings: p.buildingId ? [p.buildingId] : [], areas: p.areaId ? [p.areaId] : [] });
