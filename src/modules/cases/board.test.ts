// The operations screen's summary: today's cases by source and category, open/overdue
// totals, and open cases as map points; only the tenant-wide desk may read them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';

let tp: TestPlatform;
beforeAll(async () => {
  tp = await startTestPlatform();
});
afterAll(async () => tp?.close());

describe('GET /cases/today and /cases/points', () => {
  it('a new hotline report counts today under its source and category and appears on the map', async () => {
    const leader = await tp.as('leader');
    const before = (await leader.get('/api/v1/cases/today')).json();
    const hotlineBefore = before.bySource.find((s: { key: string }) => s.key === 'hotline')?.count ?? 0;
    const created = await (await tp.as('acceptor')).post('/api/v1/cases', { source: 'hotline', categoryCode: '06010', description: '大屏统计测试', location: { lng: 121.4567, lat: 31.2331 } });
    expect(created.statusCode).toBe(201);
    const id = created.json().case.id;
    const after = (await leader.get('/api/v1/cases/today')).json();
    expect(after.total).toBe(before.total + 1);
    expect(after.bySource.find((s: { key: string }) => s.key === 'hotline')).toMatchObject({ label: '12345 热线', count: hotlineBefore + 1 });
    expect(after.byCategory.find((c: { code: string }) => c.code === '06010')?.count).toBeGreaterThanOrEqual(1);
    expect(after.open).toBe(before.open + 1);
    expect(after.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const pts = (await leader.get('/api/v1/cases/points')).json();
    expect(pts.fields).toEqual(['id', 'lng', 'lat', 'grade', 'state', 'overdue']);
    expect(pts.points[0]).toEqual([id, 121.4567, 31.2331, 'normal', 'reported', 0]);
  });

  it('a grid inspector may not read the screen summary (403 problem)', async () => {
    const insp = await tp.as('inspector');
    for (const url of ['/api/v1/cases/today', '/api/v1/cases/points']) {
      const res = await insp.get(url);
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const bad = await (await tp.as('leader')).get('/api/v1/cases/points?limit=0');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('limit');
  });
});
