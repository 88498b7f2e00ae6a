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
import { TenantCache } from './tenantCache.js';

export interface TenantConfig {
  categories: Category[];
  byId: Map<number, Category>;
  byCode: Map<string, Category>;
  routes: RouteRule[];
  grading: GradingRule[];
}

export const CONFIG_CHANGED = 'cases.config.changed';

export class CaseConfig {
  private readonly cache = new TenantCache((tenantId) => this.load(tenantId));

  constructor(private readonly database: Database) {}

  attach(bus: EventBus): void {
    bus.on(CONFIG_CHANGED, (e) => this.cache.forget(e.tenantId));
  }

  forget(tenantId: string): void {
    this.cache.forget(tenantId);
  }

  get(tenantId: string): Promise<TenantConfig> {
    return this.cache.get(tenantId);
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
