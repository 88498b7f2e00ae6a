// Own and other: for each scoped kind of record, one the caller may see and one it may
// not, picked from the demo data at run time (so the test follows the data set), and the
// lists never carrying the other one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Client, type TestPlatform } from '../harness.js';

let tp: TestPlatform;
beforeAll(async () => {
  tp = await startTestPlatform();
});
afterAll(async () => tp?.close());

const refused = (status: number) => status === 403 || status === 404;

async function scopesOf(c: Client): Promise<Record<string, number[]>> {
  return ((await c.get('/api/v1/auth/me')).json() as { scopes: Record<string, number[]> }).scopes;
}

describe('grid scope: an inspector never sees cases outside their grids', () => {
  it('own case 200, other case refused, the list holds only own grids', async () => {
    const inspector = await tp.as('inspector');
    const grids = (await scopesOf(inspector)).grid!;
    expect(grids.length).toBeGreaterThan(0);
    const all = (await (await tp.as('dispatcher')).get('/api/v1/cases?limit=200')).json().items as { id: number; gridId: number | null }[];
    const own = all.find((c) => c.gridId !== null && grids.includes(c.gridId));
    const other = all.find((c) => c.gridId !== null && !grids.includes(c.gridId));
    expect(own && other).toBeTruthy();
    expect((await inspector.get(`/api/v1/cases/${own!.id}`)).statusCode).toBe(200);
    const res = await inspector.get(`/api/v1/cases/${other!.id}`);
    expect(refused(res.statusCode)).toBe(true);
    expect((await inspector.post(`/api/v1/cases/${other!.id}/actions`, { action: 'verify' })).statusCode).toBe(403);
    const mine = (await inspector.get('/api/v1/cases?limit=200')).json().items as { gridId: number | null }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.gridId !== null && grids.includes(c.gridId))).toBe(true);
    // asking for another grid by filter does not widen the view
    const filtered = (await inspector.get(`/api/v1/cases?gridId=${other!.gridId}`));
    expect(filtered.statusCode === 403 || (filtered.json().items as unknown[]).length === 0).toBe(true);
  });
});

describe('enterprise scope: an enterprise user never sees another enterprise’s requests', () => {
  it('own request 200, another enterprise’s refused, the list holds only its own', async () => {
    const ent = await tp.as('ent');
    const mine = (await ent.get('/api/v1/enterprise/requests?pageSize=100')).json() as { items: { id: number; enterprise: { id: number } }[] };
    expect(mine.items.length).toBeGreaterThan(0);
    const ownEnterprises = new Set(mine.items.map((r) => r.enterprise.id));
    const all = (await (await tp.as('chief')).get('/api/v1/enterprise/requests?pageSize=100')).json() as { items: { id: number; enterprise: { id: number } }[] };
    const other = all.items.find((r) => !ownEnterprises.has(r.enterprise.id))!;
    expect(other).toBeTruthy();
    expect((await ent.get(`/api/v1/enterprise/requests/${mine.items[0]!.id}`)).statusCode).toBe(200);
    expect(refused((await ent.get(`/api/v1/enterprise/requests/${other.id}`)).statusCode)).toBe(true);
    expect(refused((await ent.post(`/api/v1/enterprise/requests/${other.id}/rating`, { score: 5 })).statusCode)).toBe(true);
    expect(refused((await ent.post(`/api/v1/enterprise/requests/${other.id}/cancel`, { reason: '不是我的' })).statusCode)).toBe(true);
    expect(refused((await ent.get(`/api/v1/enterprise/enterprises/${other.enterprise.id}`)).statusCode)).toBe(true);
    expect(mine.items.every((r) => ownEnterprises.has(r.enterprise.id))).toBe(true);
  });
});

describe('area scope: the elderly register belongs to its residents’ committee', () => {
  it('the committee of another area is refused a record; each sees its own', async () => {
    const committee = await tp.as('committee');
    const hf = await tp.as('jw_hf');
    const own = (await committee.get('/api/v1/people/elderly?pageSize=5')).json() as { items: { id: number; areaId: number }[] };
    const theirs = (await hf.get('/api/v1/people/elderly?pageSize=5')).json() as { items: { id: number; areaId: number }[] };
    expect(own.items.length).toBeGreaterThan(0);
    expect(theirs.items.length).toBeGreaterThan(0);
    const ownAreas = new Set(own.items.map((e) => e.areaId));
    expect(theirs.items.some((e) => ownAreas.has(e.areaId))).toBe(false);
    expect((await committee.get(`/api/v1/people/elderly/${own.items[0]!.id}`)).statusCode).toBe(200);
    const res = await committee.get(`/api/v1/people/elderly/${theirs.items[0]!.id}`);
    expect(res.statusCode).toBe(403);
    expect((await committee.get(`/api/v1/people/elderly/${theirs.items[0]!.id}/emergency-contacts`)).statusCode).toBe(403);
    expect((await committee.patch(`/api/v1/people/elderly/${theirs.items[0]!.id}`, { version: 1, notes: '越权' })).statusCode).toBe(403);
    expect((await hf.get(`/api/v1/people/elderly/${theirs.items[0]!.id}`)).statusCode).toBe(200);
    // filtering by another area does not widen the view
    const filtered = (await committee.get(`/api/v1/people/elderly?areaId=${theirs.items[0]!.areaId}`));
    expect(filtered.statusCode === 403 || (filtered.json().items as unknown[]).length === 0).toBe(true);
  });

  it('a resident never reaches the register, even their own building’s', async () => {
    const owner = await tp.as('owner');
    const any = (await (await tp.as('committee')).get('/api/v1/people/elderly?pageSize=1')).json().items[0] as { id: number };
    expect((await owner.get(`/api/v1/people/elderly/${any.id}`)).statusCode).toBe(403);
    expect((await owner.get('/api/v1/people/elderly')).statusCode).toBe(403);
  });
});

describe('one ballot per unit', () => {
  it('an owner voting twice for a unit changes the ballot; the unit is counted once', async () => {
    const owner = await tp.as('owner');
    const list = (await owner.get('/api/v1/community/my/consultations')).json() as { id: number; status: string; units: { unitId: number }[] }[];
    const open = list.find((c) => c.status === 'open');
    expect(open).toBeTruthy();
    const unitId = open!.units[0]!.unitId;
    const first = await owner.post(`/api/v1/community/my/consultations/${open!.id}/ballots`, { unitId, choice: 'agree' });
    expect(first.statusCode).toBe(200);
    const second = await owner.post(`/api/v1/community/my/consultations/${open!.id}/ballots`, { unitId, choice: 'disagree' });
    expect(second.statusCode).toBe(200);
    expect(second.json().units[0].previous).toBe('agree');
    const after = (await owner.get('/api/v1/community/my/consultations')).json() as typeof list & { units: { unitId: number; ballot: { choice: string } | null }[] }[];
    const units = (after.find((c) => c.id === open!.id)!.units as { unitId: number; ballot: { choice: string } | null }[]).filter((u) => u.unitId === unitId);
    expect(units).toHaveLength(1);
    expect(units[0]!.ballot!.choice).toBe('disagree');
    // a unit that is not the owner's cannot be voted for
    const foreign = (await (await tp.as('committee')).get(`/api/v1/community/consultations/${open!.id}/units`));
    if (foreign.statusCode === 200) {
      const rows = foreign.json() as { unitId?: number; id?: number }[] | { items: { unitId?: number; id?: number }[] };
      const arr = Array.isArray(rows) ? rows : rows.items;
      const mineIds = new Set(open!.units.map((u) => u.unitId));
      const notMine = arr.map((r) => r.unitId ?? r.id).find((id) => id !== undefined && !mineIds.has(id));
      if (notMine !== undefined) {
        const res = await owner.post(`/api/v1/community/my/consultations/${open!.id}/ballots`, { unitId: notMine, choice: 'agree' });
        expect(res.statusCode).toBeGreaterThanOrEqual(403);
        expect(res.statusCode).toBeLessThan(500);
      }
    }
  });
});
