// The jurisdictions one endpoint serves: every tenant (subdistrict) of the deployment,
// `jurisdiction_id` being the tenant's id (e.g. shimen2). Tenants are added rarely; a
// short cache keeps the lookup off the database.
import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import { tenants } from '../../../core/db/index.js';

export interface Jurisdiction {
  id: string;
  name: string;
  nameEn: string;
}

const TTL_MS = 30_000;
const cache = new WeakMap<AppContext, { at: number; list: Promise<Jurisdiction[]> }>();

export function jurisdictions(ctx: AppContext): Promise<Jurisdiction[]> {
  const hit = cache.get(ctx);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.list;
  const list = ctx.db.select({ id: tenants.id, name: tenants.name, nameEn: tenants.nameEn }).from(tenants).orderBy(asc(tenants.id));
  const entry = { at: Date.now(), list: Promise.resolve(list) };
  entry.list.catch(() => cache.delete(ctx));
  cache.set(ctx, entry);
  return entry.list;
}

export type JurisdictionLookup = { ok: true; jurisdiction: Jurisdiction } | { ok: false; status: 400 | 404; code: string; params?: Record<string, unknown> };

/** The jurisdiction a request names; without one, the only tenant of a one-tenant deployment. */
export async function resolveJurisdiction(ctx: AppContext, id: string | undefined): Promise<JurisdictionLookup> {
  const list = await jurisdictions(ctx);
  if (id !== undefined && !list.some((x) => x.id === id)) {
    // a tenant added since the list was read is found at once (a primary-key lookup)
    const [added] = await ctx.db.select({ id: tenants.id, name: tenants.name, nameEn: tenants.nameEn }).from(tenants).where(eq(tenants.id, id));
    if (added) {
      cache.delete(ctx);
      return { ok: true, jurisdiction: added };
    }
  }
  if (id === undefined) return list.length === 1 ? { ok: true, jurisdiction: list[0]! } : { ok: false, status: 400, code: 'open311.jurisdiction_required' };
  const j = list.find((x) => x.id === id);
  return j ? { ok: true, jurisdiction: j } : { ok: false, status: 404, code: 'open311.jurisdiction_unknown', params: { id } };
}
