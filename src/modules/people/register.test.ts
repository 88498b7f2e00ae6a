import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform, type Client } from '../../../test/harness.js';
import { deviceWatch } from './index.js';

let tp: TestPlatform;
let committee: Client;
beforeAll(async () => {
  tp = await startTestPlatform();
  committee = await tp.as('committee');
});
afterAll(async () => tp?.close());

const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => tp.platform.ctx.database.query<T>(text, params);
const one = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await q<T>(text, params))[0]!;
const areaId = async (code: string) => (await one<{ id: number }>(`select id from residential_areas where code = $1`, [code])).id;
/** a register entry of an area, optionally one watched by a sensor */
const entryIn = async (code: string) => Number((await one<{ id: number }>(`select e.id from elderly e join residential_areas a on a.id = e.area_id where a.code = $1 order by e.id limit 1`, [code])).id);
const userId = async (username: string) => String((await one<{ id: number }>(`select id from users where username = $1`, [username])).id);

describe('the elderly register', () => {
  it('a committee worker sees the entries of their own area, every one of them audited as read', async () => {
    const res = await committee.get('/api/v1/people/elderly?pageSize=20&page=2');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const xfkl = await areaId('XFKL');
    expect(body.total).toBeGreaterThan(1000);
    expect(body.items).toHaveLength(20);
    expect(body.items.every((i: { areaId: number; age: number }) => i.areaId === xfkl && i.age >= 60)).toBe(true);
    const audited = await q<{ subject_id: string }>(`select subject_id from audit_log where action = 'people.elderly.list' and actor_id = $1`, [await userId('committee')]);
    expect(new Set(audited.map((a) => Number(a.subject_id)))).toEqual(new Set(body.items.map((i: { id: number }) => i.id)));
  });

  it('filters by age band, living alone and overdue visits', async () => {
    const res = await committee.get('/api/v1/people/elderly?band=80-89&alone=true&pageSize=100');
    const items = res.json().items as { age: number; livesAlone: boolean; band: string }[];
    expect(items.length).toBeGreaterThan(10);
    expect(items.every((i) => i.age >= 80 && i.age <= 89 && i.livesAlone && i.band === '80-89')).toBe(true);
    const overdue = (await committee.get('/api/v1/people/elderly?due=overdue&pageSize=100')).json().items as { dueState: string }[];
    expect(overdue.every((i) => i.dueState === 'overdue')).toBe(true);
  });

  it('one record shows the person, contacts, consents and plan, and the read is audited', async () => {
    const id = await entryIn('XFKL');
    const res = await committee.get(`/api/v1/people/elderly/${id}`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ id, committee: { name: '新福康里居委会' } });
    expect(r.contacts.length).toBeGreaterThan(0);
    expect(r.plan.rule).not.toBeNull();
    expect(r.plan.nextVisitDue).toEqual(expect.any(String));
    const [a] = await q<{ outcome: string }>(`select outcome from audit_log where action = 'people.elderly.read' and subject_type = 'elderly' and subject_id = $1 and actor_id = $2`, [String(id), await userId('committee')]);
    expect(a?.outcome).toBe('ok');
  });

  it('a worker of another residents’ committee is refused an entry (403) and the refusal is audited with the entry', async () => {
    const id = await entryIn('XFKL');
    const other = await tp.as('jw_hf');
    const res = await other.get(`/api/v1/people/elderly/${id}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.forbidden');
    expect(JSON.stringify(res.json())).not.toContain('contacts');
    const denied = await q<{ action: string; subject_type: string; subject_id: string; outcome: string }>(`select action, subject_type, subject_id, outcome from audit_log where actor_id = $1 and outcome = 'denied'`, [await userId('jw_hf')]);
    expect(denied).toContainEqual({ action: 'people.elderly.read', subject_type: 'elderly', subject_id: String(id), outcome: 'denied' });
    // the same worker can read their own area's entries
    expect((await other.get(`/api/v1/people/elderly/${await entryIn('HF')}`)).statusCode).toBe(200);
    // and neither can change the other committee's entry
    const patch = await other.patch(`/api/v1/people/elderly/${id}`, { version: 1, careLevel: 3 });
    expect(patch.statusCode).toBe(403);
  });

  it('care staff read every area; roles without care duties are refused, administrators included', async () => {
    const care = await tp.as('care');
    expect((await care.get(`/api/v1/people/elderly/${await entryIn('X6')}`)).statusCode).toBe(200);
    expect((await care.get('/api/v1/people/elderly?pageSize=1')).json().total).toBeGreaterThan(8000);
    for (const who of ['admin', 'dispatcher', 'owner', 'kdk']) {
      const c = await tp.as(who);
      expect((await c.get(`/api/v1/people/elderly/${await entryIn('XFKL')}`)).statusCode, who).toBe(403);
    }
  });

  it('registers a resident aged 60+, refuses one under 60 (422) and a second registration (409)', async () => {
    const xfkl = await areaId('XFKL');
    const candidates = (await committee.get(`/api/v1/people/residents?areaId=${xfkl}&limit=5`)).json();
    // every 60+ resident of the demo is already on the register
    expect(candidates).toEqual([]);
    const young = await one<{ id: number }>(`select r.id from residents r where r.area_id = $1 and r.birth_date > '1980-01-01' limit 1`, [xfkl]);
    const tooYoung = await committee.post('/api/v1/people/elderly', { residentId: young.id, livesAlone: false, contacts: [] });
    expect(tooYoung.statusCode).toBe(422);
    expect(tooYoung.json().errors[0]).toMatchObject({ field: 'residentId', code: 'people.not_elderly' });
    // someone turns 60: their birth date moves back, and now they can be registered
    await q(`update residents set birth_date = '1960-01-01' where id = $1`, [young.id]);
    expect((await committee.get(`/api/v1/people/residents?areaId=${xfkl}`)).json().map((r: { id: number }) => r.id)).toContain(young.id);
    const ok = await committee.post('/api/v1/people/elderly', { residentId: young.id, livesAlone: true, careLevel: 0, contacts: [{ name: '李伟', relation: 'child', phone: '13900001234' }] });
    expect(ok.statusCode).toBe(201);
    const again = await committee.post('/api/v1/people/elderly', { residentId: young.id, livesAlone: true, contacts: [] });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('people.already_registered');
    const rec = (await committee.get(`/api/v1/people/elderly/${ok.json().id}`)).json();
    expect(rec.plan.rule.nameEn).toBe('Living alone: every two weeks');
    // a bad phone number is named
    const bad = await committee.put(`/api/v1/people/elderly/${ok.json().id}/contacts`, { contacts: [{ name: '李伟', relation: 'child', phone: 'call me' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('contacts.0.phone');
  });

  it('changes need the version read; a stale version is a 409 and nothing changes', async () => {
    const id = await entryIn('XFKL');
    const r = (await committee.get(`/api/v1/people/elderly/${id}`)).json();
    const ok = await committee.patch(`/api/v1/people/elderly/${id}`, { version: r.version, careLevel: 5 });
    expect(ok.statusCode).toBe(200);
    const stale = await committee.patch(`/api/v1/people/elderly/${id}`, { version: r.version, careLevel: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await committee.get(`/api/v1/people/elderly/${id}`)).json().careLevel).toBe(5);
  });
});

describe('sensor consents', () => {
  it('links a device to a person; the device then answers who it watches, the committee and the contacts', async () => {
    const id = await entryIn('XFKL');
    const res = await committee.post(`/api/v1/people/elderly/${id}/consents`, { deviceCode: 'DS-TEST-0001', deviceKind: 'door_sensor', givenBy: 'self' });
    expect(res.statusCode).toBe(201);
    const w = await deviceWatch(tp.platform.ctx.db, 'shimen2', 'DS-TEST-0001');
    expect(w).toMatchObject({ deviceCode: 'DS-TEST-0001', deviceKind: 'door_sensor', elderly: { id }, committee: { name: '新福康里居委会' } });
    expect(w!.emergencyContacts.length).toBeGreaterThan(0);
    expect(w!.emergencyContacts.map((c) => c.priority)).toEqual(w!.emergencyContacts.map((_, i) => i + 1));

    // the same device cannot watch a second person
    const other = await entryIn('HF');
    const care = await tp.as('care');
    const taken = await care.post(`/api/v1/people/elderly/${other}/consents`, { deviceCode: 'DS-TEST-0001', deviceKind: 'door_sensor', givenBy: 'guardian', guardianName: '王芳' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0]).toMatchObject({ field: 'deviceCode', code: 'people.device_taken' });
    // a guardian's consent names the guardian
    const noGuardian = await care.post(`/api/v1/people/elderly/${other}/consents`, { deviceCode: 'WM-TEST-0002', deviceKind: 'water_meter', givenBy: 'guardian' });
    expect(noGuardian.statusCode).toBe(400);

    // withdrawn: the device watches nobody, and may be linked again
    expect((await committee.post(`/api/v1/people/consents/${res.json().id}/withdraw`)).statusCode).toBe(204);
    expect(await deviceWatch(tp.platform.ctx.db, 'shimen2', 'DS-TEST-0001')).toBeNull();
    expect((await committee.post(`/api/v1/people/consents/${res.json().id}/withdraw`)).statusCode).toBe(409);
    expect((await care.post(`/api/v1/people/elderly/${other}/consents`, { deviceCode: 'DS-TEST-0001', deviceKind: 'door_sensor', givenBy: 'guardian', guardianName: '王芳' })).statusCode).toBe(201);
  });

  it('the handler of a care case sees the emergency contacts for a device, audited with the case', async () => {
    const [c] = await q<{ device_code: string; elderly_id: number }>(`select s.device_code, s.elderly_id from sensor_consents s join elderly e on e.id = s.elderly_id join residential_areas a on a.id = e.area_id where a.code = 'XFKL' and s.withdrawn_at is null limit 1`);
    const res = await committee.get(`/api/v1/people/devices/${c!.device_code}/watch?caseRef=C-2026-000123`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ elderlyId: Number(c!.elderly_id), device: { code: c!.device_code }, committee: { name: '新福康里居委会' } });
    expect(res.json().emergencyContacts[0]).toEqual({ name: expect.any(String), relation: expect.any(String), phone: expect.any(String), priority: 1 });
    const [a] = await q<{ detail: { caseRef: string; deviceCode: string } }>(`select detail from audit_log where action = 'people.contacts.read' and subject_id = $1`, [String(c!.elderly_id)]);
    expect(a!.detail).toMatchObject({ caseRef: 'C-2026-000123', deviceCode: c!.device_code });
    // another committee's worker: refused and on the record
    const other = await tp.as('jw_hf');
    const deniedCount = async () => (await q(`select 1 from audit_log where outcome = 'denied' and subject_type = 'elderly' and subject_id = $1 and actor_id = $2`, [String(c!.elderly_id), await userId('jw_hf')])).length;
    const before = await deniedCount();
    expect((await other.get(`/api/v1/people/devices/${c!.device_code}/watch`)).statusCode).toBe(403);
    expect((await other.get(`/api/v1/people/elderly/${c!.elderly_id}/emergency-contacts?caseRef=C-1`)).statusCode).toBe(403);
    expect(await deniedCount()).toBe(before + 2);
    // a device without an active consent names nobody
    expect((await committee.get('/api/v1/people/devices/WM-NOPE-9999/watch')).statusCode).toBe(404);
  });

  it('the overview counts the committee’s entries without naming anyone', async () => {
    const o = (await committee.get('/api/v1/people/overview')).json();
    expect(o.total).toBeGreaterThan(1000);
    expect(o.over80Alone).toBeGreaterThan(50);
    expect(o.over80Alone).toBeLessThanOrEqual(o.over80);
    expect(o.withSensor).toBeGreaterThan(20);
  });
});
