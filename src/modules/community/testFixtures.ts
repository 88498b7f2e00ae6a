// Test helpers: a small building with units, owners and resident log-ins, built through
// the same tables the demo uses; a clock the tests move by hand.
import { eq } from 'drizzle-orm';
import type { TestPlatform, Client } from '../../../test/harness.js';
import { buildings, owners, unitOwners, units } from '../places/index.js';

export function manualClock(start = Date.parse('2026-03-02T02:00:00Z')) {
  return {
    t: start,
    now() {
      return new Date(this.t);
    },
    advance(ms: number) {
      this.t += ms;
    },
  };
}

export interface Fixture {
  buildingId: number;
  unit: Map<string, number>;
  owner: Map<string, number>;
  login(owner: string): Promise<Client>;
}

let seq = 0;

/** units: code → [floor, area "m²", owner keys]; owners with a log-in get resident accounts. */
export async function makeBuilding(tp: TestPlatform, spec: { areaId?: number | null; units: Record<string, [number, string, string[]]>; logins?: string[] }): Promise<Fixture> {
  const db = tp.platform.ctx.db;
  const tenantId = tp.platform.ctx.config.tenant;
  const n = ++seq;
  const [b] = await db
    .insert(buildings)
    .values({ tenantId, code: `B-T${n}-${Date.now() % 100000}`, name: `测试楼${n}`, kind: 'residential', areaId: spec.areaId ?? null, address: '测试路1号', lat: 31.234, lng: 121.456, floors: 6 })
    .returning({ id: buildings.id });
  const owner = new Map<string, number>();
  for (const key of new Set(Object.values(spec.units).flatMap(([, , os]) => os))) {
    const [o] = await db.insert(owners).values({ tenantId, name: `业主${key}` }).returning({ id: owners.id });
    owner.set(key, o!.id);
  }
  const unit = new Map<string, number>();
  for (const [code, [floor, area, os]] of Object.entries(spec.units)) {
    const [u] = await db.insert(units).values({ tenantId, buildingId: b!.id, code, floor, area, use: 'residential' }).returning({ id: units.id });
    unit.set(code, u!.id);
    if (os.length) await db.insert(unitOwners).values(os.map((k) => ({ tenantId, unitId: u!.id, ownerId: owner.get(k)!, share: (100 / os.length).toFixed(2) })));
  }
  const admin = await tp.as('admin');
  const users = new Map<string, string>();
  for (const key of spec.logins ?? []) {
    const username = `t${n}_${key}`;
    const res = await admin.post('/api/v1/users', { username, displayName: `业主${key}`, password: 'jiedao2026-test', roles: ['resident'] });
    if (res.statusCode !== 201) throw new Error(res.body);
    await db.update(owners).set({ userId: res.json().id }).where(eq(owners.id, owner.get(key)!));
    users.set(key, username);
  }
  return { buildingId: b!.id, unit, owner, login: (key) => tp.as(users.get(key)!, 'jiedao2026-test') };
}
