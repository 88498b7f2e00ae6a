// The district roll-up: for every subdistrict (tenant) of one district, the case
// indicators of a period (from the daily KPI table) and what is open and overdue now.
// The one read in the case engine that spans tenants on purpose: the district is taken
// from the viewer's own tenant, never from the request (ADR 1002).
import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import { tenants } from '../../../core/db/schema.js';
import { engineOf } from '../services/engine.js';
import { kpiRows, type KpiRow } from './kpis.js';

export interface DistrictRow {
  tenantId: string;
  name: string;
  nameEn: string;
  open: number;
  overdue: number;
  kpi: KpiRow;
}

export async function districtOf(ctx: AppContext, tenantId: string): Promise<string | null> {
  const [t] = await ctx.db.select({ district: tenants.district }).from(tenants).where(eq(tenants.id, tenantId));
  return t?.district || null;
}

export async function districtKpis(ctx: AppContext, district: string, from: string, to: string): Promise<DistrictRow[]> {
  const list = await ctx.db.select({ id: tenants.id, name: tenants.name, nameEn: tenants.nameEn }).from(tenants).where(eq(tenants.district, district)).orderBy(asc(tenants.id));
  if (list.length === 0) return [];
  const counts = await ctx.database.query<{ tenant_id: string; open: number; overdue: number }>(
    `select tenant_id, count(*)::int as open, count(*) filter (where step_overdue_at is not null)::int as overdue
       from cases where tenant_id = any($1::text[]) and state not in ('closed', 'cancelled') group by tenant_id`,
    [list.map((t) => t.id)],
  );
  const byTenant = new Map(counts.map((c) => [c.tenant_id, c]));
  const eng = engineOf(ctx);
  const out: DistrictRow[] = [];
  for (const t of list) {
    const { total } = await kpiRows(ctx.db, t.id, 'tenant', from, to, await eng.config.get(t.id));
    const c = byTenant.get(t.id);
    out.push({ tenantId: t.id, name: t.name, nameEn: t.nameEn, open: c?.open ?? 0, overdue: c?.overdue ?? 0, kpi: { ...total, label: t.name } });
  }
  return out;
}
