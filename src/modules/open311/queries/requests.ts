// GET requests: the standard's filters over the public cases of a jurisdiction. A list of
// service_request_id overrides the rest; otherwise service codes, status and a window of
// requested times of at most 90 days (the last 90 days by default), at most 1,000 answers.
import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import { listPublicCases, publicCategories, type PublicCase } from '../../cases/index.js';
import { open311Requests } from '../schema.js';
import { commaList, instant, type Form, type Issue } from '../domain/params.js';
import { MAX_ITEMS, listWindow } from '../domain/window.js';
import { invalid } from '../commands/submitRequest.js';

export async function findRequests(ctx: AppContext, tenantId: string, form: Form): Promise<PublicCase[]> {
  const issues: Issue[] = [];
  const ids = commaList(form, 'service_request_id');
  if (ids.length > MAX_ITEMS) issues.push({ field: 'service_request_id', code: 'open311.ids_too_many', params: { max: MAX_ITEMS } });
  const start = instant(form, 'start_date', issues);
  const end = instant(form, 'end_date', issues);
  const codes = commaList(form, 'service_code');
  const known = new Set((await publicCategories(ctx, tenantId)).map((c) => c.code));
  for (const c of codes) if (!known.has(c)) issues.push({ field: 'service_code', code: 'open311.service_unknown', params: { code: c } });
  const status = commaList(form, 'status').map((s) => s.toLowerCase());
  for (const s of status) if (s !== 'open' && s !== 'closed') issues.push({ field: 'status', code: 'open311.status_value', params: { value: s } });
  const w = listWindow(ctx.clock.now(), start, end);
  // the id list overrides the other filters, so only their form is checked then
  if (!w.ok && ids.length === 0) issues.push({ field: w.field, code: w.code, params: w.params });
  if (issues.length) throw invalid(issues);
  if (ids.length) return listPublicCases(ctx, tenantId, { numbers: [...new Set(ids)], limit: MAX_ITEMS });
  const win = w as Extract<typeof w, { ok: true }>;
  return listPublicCases(ctx, tenantId, { categoryCodes: codes.length ? codes : undefined, status: status as ('open' | 'closed')[], from: win.from, to: win.to, limit: MAX_ITEMS });
}

/** The address ids clients sent with the requests they posted here. */
export async function addressIds(ctx: AppContext, tenantId: string, caseIds: number[]): Promise<Map<number, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await ctx.db
    .select({ caseId: open311Requests.caseId, addressId: open311Requests.addressId })
    .from(open311Requests)
    .where(and(eq(open311Requests.tenantId, tenantId), inArray(open311Requests.caseId, caseIds)));
  return new Map(rows.filter((r) => r.addressId !== null).map((r) => [r.caseId, r.addressId!]));
}
