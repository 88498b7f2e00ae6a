// The services of the case engine, shared by commands, routes and sweeps.
import type { AppContext } from '../../../core/context.js';
import { CALENDAR_SERVICE, type CalendarService } from '../../../core/calendar/index.js';
import { GRID_REGISTRY, type GridRegistry } from '../../places/index.js';
import type { CaseConfig } from './config.js';
import type { StaffLocator } from './staff.js';
import type { AreaLocator, AreaSet } from './areas.js';
import type { TenantConfig } from './config.js';
import type { DepartmentNames } from './departments.js';
import type { WorkingCalendar } from '../../../core/calendar/index.js';

export interface Engine {
  config: CaseConfig;
  staff: StaffLocator;
  areas: AreaLocator;
  grids: GridRegistry;
  calendars: CalendarService;
  departments: DepartmentNames;
}

export const CASES_ENGINE = 'cases.engine';

/** A tenant's tables, calendar and areas, loaded before a transaction opens: on PGlite (one
 * connection) a query outside the open transaction would wait for it forever. */
export interface Prepared {
  tenantId: string;
  cfg: TenantConfig;
  cal: WorkingCalendar;
  areas: AreaSet;
  departments: Map<number, string>;
}

export async function prepare(eng: Engine, tenantId: string): Promise<Prepared> {
  const [cfg, cal, areas, departments] = await Promise.all([eng.config.get(tenantId), eng.calendars.forTenant(tenantId), eng.areas.forTenant(tenantId), eng.departments.forTenant(tenantId)]);
  await eng.staff.sync(tenantId);
  return { tenantId, cfg, cal, areas, departments };
}

export function engineOf(ctx: AppContext): Engine {
  const e = ctx.services.get(CASES_ENGINE) as Engine | undefined;
  if (!e) throw new Error('the cases module has not started');
  return e;
}

export function calendarsOf(ctx: AppContext): CalendarService {
  return ctx.services.get(CALENDAR_SERVICE) as CalendarService;
}

export function gridsOf(ctx: AppContext): GridRegistry {
  return ctx.services.get(GRID_REGISTRY) as GridRegistry;
}
