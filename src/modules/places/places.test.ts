import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';

let tp: TestPlatform;
beforeAll(async () => {
  tp = await startTestPlatform();
});
afterAll(async () => tp?.close());

const square = (x: number, y: number, d: number, props: Record<string, unknown>) => ({
  type: 'Feature',
  properties: props,
  geometry: { type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] },
});

describe('places and grids', () => {
  it('the point on 凤阳路 near 奉贤路 resolves to a grid and a unit grid', async () => {
    const c = await tp.as('dispatcher');
    const res = await c.get('/api/v1/grids/lookup?lat=31.2331&lng=121.4567');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.grid.code).toBe('SM2-G05');
    expect(body.unitGrid.code).toMatch(/^SM2-U\d{4}$/);
    expect(body.inspectorUserId).toBeGreaterThan(0);
  });

  it('a point in Pudong is a 404 problem saying it is outside the subdistrict', async () => {
    const c = await tp.as('dispatcher');
    const res = await c.get('/api/v1/grids/lookup?lat=31.2304&lng=121.5055');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'grid.outside_tenant' });
    expect(res.json().detail).toContain('不在本街道辖区内');
  });

  it('a latitude out of range is a 400 naming the field', async () => {
    const c = await tp.as('dispatcher');
    const res = await c.get('/api/v1/grids/lookup?lat=95&lng=121.45');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'lat', in: 'querystring' });
  });

  it('a grid inspector sees only their own grids and gets 403 for another grid', async () => {
    const c = await tp.as('inspector');
    const list = (await c.get('/api/v1/grids?kind=responsibility')).json() as { id: number; code: string }[];
    expect(list.map((g) => g.code).sort()).toEqual(['SM2-G02', 'SM2-G05']);
    const own = await c.get(`/api/v1/grids/${list[0]!.id}`);
    expect(own.statusCode).toBe(200);
    const all = (await (await tp.as('dispatcher')).get('/api/v1/grids?kind=responsibility')).json() as { id: number; code: string }[];
    expect(all).toHaveLength(12);
    const other = all.find((g) => g.code === 'SM2-G09')!;
    const res = await c.get(`/api/v1/grids/${other.id}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.forbidden');
    // the refusal is on the record
    const audit = await tp.platform.ctx.database.query<{ outcome: string; action: string }>(`select outcome, action from audit_log where outcome = 'denied' and action = 'grids.read'`);
    expect(audit.length).toBeGreaterThan(0);
  });

  it('anonymous callers are 401 and roles without the policy are 403', async () => {
    expect((await tp.request({ method: 'GET', url: '/api/v1/grids' })).statusCode).toBe(401);
    const owner = await tp.as('owner');
    expect((await owner.get('/api/v1/grids')).statusCode).toBe(403);
  });

  it('exports layers as GeoJSON', async () => {
    const c = await tp.as('dispatcher');
    const res = await c.get('/api/v1/places/geojson/responsibility');
    expect(res.headers['content-type']).toContain('application/geo+json');
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(12);
    const boundary = (await c.get('/api/v1/places/geojson/boundary')).json();
    expect(boundary.features[0].properties.name).toBe('石门二路街道');
    expect((await c.get('/api/v1/places/geojson/shops')).json().features.length).toBeGreaterThanOrEqual(550);
  });

  it('rejects invalid geometry with a clear error per feature and stores nothing', async () => {
    const admin = await tp.as('admin');
    const before = (await admin.get('/api/v1/grids?kind=unit')).json().length;
    const good = square(121.4552, 31.2336, 0.0003, { code: 'NEW-1', name: '新网格' });
    const unclosed = { type: 'Feature', properties: { code: 'BAD-1', name: '未闭合' }, geometry: { type: 'Polygon', coordinates: [[[121.455, 31.234], [121.4553, 31.234], [121.4553, 31.2343], [121.455, 31.2343]]] } };
    const bowtie = { type: 'Feature', properties: { code: 'BAD-2', name: '自相交' }, geometry: { type: 'Polygon', coordinates: [[[121.455, 31.234], [121.4553, 31.2343], [121.4553, 31.234], [121.455, 31.2343], [121.455, 31.234]]] } };
    const pudong = square(121.5, 31.23, 0.001, { code: 'BAD-3', name: '浦东' });
    const res = await admin.put('/api/v1/places/geojson/unit', { type: 'FeatureCollection', features: [good, unclosed, bowtie, pudong] });
    expect(res.statusCode).toBe(422);
    const errs = res.json().errors as { field: string; code: string; message: string }[];
    expect(errs.map((e) => [e.field, e.code])).toEqual([
      ['features.1.geometry.coordinates.0', 'geo.ring_not_closed'],
      ['features.2.geometry.coordinates', 'geo.self_intersection'],
      ['features.3.geometry', 'geo.outside_tenant'],
    ]);
    expect(errs[0]!.message).toContain('环未闭合');
    expect((await admin.get('/api/v1/grids?kind=unit')).json().length).toBe(before);
  });

  it('rejects overlapping grids, then imports a valid layer and the lookup follows', async () => {
    const admin = await tp.as('admin');
    const a = square(121.4552, 31.2336, 0.0003, { code: 'T-A', name: '甲' });
    const b = square(121.4553, 31.2337, 0.0003, { code: 'T-B', name: '乙' });
    const overlap = await admin.put('/api/v1/places/geojson/responsibility', { type: 'FeatureCollection', features: [a, b] });
    expect(overlap.statusCode).toBe(422);
    expect(overlap.json().errors[0].code).toBe('geo.overlap');

    // replace the responsibility layer with two halves of the boundary's bounding area
    const fc = (await admin.get('/api/v1/places/geojson/responsibility')).json();
    fc.features[0].properties.name = '第1网格（改名）';
    fc.features[0].properties.inspector = 'insp01';
    const ok = await admin.put('/api/v1/places/geojson/responsibility', fc, { 'content-type': 'application/geo+json' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ created: 0, updated: 12 });
    await new Promise((r) => setTimeout(r, 100));
    const list = (await admin.get('/api/v1/grids?kind=responsibility')).json() as { code: string; name: string; inspector: { name: string } | null }[];
    expect(list.find((g) => g.code === 'SM2-G01')).toMatchObject({ name: '第1网格（改名）', inspector: { name: '网格员1号' } });
  });

  it('units with owners are visible to the building committee but not to another committee', async () => {
    const kdk = await tp.as('kdk');
    const buildings = (await kdk.get('/api/v1/buildings?kind=office')).json() as { id: number; code: string; name: string; units: number }[];
    expect(buildings).toHaveLength(31);
    const kaidike = buildings.find((b) => b.code === 'B-KDK')!;
    expect(kaidike.name).toBe('凯迪克大厦');
    const units = await kdk.get(`/api/v1/buildings/${kaidike.id}/units`);
    expect(units.statusCode).toBe(200);
    expect(units.json().length).toBe(kaidike.units);
    const other = buildings.find((b) => b.code === 'B-BH')!;
    expect((await kdk.get(`/api/v1/buildings/${other.id}/units`)).statusCode).toBe(403);
    const committee = await tp.as('committee');
    expect((await committee.get(`/api/v1/buildings/${kaidike.id}/units`)).statusCode).toBe(403);
  });

  it('the demo data set matches the source', async () => {
    const c = await tp.as('admin');
    const areas = (await c.get('/api/v1/areas')).json() as { name: string; households: number; illustrative: boolean }[];
    expect(areas).toHaveLength(11);
    expect(areas.find((a) => a.name === '新福康里居民区')).toMatchObject({ households: 1504, illustrative: false });
    const shops = (await c.get('/api/v1/shops')).json() as unknown[];
    expect(shops.length).toBeGreaterThanOrEqual(550);
    const depts = (await c.get('/api/v1/departments')).json() as { kind: string }[];
    expect(depts.filter((d) => d.kind === 'committee')).toHaveLength(11);
    const [row] = await tp.platform.ctx.database.query<{ n: number }>(`select count(*)::int as n from units where use = 'residential'`);
    expect(row!.n).toBeGreaterThan(7900);
  });
});
