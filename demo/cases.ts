// Demo data of the case engine: the seeded classification and grading rules, routing
// overrides, two device maintainers for the operations centre, shifts and on-duty
// positions of the field staff, and ~60 days of case history (demo/caseHistory.ts).
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../src/core/db/index.js';
import { users, userScopes } from '../src/core/auth/index.js';
import { grids } from '../src/modules/places/index.js';
import { seedCaseTables } from '../src/modules/cases/index.js';
import { caseRoutes, staffPositions, staffShifts } from '../src/modules/cases/schema.js';
import type { DemoExtension } from './extensions.js';
import { Rng, DEMO_SEED } from './random.js';
import { loadCaseHistory } from './caseHistory.js';

const r6 = (v: number) => Math.round(v * 1e6) / 1e6;

export const casesDemo: DemoExtension = {
  name: 'cases',
  async load(tx: Tx, data, ids) {
    const tenantId = ids.tenantId;
    const rng = new Rng(DEMO_SEED).fork('cases-staff');
    const categoryIds = await seedCaseTables(tx, tenantId, ids.departmentId);
    const g = (code: string) => ids.gridId.get(code)!;
    const d = (code: string) => ids.departmentId.get(code)!;
    await tx.insert(caseRoutes).values([
      { tenantId, categoryCode: '09005', gridId: g('SM2-G05'), departmentId: d('SJ'), note: '凤阳路餐饮集中：店外经营由市场监管所牵头处置' },
      { tenantId, categoryCode: '09009', gridId: g('SM2-G01'), departmentId: d('CG'), note: '南京西路商圈机动车乱停放由城管中队协同处置' },
      { tenantId, categoryCode: '07', gridId: g('SM2-G08'), departmentId: d('LH'), note: '慈溪路沿线广告类问题由市容所统一处置' },
    ]);

    // two device maintainers, so sensing faults have someone to go to
    const passwordHash = (await tx.select({ h: users.passwordHash }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.username, 'handler'))))[0]!.h;
    const ops = await tx
      .insert(users)
      .values([1, 2].map((n) => ({ tenantId, username: `ops${String(n).padStart(2, '0')}`, displayName: `设备运维员${n}号`, passwordHash, roles: ['handler'], departmentId: d('OPS'), phone: `1390001${String(n).padStart(4, '0')}` })))
      .returning({ id: users.id, username: users.username });
    await tx.insert(userScopes).values(ops.map((o) => ({ tenantId, userId: o.id, kind: 'department', refId: d('OPS') })));
    for (const o of ops) ids.userId.set(o.username, o.id);

    // shifts: departments split into a day and a night team, so someone is on duty 24/7;
    // inspectors walk their grids by day; committee and care staff keep office hours
    const field = data.accounts.filter((a) => a.roles.includes('handler')).map((a) => a.username).concat(ops.map((o) => o.username));
    const shifts: (typeof staffShifts.$inferInsert)[] = [];
    const byDept = new Map<string, string[]>();
    for (const u of field) {
      const dept = data.accounts.find((a) => a.username === u)?.department ?? 'OPS';
      byDept.set(dept, [...(byDept.get(dept) ?? []), u]);
    }
    for (const members of byDept.values())
      members.forEach((u, i) => {
        const night = members.length > 1 && i === members.length - 1;
        shifts.push({ tenantId, userId: ids.userId.get(u)!, days: 'daily', start: night ? '19:00' : '07:00', end: night ? '07:00' : '19:00', note: night ? '夜班' : '白班' });
      });
    for (const a of data.accounts.filter((x) => x.roles.includes('inspector'))) shifts.push({ tenantId, userId: ids.userId.get(a.username)!, days: 'daily', start: '07:00', end: '20:00', note: '网格巡查' });
    shifts.push({ tenantId, userId: ids.userId.get('committee')!, days: 'daily', start: '08:00', end: '20:00', note: '居委会值守' });
    shifts.push({ tenantId, userId: ids.userId.get('care')!, days: 'workdays', start: '08:30', end: '17:30', note: '养老顾问' });
    for (const desk of ['acceptor', 'dispatcher', 'leader']) shifts.push({ tenantId, userId: ids.userId.get(desk)!, days: 'daily', start: '08:00', end: '08:00', note: '城运中心 24 小时值守' });
    await tx.insert(staffShifts).values(shifts);

    // positions: inspectors in their grids, handlers spread over the subdistrict
    const gridRows = await tx.select({ code: grids.code, minLng: grids.minLng, minLat: grids.minLat, maxLng: grids.maxLng, maxLat: grids.maxLat }).from(grids).where(and(eq(grids.tenantId, tenantId), eq(grids.kind, 'responsibility')));
    const box = new Map(gridRows.map((r) => [r.code, r]));
    const inBox = (b: { minLng: number; minLat: number; maxLng: number; maxLat: number }) => [r6(b.minLng + (0.25 + rng.next() * 0.5) * (b.maxLng - b.minLng)), r6(b.minLat + (0.25 + rng.next() * 0.5) * (b.maxLat - b.minLat))] as const;
    const now = new Date();
    const positions: (typeof staffPositions.$inferInsert)[] = [];
    for (const a of data.accounts.filter((x) => x.roles.includes('inspector'))) {
      const [lng, lat] = inBox(box.get(a.grids![0]!)!);
      positions.push({ tenantId, userId: ids.userId.get(a.username)!, lng, lat, accuracyM: 10, at: now });
    }
    const all = [...box.values()];
    for (const u of [...field, 'committee', 'care']) {
      const [lng, lat] = inBox(rng.pick(all));
      positions.push({ tenantId, userId: ids.userId.get(u)!, lng, lat, accuracyM: 15, at: now });
    }
    await tx.insert(staffPositions).values(positions);

    await loadCaseHistory(tx, data, ids, categoryIds, now);
  },
};
