// An agent notices a street problem through a request or a building visit (a tilted
// shop sign, a blocked lane). The module records it and announces
// enterprise.street_problem.reported in the same transaction, with everything a case
// needs; the flow in src/flows/ turns the announcement into a case and links it back
// (linkStreetProblemCase).
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Tx } from '../../../core/db/index.js';
import type { UserActor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem } from '../../../core/http/problem.js';
import { GRID_REGISTRY, buildings, type GridRegistry } from '../../places/index.js';
import { enterprises, entStreetProblems } from '../schema.js';

export interface StreetProblemInput {
  categoryHint?: string | null;
  description: string;
  lng?: number | null;
  lat?: number | null;
  address?: string | null;
}

export interface StreetProblemSource {
  requestId?: number | null;
  requestCode?: string | null;
  visitId?: number | null;
  findingId?: number | null;
  enterpriseId?: number | null;
  buildingId?: number | null;
}

/** Payload of enterprise.street_problem.reported: what the case engine needs to open a case. */
export interface StreetProblemReported {
  problemId: number;
  source: 'enterprise.request' | 'enterprise.visit';
  requestId: number | null;
  requestCode: string | null;
  visitId: number | null;
  findingId: number | null;
  categoryHint: string | null;
  description: string;
  location: { lng: number; lat: number };
  address: string | null;
  gridId: number | null;
  gridCode: string | null;
  unitGridCode: string | null;
  building: { id: number; name: string } | null;
  enterprise: { id: number; name: string } | null;
  reporter: { userId: number; name: string };
  reportedAt: string;
}

export async function reportStreetProblemIn(ctx: AppContext, tx: Tx, actor: UserActor, source: StreetProblemSource, input: StreetProblemInput, fieldPrefix = ''): Promise<{ id: number }> {
  authorize(actor, 'enterprise.street_problems.report');
  const tenantId = actor.tenantId;
  const [building] = source.buildingId ? await tx.select().from(buildings).where(and(eq(buildings.tenantId, tenantId), eq(buildings.id, source.buildingId))) : [];
  const [ent] = source.enterpriseId ? await tx.select({ id: enterprises.id, name: enterprises.name }).from(enterprises).where(and(eq(enterprises.tenantId, tenantId), eq(enterprises.id, source.enterpriseId))) : [];
  // without a point the problem is at the building the request or visit is about
  const lng = input.lng ?? building?.lng;
  const lat = input.lat ?? building?.lat;
  if (lng == null || lat == null) throw fieldProblem(`${fieldPrefix}lng`, 'ent.street_problem.location_required', {}, 'body', 422);
  const located = (ctx.services.get(GRID_REGISTRY) as GridRegistry).locate(tenantId, lng, lat);
  if (!located.insideTenant) throw fieldProblem(`${fieldPrefix}lng`, 'ent.street_problem.outside', { lng, lat }, 'body', 422);
  const now = ctx.clock.now();
  const address = input.address?.trim() || building?.address || null;
  const [row] = await tx
    .insert(entStreetProblems)
    .values({ tenantId, requestId: source.requestId ?? null, findingId: source.findingId ?? null, enterpriseId: ent?.id ?? null, buildingId: building?.id ?? null, categoryHint: input.categoryHint ?? null, description: input.description, lng, lat, address, gridId: located.grid?.id ?? null, reportedBy: actor.id, reportedAt: now })
    .returning({ id: entStreetProblems.id });
  const payload: StreetProblemReported = {
    problemId: row!.id,
    source: source.visitId ? 'enterprise.visit' : 'enterprise.request',
    requestId: source.requestId ?? null,
    requestCode: source.requestCode ?? null,
    visitId: source.visitId ?? null,
    findingId: source.findingId ?? null,
    categoryHint: input.categoryHint ?? null,
    description: input.description,
    location: { lng, lat },
    address,
    gridId: located.grid?.id ?? null,
    gridCode: located.grid?.code ?? null,
    unitGridCode: located.unitGrid?.code ?? null,
    building: building ? { id: building.id, name: building.name } : null,
    enterprise: ent ?? null,
    reporter: { userId: actor.id, name: actor.displayName },
    reportedAt: now.toISOString(),
  };
  await audit(tx, { tenantId, actor, action: 'enterprise.street_problem.report', subjectType: 'ent_street_problem', subjectId: row!.id, detail: payload });
  await emit(tx, [
    {
      tenantId,
      type: 'enterprise.street_problem.reported',
      subjectType: 'ent_street_problem',
      subjectId: String(row!.id),
      scope: { grids: located.grid ? [located.grid.id] : [], roles: ['agent', 'agent_chief', 'acceptor', 'shift_leader'] },
      payload: payload as unknown as Record<string, unknown>,
    },
  ]);
  return { id: row!.id };
}
