// Department names per tenant, for timelines, events and screens (they change rarely;
// a minute's staleness is fine).
import { eq } from 'drizzle-orm';
import type { Database } from '../../../core/db/index.js';
import { departments } from '../../places/index.js';

const TTL_MS = 60_000;

export class DepartmentNames {
  private readonly cache = new Map<string, { at: number; names: Promise<Map<number, string>> }>();

  constructor(private readonly database: Database) {}

  forTenant(tenantId: string): Promise<Map<number, string>> {
    const hit = this.cache.get(tenantId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.names;
    const names = this.database.db
      .select({ id: departments.id, name: departments.name })
      .from(departments)
      .where(eq(departments.tenantId, tenantId))
      .then((rows) => new Map(rows.map((r) => [r.id, r.name])));
    this.cache.set(tenantId, { at: Date.now(), names });
    names.catch(() => this.cache.delete(tenantId));
    return names;
  }
}
