// Small helpers shared by the people module's commands and routes.
import type { AppContext } from '../../core/context.js';
import { CALENDAR_SERVICE, type CalendarService, type WorkingCalendar } from '../../core/calendar/index.js';
import type { EventScope } from '../../core/bus/index.js';

/** Events about a register entry reach its committee and care staff only. */
export const careScope = (s: { areaId: number; committeeId: number }): EventScope => ({ departments: [s.committeeId], areas: [s.areaId], roles: ['care_staff'] });

export function isUniqueViolation(e: unknown): boolean {
  for (let x: unknown = e; x && typeof x === 'object'; x = (x as { cause?: unknown }).cause) {
    if ((x as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

export function calendarOf(ctx: AppContext, tenantId: string): Promise<WorkingCalendar> {
  return (ctx.services.get(CALENDAR_SERVICE) as CalendarService).forTenant(tenantId);
}

export const DAY_MS = 86_400_000;

/** Rows of a raw `execute` (both drivers answer with { rows }). */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** Event scope naming users, skipping registrations without a login. */
export const toUsers = (...ids: (number | null | undefined)[]): EventScope => ({ users: ids.filter((i): i is number => typeof i === 'number' && i > 0) });
