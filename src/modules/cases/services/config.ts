// Each tenant's classification, routing and grading tables, cached in memory and dropped
// on every node when an admin changes them (event cases.config.changed).
import { eq } from 'drizzle-orm';
import type { Database } from '../../../core/db/index.js';
import type { EventBus } from '../../../core/bus/index.js';
import { caseCategories, caseGradingRules, caseRoutes } from '../schema.js';
import { toCategory, type Category } from '../domain/category.js';
import type { RouteRule } from '../domain/routing.js';
import type { GradingConditions, GradingRule } from '../domain/grading.js';
import type { Grade } from '../domain/types.js';

export interface TenantConfig {
  categories: Category[];
  byId: Map<number, Category>;
  byCode: Map<string, Category>;
  routes: RouteRule[];
  grading: GradingRule[];
}

export const CONFIG_CHANGED = 'cases.config.changed';

export class CaseConfig {
  private readonly cache = new Map<string, Promise<TenantConfig>>();

  constructor(private readonly database: Database) {}

  attach(bus: EventBus): void {
    bus.on(CONFIG_CHANGED, (e) => this.cache.delete(e.tenantId));
  }

  forget(tenantId: string): void {
    this.cache.delete(tenantId);
  }

  get(tenantId: string): Promise<TenantConfig> {
    let p = this.cache.get(tenantId);
    if (!p) {
      p = this.load(tenantId);
      this.cache.set(tenantId, p);
      p.catch(() => this.cache.delete(tenantId));
    }
    return p;
  }

  private async load(tenantId: string): Promise<TenantConfig> {
    const db = this.database.db;
    const cats = (await db.select().from(caseCategories).where(eq(caseCategories.tenantId, tenantId))).map(toCategory).sort((a, b) => (a.code < b.code ? -1 : 1));
    const routes = await db.select().from(caseRoutes).where(eq(caseRoutes.tenantId, tenantId));
    const rules = await db.select().from(caseGradingRules).where(eq(caseGradingRules.tenantId, tenantId));
    return {
      categories: cats,
      byId: new Map(cats.map((c) => [c.id, c])),
      byCode: new Map(cats.map((c) => [c.code, c])),
      routes: routes.map((r) => ({ id: r.id, categoryCode: r.categoryCode, gridId: r.gridId, departmentId: r.departmentId })),
      grading: rules
        .sort((a, b) => a.id - b.id)
        .map((r) => ({ id: r.id, name: r.name, categoryCodes: r.categoryCodes, conditions: r.conditions as GradingConditions, raiseTo: r.raiseTo as Grade, active: r.active })),
    };
  }
}
