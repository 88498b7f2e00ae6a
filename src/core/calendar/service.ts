// Each tenant's working calendar: packaged official data, that tenant's uploaded years
// and office hours (tenants.settings.officeHours). Cached per tenant; rebuilt on every
// node when an upload or a settings change is announced on the bus.
import { eq } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import type { EventBus } from '../bus/index.js';
import { tenants } from '../db/schema.js';
import { calendarYears } from './schema.js';
import { DEFAULT_OFFICE_HOURS, WorkingCalendar, parseOfficeHours, type Period } from './workingCalendar.js';
import { mergeCalendars, officialCalendar } from './officialData.js';

export const CALENDAR_SERVICE = 'core.calendar';

export class CalendarService {
  private readonly cache = new Map<string, WorkingCalendar>();

  constructor(private readonly database: Database) {}

  attach(bus: EventBus): void {
    bus.on('calendar.changed', (e) => this.cache.delete(e.tenantId));
  }

  /** The calendar of a tenant (loaded once, then cached). */
  async forTenant(tenantId: string): Promise<WorkingCalendar> {
    const hit = this.cache.get(tenantId);
    if (hit) return hit;
    const [t] = await this.database.db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, tenantId));
    const uploads = await this.database.db.select().from(calendarYears).where(eq(calendarYears.tenantId, tenantId));
    let hours: Period[] = DEFAULT_OFFICE_HOURS;
    const spec = (t?.settings as { officeHours?: string[][] } | undefined)?.officeHours;
    if (spec) {
      try {
        hours = parseOfficeHours(spec);
      } catch {
        hours = DEFAULT_OFFICE_HOURS;
      }
    }
    const source = mergeCalendars(
      officialCalendar(),
      uploads.map((u) => ({ holidays: u.holidays as Record<string, string>, workdays: u.workdays as Record<string, string>, years: [u.year] })),
    );
    const cal = new WorkingCalendar(source, hours);
    this.cache.set(tenantId, cal);
    return cal;
  }

  /** Synchronous access for hot paths once a tenant's calendar has been loaded. */
  cached(tenantId: string): WorkingCalendar | undefined {
    return this.cache.get(tenantId);
  }
}
