// Street problems still waiting for their case, claimed atomically: with several nodes
// each problem is taken by one. A claim older than CLAIM_TTL_MS (its node crashed before
// linking the case) may be taken again; the case engine's scene key then finds the case
// already opened, so no second case is made.
import type { AppContext } from '../../../core/context.js';

export const CLAIM_TTL_MS = 2 * 60_000;

export interface StreetProblemClaim {
  id: number;
  tenantId: string;
  categoryHint: string | null;
  description: string;
  lng: number;
  lat: number;
  address: string | null;
  reportedBy: number;
  reportedAt: Date;
  requestId: number | null;
  findingId: number | null;
}

export async function claimStreetProblems(ctx: AppContext, limit = 20): Promise<StreetProblemClaim[]> {
  const now = ctx.clock.now();
  const stale = new Date(now.getTime() - CLAIM_TTL_MS);
  const rows = await ctx.database.query<{ id: number; tenant_id: string; category_hint: string | null; description: string; lng: number; lat: number; address: string | null; reported_by: number; reported_at: Date | string; request_id: number | null; finding_id: number | null }>(
    `update ent_street_problems set case_claimed_at = $1
       where id in (select id from ent_street_problems
                     where case_ref is null and (case_claimed_at is null or case_claimed_at < $2)
                     order by id limit $3 for update skip locked)
     returning id, tenant_id, category_hint, description, lng, lat, address, reported_by, reported_at, request_id, finding_id`,
    [now.toISOString(), stale.toISOString(), limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    tenantId: r.tenant_id,
    categoryHint: r.category_hint,
    description: r.description,
    lng: r.lng,
    lat: r.lat,
    address: r.address,
    reportedBy: Number(r.reported_by),
    reportedAt: new Date(r.reported_at),
    requestId: r.request_id == null ? null : Number(r.request_id),
    findingId: r.finding_id == null ? null : Number(r.finding_id),
  }));
}
