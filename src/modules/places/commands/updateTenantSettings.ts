// Per-subdistrict settings that differ between the subdistricts of one deployment: the
// names, the map's centre, the map tiles (a district may host its own tile server) and
// office hours. Stored in tenants.settings (JSON) next to the names; one transaction with
// its audit row and event, so every node refreshes what it cached (ADR 1002).
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import { authorize, type Actor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { tenants } from '../../../core/db/schema.js';
import { notFound } from '../../../core/http/problem.js';

export interface TenantSettingsInput {
  name?: string;
  nameEn?: string;
  center?: [number, number];
  /** an XYZ template; null: back to the deployment's TILE_URL */
  tileUrl?: string | null;
  tileCrs?: 'wgs84' | 'gcj02' | null;
  /** [[start, end], …] per working day, e.g. [["08:30","11:30"],["13:30","17:30"]] */
  officeHours?: [string, string][] | null;
}

export interface TenantSettings {
  center?: [number, number];
  tileUrl?: string;
  tileCrs?: 'wgs84' | 'gcj02';
  officeHours?: [string, string][];
  [k: string]: unknown;
}

export async function updateTenantSettings(ctx: AppContext, actor: Actor, input: TenantSettingsInput): Promise<{ name: string; nameEn: string; settings: TenantSettings }> {
  authorize(actor, 'places.tenant.manage');
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const [t] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for('update');
    if (!t) throw notFound('thing.tenant', tenantId);
    const before = t.settings as TenantSettings;
    const settings: TenantSettings = { ...before };
    for (const k of ['center', 'tileUrl', 'tileCrs', 'officeHours'] as const) {
      const v = input[k];
      if (v === null) delete settings[k];
      else if (v !== undefined) (settings as Record<string, unknown>)[k] = v;
    }
    const name = input.name ?? t.name;
    const nameEn = input.nameEn ?? t.nameEn;
    await tx.update(tenants).set({ name, nameEn, settings }).where(eq(tenants.id, tenantId));
    const changed = Object.keys(input).filter((k) => k !== 'name' && k !== 'nameEn');
    await audit(tx, { tenantId, actor, action: 'places.tenant.settings', subjectType: 'tenant', subjectId: tenantId, detail: { changed: Object.keys(input), before: { name: t.name, nameEn: t.nameEn, ...before } } });
    const events = [{ tenantId, type: 'places.tenant.changed', subjectType: 'tenant', subjectId: tenantId, scope: { roles: ['admin'] }, payload: { changed: Object.keys(input) } }];
    // the working calendar reads office hours: every node forgets its cached copy
    if (changed.includes('officeHours')) events.push({ tenantId, type: 'calendar.changed', subjectType: 'tenant', subjectId: tenantId, scope: {}, payload: { changed: ['officeHours'] } } as never);
    await emit(tx, events);
    return { name, nameEn, settings };
  });
}
