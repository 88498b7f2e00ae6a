// About 3,000 demo cases over the last 60 days, deterministic from the seed (relative to
// the day of loading). Street-order cases cluster around the 凤阳路/奉贤路 junction at the
// commuting and meal peaks, so the hotspot map of the operations screen shows it.
import type { Tx } from '../src/core/db/index.js';
import { PolygonIndex, type Polygon } from '../src/core/geo/index.js';
import { WorkingCalendar, officialCalendar, parseOfficeHours } from '../src/core/calendar/index.js';
import { caseCounters, caseEvidence, caseKpiDaily, caseTimeline, cases } from '../src/modules/cases/schema.js';
import { SEED_CATEGORIES, SEED_GRADING_RULES, DEFAULT_LIMITS } from '../src/modules/cases/domain/seed.js';
import { grade as gradeOf } from '../src/modules/cases/domain/grading.js';
import { kpiDelta, shanghaiDay, KPI_FIELDS, type KpiVector } from '../src/modules/cases/domain/kpi.js';
import type { Category } from '../src/modules/cases/domain/category.js';
import type { Source } from '../src/modules/cases/domain/types.js';
import { Rng, DEMO_SEED } from './random.js';
import { boundary, HOTSPOT } from './geography.js';
import type { DemoData } from './generate.js';
import type { DemoIds } from './extensions.js';
import { live, type Person } from './caseLife.js';
import { bulkInsert } from './bulk.js';

export const HISTORY_DAYS = 60;
const CASES_PER_DAY = 50;
const HOUR = 3600_000;

/** [category, weight, peak-hour pattern] */
const MIX: [string, number, 'peak' | 'day' | 'evening' | 'any'][] = [
  ['09010', 26, 'peak'],
  ['06010', 9, 'peak'],
  ['09005', 8, 'peak'],
  ['09006', 6, 'peak'],
  ['06036', 7, 'day'],
  ['07010', 4, 'day'],
  ['09009', 5, 'day'],
  ['09015', 4, 'evening'],
  ['09030', 4, 'day'],
  ['06012', 4, 'day'],
  ['03007', 3, 'day'],
  ['90002', 3, 'evening'],
  ['90001', 2, 'day'],
  ['11001', 2, 'day'],
  ['09012', 2, 'any'],
  ['08003', 2, 'day'],
  ['09040', 1, 'day'],
  ['07006', 2, 'day'],
  ['01010', 1, 'any'],
  ['90010', 1, 'any'],
  ['90011', 1, 'evening'],
  ['90020', 1, 'any'],
  ['90030', 1, 'day'],
];

// relative weight of each local hour
const HOURS: Record<string, number[]> = {
  // commuting 7–9 and 17–19, meals 11–13 and 17–19
  peak: [1, 0.5, 0.3, 0.3, 0.3, 0.6, 2, 8, 10, 5, 3, 8, 10, 6, 3, 3, 4, 9, 10, 7, 4, 3, 2, 1.5],
  day: [0.3, 0.2, 0.1, 0.1, 0.1, 0.3, 1, 3, 5, 6, 6, 5, 4, 5, 6, 6, 5, 4, 3, 2, 1.5, 1, 0.6, 0.4],
  evening: [3, 2, 1, 0.5, 0.3, 0.3, 0.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.5, 2, 4, 6, 7, 6, 5],
  any: Array.from({ length: 24 }, () => 1),
};

const SOURCE_MIX: Record<'peak' | 'other', [Source, number][]> = {
  peak: [['sensor', 45], ['inspector', 25], ['public', 12], ['hotline', 15], ['superior', 3]],
  other: [['sensor', 8], ['inspector', 32], ['public', 22], ['hotline', 33], ['superior', 5]],
};

/** Where recent cases are still waiting (so the screens show open cases at every step). */
const STALLS: [string, number][] = [['request_verify', 2], ['verify', 2], ['register', 2], ['dispatch', 2], ['accept', 1], ['handle', 5], ['check', 2], ['close', 1]];

const SENSOR_ONLY = new Set(['90010', '90011', '90020', '90030']);

export async function loadCaseHistory(tx: Tx, data: DemoData, ids: DemoIds, categoryIds: Map<string, number>, now: Date): Promise<number> {
  const rng = new Rng(DEMO_SEED).fork('case-history');
  const tenantId = ids.tenantId;
  const cal = new WorkingCalendar(officialCalendar(), parseOfficeHours(data.tenant.settings.officeHours as string[][]));
  const dept = (code: string) => ids.departmentId.get(code)!;
  const cats = new Map(
    SEED_CATEGORIES.map((c) => [
      c.code,
      { id: categoryIds.get(c.code)!, code: c.code, kind: c.kind, majorCode: c.majorCode, majorName: c.majorName, name: c.name, nameEn: c.nameEn, description: null, keywords: c.keywords, attributes: c.attributes ?? [], defaultGrade: c.defaultGrade, departmentId: c.department ? dept(c.department) : null, routeTo: c.routeTo ?? 'department', limits: { ...DEFAULT_LIMITS, ...c.limits, handle: c.handle }, photoRequired: c.photoRequired, dupRadiusM: c.dupRadiusM, autoRegister: c.autoRegister ?? false, public: c.public, active: true, version: 1 } satisfies Category,
    ]),
  );
  const rules = SEED_GRADING_RULES.map((r, i) => ({ id: i + 1, active: true, ...r }));

  const resp = new PolygonIndex(data.grids.filter((g) => g.kind === 'responsibility').map((g) => ({ geometry: g.geometry, value: g })));
  const unit = new PolygonIndex(data.grids.filter((g) => g.kind === 'unit').map((g) => ({ geometry: g.geometry, value: g.code })));
  const outline = new PolygonIndex([{ geometry: boundary() as Polygon, value: true }]);
  const areaIdx = new PolygonIndex(data.areas.map((a) => ({ geometry: a.boundary, value: a.code })));
  const xfkl = data.areas.find((a) => a.code === 'XFKL')!;

  const person = (username: string): Person => ({ id: ids.userId.get(username)!, name: data.accounts.find((a) => a.username === username)?.displayName ?? username.replace(/^ops0/, '设备运维员') });
  const membersOf = (code: string): Person[] => [...data.accounts.filter((a) => a.department === code && (a.roles.includes('handler') || a.roles.includes('committee_member'))).map((a) => person(a.username)), ...(code === 'OPS' ? ['ops01', 'ops02'].map(person) : [])];
  const deptName = new Map(data.departments.map((d) => [d.code, d.name]));
  const deptOf = (code: string) => ({ id: dept(code), name: deptName.get(code)!, members: membersOf(code) });
  const codeOfDept = new Map([...ids.departmentId.entries()].map(([k, v]) => [v, k]));
  const desk = { acceptor: person('acceptor'), leader: person('leader'), dispatcher: person('dispatcher') };
  const ALTERNATE: Record<string, string> = { CG: 'LH', LH: 'CG', SJ: 'CG', FG: 'CG', PCS: 'CG', XF: 'CG', OPS: 'CG' };
  const ROUTES: Record<string, string> = { '09005@SM2-G05': 'SJ', '09009@SM2-G01': 'CG' };

  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  const inside = (lng: number, lat: number) => outline.find(lng, lat) === true;
  const near = (c: [number, number], sd: number): [number, number] => {
    for (;;) {
      const u = Math.sqrt(-2 * Math.log(1 - rng.next())) * sd;
      const a = rng.next() * 2 * Math.PI;
      const p: [number, number] = [r6(c[0] + (u * Math.cos(a)) / 95_000), r6(c[1] + (u * Math.sin(a)) / 111_000)];
      if (inside(p[0], p[1])) return p;
    }
  };
  const anywhere = (): [number, number] => {
    for (;;) {
      const p: [number, number] = [r6(121.4505 + rng.next() * 0.0112), r6(31.2308 + rng.next() * 0.0112)];
      if (inside(p[0], p[1])) return p;
    }
  };

  const startDay = Date.parse(`${shanghaiDay(new Date(now.getTime() - HISTORY_DAYS * 24 * HOUR))}T00:00:00+08:00`);
  type Gen = { row: typeof cases.$inferInsert; timeline: ReturnType<typeof live>['timeline']; sensor: boolean };
  const out: Gen[] = [];
  for (let day = 0; day <= HISTORY_DAYS; day++) {
    const weekday = new Date(startDay + day * 24 * HOUR + 8 * HOUR).getUTCDay();
    const n = Math.round(CASES_PER_DAY * (weekday === 0 || weekday === 6 ? 0.8 : 1.05) * (0.85 + rng.next() * 0.3));
    for (let i = 0; i < n; i++) {
      const [code, , pattern] = rng.weighted(MIX.map((m) => [m, m[1]] as const));
      const hour = rng.weighted(HOURS[pattern]!.map((w, h) => [h, w] as const));
      const reportedAt = new Date(startDay + day * 24 * HOUR + hour * HOUR + Math.floor(rng.next() * HOUR));
      if (reportedAt > now) continue;
      const category = cats.get(code)!;
      const peakHour = HOURS.peak![hour]! >= 8;
      const [lng, lat] = code === '90030' ? near([xfkl.lng, xfkl.lat], 60) : pattern === 'peak' && rng.chance(peakHour ? 0.7 : 0.25) ? near(HOTSPOT, 55) : anywhere();
      const grid = resp.find(lng, lat);
      const unitCode = unit.find(lng, lat);
      const source: Source = SENSOR_ONLY.has(code) ? 'sensor' : rng.weighted(SOURCE_MIX[pattern === 'peak' ? 'peak' : 'other']);
      const graded = gradeOf(category.defaultGrade, rules, { categoryCode: code, description: category.name, lng, lat, at: reportedAt, source });
      let deptCode = category.departmentId !== null ? codeOfDept.get(category.departmentId)! : 'JW-XFKL';
      if (grid && ROUTES[`${code}@${grid.code}`]) deptCode = ROUTES[`${code}@${grid.code}`]!;
      if (code === '90030') deptCode = `JW-${areaIdx.find(lng, lat) ?? 'XFKL'}`;
      const inspector = grid?.inspector ? person(grid.inspector) : null;
      const recent = now.getTime() - reportedAt.getTime() < 48 * HOUR;
      const stall = recent && rng.chance(0.5) ? rng.weighted(STALLS) : undefined;
      const life = live(rng, cal, { category, grade: graded.grade, source, reportedAt, now, department: deptOf(deptCode), other: deptOf(ALTERNATE[deptCode] ?? 'CG'), inspector, desk, stall });
      const road = ['凤阳路', '奉贤路', '新闸路', '石门二路', '南京西路', '江宁路', '北京西路'];
      const address = grid?.code === 'SM2-G05' && rng.chance(0.7) ? `${rng.pick(['凤阳路', '奉贤路'])}${rng.int(1, 300)}号附近` : `${rng.pick(road)}${rng.int(1, 800)}号附近（示例）`;
      out.push({
        sensor: source === 'sensor',
        timeline: life.timeline,
        row: {
          tenantId,
          number: '',
          source,
          sourceRef: source === 'hotline' ? `12345-${shanghaiDay(reportedAt).replaceAll('-', '')}-${rng.int(1000, 9999)}` : null,
          categoryId: category.id,
          categoryCode: code,
          categoryName: category.name,
          grade: graded.grade,
          gradeReasons: graded.applied,
          state: life.state,
          description: `${category.name}：${address}`,
          address,
          lng,
          lat,
          gridId: grid ? ids.gridId.get(grid.code)! : null,
          unitGridId: unitCode ? ids.gridId.get(unitCode)! : null,
          areaId: (() => {
            const a = areaIdx.find(lng, lat);
            return a ? ids.areaId.get(a)! : null;
          })(),
          reportedAt,
          createdBy: 'demo:',
          updatedAt: life.timeline[life.timeline.length - 1]!.at,
          ...life.fields,
        } as typeof cases.$inferInsert,
      });
    }
  }
  out.sort((a, b) => a.row.reportedAt.getTime() - b.row.reportedAt.getTime());
  const perDay = new Map<string, number>();
  for (const g of out) {
    const d = shanghaiDay(g.row.reportedAt).replaceAll('-', '');
    const k = (perDay.get(d) ?? 0) + 1;
    perDay.set(d, k);
    g.row.number = `${d}${String(k).padStart(4, '0')}`;
  }

  const inserted = await bulkInsert(tx, cases, out.map((g) => g.row as Record<string, unknown>), ['id', 'number']);
  const idOf = new Map(inserted.map((r) => [String(r.number), Number(r.id)]));
  const caseIds = out.map((g) => idOf.get(g.row.number)!);
  const timeline = out.flatMap((g, i) =>
    g.timeline.map((e) => ({ tenantId, caseId: caseIds[i]!, at: e.at, actorKind: e.actor ? 'user' : 'system', actorId: e.actor ? String(e.actor.id) : 'demo', actorName: e.actor?.name ?? '系统', role: e.role, action: e.action, fromState: e.from, toState: e.to, note: e.note, publicNote: e.publicNote, detail: e.detail })),
  );
  await bulkInsert(tx, caseTimeline, timeline);
  const evidence = out.flatMap((g, i) => (g.sensor ? [{ tenantId, caseId: caseIds[i]!, originalCaseId: caseIds[i]!, kind: 'snapshot', alarmRef: `demo-alarm-${caseIds[i]}`, data: { camera: g.row.gridId ? `cam-${g.row.gridId}` : 'cam', label: 'bicycle', count: 10 + (caseIds[i]! % 25) }, takenAt: g.row.reportedAt, lng: g.row.lng, lat: g.row.lat, addedBy: 'system:demo:系统' }] : []));
  await bulkInsert(tx, caseEvidence, evidence);

  // the KPI roll-up, as the engine would have kept it
  const roll = new Map<string, { dim: string; key: string; day: string; v: KpiVector }>();
  for (const g of out) {
    const r = g.row;
    for (const d of kpiDelta(null, { state: r.state, registeredAt: (r.registeredAt as Date) ?? null, dispatchedAt: (r.dispatchedAt as Date) ?? null, handledAt: (r.handledAt as Date) ?? null, handledOnTime: (r.handledOnTime as boolean) ?? null, closeType: (r.closeType as never) ?? null, returns: r.returns ?? 0, reworks: r.reworks ?? 0, gridId: r.gridId ?? null, departmentId: (r.departmentId as number) ?? null, categoryId: r.categoryId, source: r.source as Source, grade: r.grade as never })) {
      const id = `${d.dim}|${d.key}|${d.day}`;
      const e = roll.get(id) ?? { dim: d.dim, key: d.key, day: d.day, v: Object.fromEntries(KPI_FIELDS.map((f) => [f, 0])) as KpiVector };
      for (const f of KPI_FIELDS) e.v[f] += d.v[f];
      roll.set(id, e);
    }
  }
  const kpi = [...roll.values()].map((e) => ({ tenantId, dim: e.dim, key: e.key, day: e.day, ...e.v }));
  await bulkInsert(tx, caseKpiDaily, kpi);
  if (perDay.size) await tx.insert(caseCounters).values([...perDay.entries()].map(([day, last]) => ({ tenantId, day, last })));
  return out.length;
}
