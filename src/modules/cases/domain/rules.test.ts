import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { grade, inWindow } from './grading.js';
import { route } from './routing.js';
import { onDuty, onShift, type Shift } from './shifts.js';
import { StaffIndex, choose, departmentGroup } from './staffIndex.js';
import { contribution, kpiDelta, rates, type KpiCase } from './kpi.js';
import { distanceM } from './geo.js';
import { sniff, checkContent } from './evidence.js';

const sh = (local: string) => new Date(`${local}+08:00`);

describe('grading rules', () => {
  const rules = [
    { id: 1, name: '消防通道', categoryCodes: [], conditions: { keywords: ['消防通道'] }, raiseTo: 'urgent' as const, active: true },
    { id: 2, name: '夜间隐患', categoryCodes: ['90002'], conditions: { night: { from: '22:00', to: '06:00' } }, raiseTo: 'urgent' as const, active: true },
    { id: 3, name: '学校周边', categoryCodes: ['09'], conditions: { near: [{ lng: 121.4552, lat: 31.2372, radiusM: 150, label: '小学' }] }, raiseTo: 'major' as const, active: true },
    { id: 4, name: '停用', categoryCodes: [], conditions: { sources: ['hotline' as const] }, raiseTo: 'urgent' as const, active: false },
  ];
  const base = { categoryCode: '09010', description: '人行道停满单车', lng: 121.456, lat: 31.234, at: sh('2026-10-10T10:00:00'), source: 'hotline' as const };

  it('raises, never lowers, and says why', () => {
    expect(grade('normal', rules, base)).toEqual({ grade: 'normal', applied: [] });
    expect(grade('normal', rules, { ...base, description: '车辆堵住消防通道' }).grade).toBe('urgent');
    const school = grade('normal', rules, { ...base, lng: 121.4553, lat: 31.2373 });
    expect(school).toMatchObject({ grade: 'major', applied: [{ id: 3, why: '距小学 150 米内' }] });
    expect(grade('urgent', rules, { ...base, lng: 121.4553, lat: 31.2373 }).grade).toBe('urgent');
  });

  it('night windows wrap midnight (Asia/Shanghai)', () => {
    expect(grade('major', rules, { ...base, categoryCode: '90002', at: sh('2026-10-10T23:30:00') }).grade).toBe('urgent');
    expect(grade('major', rules, { ...base, categoryCode: '90002', at: sh('2026-10-11T05:59:00') }).grade).toBe('urgent');
    expect(grade('major', rules, { ...base, categoryCode: '90002', at: sh('2026-10-11T06:00:00') }).grade).toBe('major');
    // an empty window never matches; a window and its complement cover the day exactly once
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_399 }), (s) => {
        const at = new Date(Date.UTC(2026, 0, 1) + s * 1000);
        expect(inWindow(at, '00:00', '00:00')).toBe(false);
        expect(inWindow(at, '22:00', '06:00')).not.toBe(inWindow(at, '06:00', '22:00'));
      }),
    );
  });
});

describe('routing', () => {
  const rules = [
    { id: 1, categoryCode: '09005', gridId: 5, departmentId: 30 },
    { id: 2, categoryCode: '09', gridId: 5, departmentId: 31 },
    { id: 3, categoryCode: '09010', gridId: null, departmentId: 32 },
  ];
  it('the most specific rule wins, else the category default', () => {
    expect(route(rules, { code: '09005', departmentId: 10 }, 5)).toEqual({ departmentId: 30, ruleId: 1, reason: 'grid_rule' });
    expect(route(rules, { code: '09006', departmentId: 10 }, 5)).toEqual({ departmentId: 31, ruleId: 2, reason: 'grid_rule' });
    expect(route(rules, { code: '09010', departmentId: 10 }, 5)).toEqual({ departmentId: 31, ruleId: 2, reason: 'grid_rule' });
    expect(route(rules, { code: '09010', departmentId: 10 }, 6)).toEqual({ departmentId: 32, ruleId: 3, reason: 'category_rule' });
    expect(route(rules, { code: '06010', departmentId: 10 }, 5)).toEqual({ departmentId: 10, ruleId: null, reason: 'category_default' });
    expect(route([], { code: '06010', departmentId: null }, 5)).toEqual({ departmentId: null, ruleId: null, reason: 'none' });
  });
});

describe('shifts', () => {
  const workday = (d: string) => !['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-11'].includes(d);
  const s = (over: Partial<Shift>): Shift => ({ userId: 1, days: 'daily', start: '08:00', end: '20:00', validFrom: null, validTo: null, ...over });
  it('day, night (past midnight), working-day and weekday shifts', () => {
    expect(onShift(s({}), sh('2026-10-01T08:00:00'), workday)).toBe(true);
    expect(onShift(s({}), sh('2026-10-01T20:00:00'), workday)).toBe(false);
    expect(onShift(s({ start: '19:00', end: '07:00', days: 'workdays' }), sh('2026-10-08T02:00:00'), workday)).toBe(false); // 10-07 was a holiday
    expect(onShift(s({ start: '19:00', end: '07:00', days: 'workdays' }), sh('2026-10-09T02:00:00'), workday)).toBe(true);
    expect(onShift(s({ days: 'workdays' }), sh('2026-10-10T10:00:00'), workday)).toBe(true); // make-up Saturday
    expect(onShift(s({ days: '1,2,3,4,5' }), sh('2026-10-10T10:00:00'), workday)).toBe(false);
    expect(onShift(s({ start: '08:00', end: '08:00' }), sh('2026-10-10T03:00:00'), workday)).toBe(true);
    expect(onShift(s({ validTo: '2026-09-30' }), sh('2026-10-10T10:00:00'), workday)).toBe(false);
    expect([...onDuty([s({ userId: 1 }), s({ userId: 2, start: '20:00', end: '08:00' })], sh('2026-10-10T21:00:00'), workday)]).toEqual([2]);
  });
});

describe('nearest on-duty staff', () => {
  it('finds the nearest eligible people of a group and breaks near-ties by workload', () => {
    const idx = new StaffIndex();
    const at = Date.now();
    const pts: [number, number, number][] = [
      [1, 121.4560, 31.2340],
      [2, 121.4561, 31.2340], // ~10 m from 1
      [3, 121.4600, 31.2380],
      [4, 121.4559, 31.2339],
    ];
    for (const [id, lng, lat] of pts) idx.upsert({ userId: id, lng, lat, at, departmentId: id === 4 ? 9 : 7, inspector: false });
    const near = idx.nearest(departmentGroup(7), 121.45602, 31.234, 5, 0, () => true);
    expect(near.map((c) => c.userId)).toEqual([1, 2, 3]);
    expect(near.map((c) => c.userId)).not.toContain(4);
    expect(idx.nearest(departmentGroup(7), 121.45605, 31.234, 5, 0, (id) => id !== 1).map((c) => c.userId)).toEqual([2, 3]);
    expect(idx.nearest(departmentGroup(7), 121.45605, 31.234, 5, at + 1, () => true)).toEqual([]); // stale positions
    const pick = choose(near.map((c) => ({ ...c, workload: c.userId === 1 ? 3 : 0 })));
    expect(pick).toMatchObject({ userId: 2, why: 'tie_workload', runnerUp: { userId: 1, workload: 3 } });
    expect(choose(near.map((c) => ({ ...c, workload: 0 })))).toMatchObject({ userId: 1, why: 'nearest' });
    // a person moving changes the answer
    idx.upsert({ userId: 3, lng: 121.45605, lat: 31.23401, at, departmentId: 7, inspector: false });
    expect(idx.nearest(departmentGroup(7), 121.45605, 31.234, 1, 0, () => true)[0]!.userId).toBe(3);
  });

  it('without positions it falls back to the least busy on-duty person', () => {
    expect(choose([{ userId: 5, distanceM: null, workload: 2 }, { userId: 6, distanceM: null, workload: 1 }])).toMatchObject({ userId: 6, why: 'no_position' });
    expect(choose([])).toBeNull();
  });

  it('chooses the nearest when nobody is within the tie distance (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ userId: fc.integer({ min: 1, max: 1000 }), distanceM: fc.double({ min: 0, max: 5000, noNaN: true }), workload: fc.integer({ min: 0, max: 9 }) }), { minLength: 1, maxLength: 20 }), (cands) => {
        const uniq = [...new Map(cands.map((c) => [c.userId, c])).values()];
        const pick = choose(uniq)!;
        const nearest = Math.min(...uniq.map((c) => c.distanceM));
        expect(pick.distanceM! - nearest).toBeLessThanOrEqual(50);
        const tied = uniq.filter((c) => c.distanceM - nearest <= 50);
        expect(pick.workload).toBe(Math.min(...tied.map((c) => c.workload)));
      }),
    );
  });
});

describe('KPI contributions', () => {
  const k = (over: Partial<KpiCase>): KpiCase => ({ state: 'closed', registeredAt: sh('2026-10-08T10:00:00'), dispatchedAt: sh('2026-10-08T10:10:00'), handledAt: sh('2026-10-08T11:10:00'), handledOnTime: true, closeType: 'normal', returns: 0, reworks: 0, gridId: 5, departmentId: 2, categoryId: 9, source: 'hotline', grade: 'normal', ...over });
  it('counts as DOMAIN.md defines', () => {
    expect(contribution(k({ registeredAt: null }))).toBeNull();
    expect(contribution(k({ closeType: 'error' }))).toBeNull();
    expect(contribution(k({}))).toMatchObject({ due: 1, handled: 1, handledOnTime: 1, closed: 1, closedOnTime: 1, dispatched: 1, returned: 0, handleMs: 3600_000 });
    expect(contribution(k({ closeType: 'overdue', handledOnTime: false }))).toMatchObject({ closed: 1, closedOnTime: 0, handledOnTime: 0 });
    expect(contribution(k({ state: 'suspended', handledAt: null, closeType: null }))).toMatchObject({ suspended: 1, closed: 0 });
    expect(contribution(k({ returns: 1, reworks: 2 }))).toMatchObject({ returned: 1, reworked: 1 });
    const r = rates({ ...contribution(k({}))!, due: 4, handled: 3, handledOnTime: 2, closed: 2, closedOnTime: 1, suspended: 1, dispatched: 4, returned: 1, reworked: 1, handleMs: 3 * 7200_000 });
    expect(r).toMatchObject({ handleRate: 0.75, handleOnTimeRate: 0.5, closeRate: 0.5, closeOnTimeRate: 0.3333, dispatchAccuracy: 0.75, reworkRate: 0.25, avgHandleHours: 2 });
  });
  it('a change moves counts between buckets; before + delta = after', () => {
    const before = k({ state: 'accepted', handledAt: null, handledOnTime: null, closeType: null, departmentId: 2 });
    const after = k({ departmentId: 3 });
    const delta = kpiDelta(before, after);
    const dept = delta.filter((d) => d.dim === 'department');
    expect(dept.find((d) => d.key === '2')!.v.due).toBe(-1);
    expect(dept.find((d) => d.key === '3')!.v.due).toBe(1);
    expect(delta.find((d) => d.dim === 'tenant')!.v).toMatchObject({ due: 0, handled: 1, closed: 1 });
    expect(kpiDelta(after, after)).toEqual([]);
  });
});

describe('evidence and geometry', () => {
  it('recognises image bytes and refuses pretenders', () => {
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(checkContent('photo', Buffer.from('<script>alert(1)</script>'))).toBe('case.evidence_type');
    expect(checkContent('photo', Buffer.alloc(0))).toBe('case.evidence_empty');
  });
  it('measures metres on the ground', () => {
    expect(Math.round(distanceM(121.456, 31.234, 121.456, 31.235))).toBe(111);
  });
});
