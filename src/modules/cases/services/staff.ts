// Who can take a case now and where they are: the staff of each tenant (department,
// roles), their shifts, and an in-memory spatial index of their last positions. Positions
// are stored in the database; every node catches its index up by sequence number before a
// dispatch decision, so a position reported to any node counts on every node.
import { and, eq, gt } from 'drizzle-orm';
import type { Database, Queryable } from '../../../core/db/index.js';
import type { EventBus } from '../../../core/bus/index.js';
import { users } from '../../../core/auth/index.js';
import type { WorkingCalendar } from '../../../core/calendar/index.js';
import { staffPositions, staffShifts } from '../schema.js';
import { StaffIndex, departmentGroup, INSPECTORS, type Candidate } from '../domain/staffIndex.js';
import { onDuty, type Shift } from '../domain/shifts.js';
import { FIELD_ROLES } from '../domain/lifecycle.js';

export interface StaffMember {
  id: number;
  name: string;
  departmentId: number | null;
  roles: string[];
  active: boolean;
}

interface TenantStaff {
  index: StaffIndex;
  lastSeq: number;
  members: Map<number, StaffMember>;
  shifts: Shift[];
  duty?: { minute: number; set: Set<number> };
  stale: { members: boolean; shifts: boolean };
  syncedAt: number;
}

export const SHIFTS_CHANGED = 'cases.shifts.changed';
/** A position older than this does not count for "nearest". */
export const POSITION_FRESH_MS = 8 * 3600_000;
const POSITIONS_REFRESH_MS = 1000;

const isFieldStaff = (m: StaffMember) => FIELD_ROLES.some((r) => m.roles.includes(r));

export class StaffLocator {
  private readonly tenants = new Map<string, TenantStaff>();

  constructor(private readonly database: Database) {}

  attach(bus: EventBus): void {
    bus.on('auth.user.changed', (e) => this.markStale(e.tenantId, 'members'));
    bus.on(SHIFTS_CHANGED, (e) => this.markStale(e.tenantId, 'shifts'));
  }

  /** Drop this node's copy of a tenant's shifts (also done on every node through the bus). */
  forgetShifts(tenantId: string): void {
    this.markStale(tenantId, 'shifts');
  }

  /** A position was just stored on this node: read it before the next decision. */
  positionsChanged(tenantId: string): void {
    const t = this.tenants.get(tenantId);
    if (t) t.syncedAt = 0;
  }

  forgetMembers(tenantId: string): void {
    this.markStale(tenantId, 'members');
  }

  private markStale(tenantId: string, what: 'members' | 'shifts'): void {
    const t = this.tenants.get(tenantId);
    if (t) {
      t.stale[what] = true;
      t.duty = undefined;
    }
  }

  /** Bring the tenant's members, shifts and positions up to date (positions at most once
   * per POSITIONS_REFRESH_MS: a dispatch right after another reuses what it read). */
  async sync(tenantId: string, q: Queryable = this.database.db, now = Date.now()): Promise<TenantStaff> {
    let t = this.tenants.get(tenantId);
    if (!t) {
      t = { index: new StaffIndex(), lastSeq: 0, members: new Map(), shifts: [], stale: { members: true, shifts: true }, syncedAt: 0 };
      this.tenants.set(tenantId, t);
    }
    if (t.stale.members) {
      t.stale.members = false;
      const rows = await q.select({ id: users.id, name: users.displayName, departmentId: users.departmentId, roles: users.roles, active: users.active }).from(users).where(eq(users.tenantId, tenantId));
      t.members = new Map(rows.map((r) => [r.id, r]));
      // department or role changes move people between index groups
      for (const p of t.index.all()) this.place(t, p.userId, p.lng, p.lat, p.at);
    }
    if (t.stale.shifts) {
      t.stale.shifts = false;
      const rows = await q.select().from(staffShifts).where(eq(staffShifts.tenantId, tenantId));
      t.shifts = rows.map((r) => ({ userId: r.userId, days: r.days, start: r.start, end: r.end, validFrom: r.validFrom, validTo: r.validTo }));
      t.duty = undefined;
    }
    if (now - t.syncedAt < POSITIONS_REFRESH_MS) return t;
    t.syncedAt = now;
    const rows = await q
      .select()
      .from(staffPositions)
      .where(and(eq(staffPositions.tenantId, tenantId), gt(staffPositions.seq, t.lastSeq)));
    for (const r of rows) {
      this.place(t, r.userId, r.lng, r.lat, r.at.getTime());
      if (r.seq > t.lastSeq) t.lastSeq = r.seq;
    }
    return t;
  }

  private place(t: TenantStaff, userId: number, lng: number, lat: number, at: number): void {
    const m = t.members.get(userId);
    t.index.upsert({ userId, lng, lat, at, departmentId: m && m.active && isFieldStaff(m) ? m.departmentId : null, inspector: !!m?.active && m.roles.includes('inspector') });
  }

  /** Everyone on duty now (by shift, on the tenant's working calendar). Inside a
   * transaction pass it as `q` (PGlite has one connection). */
  async onDuty(tenantId: string, now: Date, cal: WorkingCalendar, q?: Queryable): Promise<Set<number>> {
    const t = await this.sync(tenantId, q);
    const minute = Math.floor(now.getTime() / 60_000);
    if (t.duty?.minute === minute) return t.duty.set;
    const set = onDuty(t.shifts, now, (d) => cal.isWorkday(d));
    for (const id of [...set]) if (!t.members.get(id)?.active) set.delete(id);
    t.duty = { minute, set };
    return set;
  }

  member(tenantId: string, userId: number): StaffMember | undefined {
    return this.tenants.get(tenantId)?.members.get(userId);
  }

  /** Members who can handle a department's cases. */
  departmentMembers(tenantId: string, departmentId: number): StaffMember[] {
    return [...(this.tenants.get(tenantId)?.members.values() ?? [])].filter((m) => m.active && m.departmentId === departmentId && isFieldStaff(m));
  }

  inspectors(tenantId: string): StaffMember[] {
    return [...(this.tenants.get(tenantId)?.members.values() ?? [])].filter((m) => m.active && m.roles.includes('inspector'));
  }

  position(tenantId: string, userId: number) {
    return this.tenants.get(tenantId)?.index.get(userId);
  }

  /** On-duty people of a department (or inspectors), nearest first; people on duty without
   * a recent position follow with a null distance. */
  async candidates(tenantId: string, who: { departmentId: number } | 'inspectors', lng: number, lat: number, now: Date, cal: WorkingCalendar, exclude: readonly number[] = [], q?: Queryable, k = 8): Promise<Candidate[]> {
    const t = await this.sync(tenantId, q);
    const duty = await this.onDuty(tenantId, now, cal, q);
    const skip = new Set(exclude);
    const group = who === 'inspectors' ? INSPECTORS : departmentGroup(who.departmentId);
    // a position "from the future" (clock skew, a replayed report) is not a position now
    const near = t.index.nearest(group, lng, lat, k, now.getTime() - POSITION_FRESH_MS, (id) => duty.has(id) && !skip.has(id), now.getTime() + 5 * 60_000);
    const seen = new Set(near.map((c) => c.userId));
    const pool = who === 'inspectors' ? this.inspectors(tenantId) : this.departmentMembers(tenantId, who.departmentId);
    const rest = pool.filter((m) => duty.has(m.id) && !skip.has(m.id) && !seen.has(m.id)).map((m) => ({ userId: m.id, distanceM: null }));
    return [...near, ...rest];
  }
}
