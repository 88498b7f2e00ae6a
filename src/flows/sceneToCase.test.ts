// Alarm → case through the real case engine: one alarm opens exactly one case; repeats go
// to the same case as evidence; a closed case holds the scene back; a silent water meter of
// an elderly resident living alone opens exactly one urgent care case for the committee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { eventually, kit, sensingConfig, type Kit } from '../modules/sensing/testkit.js';
import { signBody } from '../modules/sensing/index.js';
import { as } from '../modules/cases/testkit.js';
import { SCENE_CASE_CLOSED, SCENE_TO_CASE } from './sceneToCase.js';

let tp: TestPlatform;
let k: Kit;
beforeAll(async () => {
  tp = await startTestPlatform({ config: sensingConfig() });
  k = await kit(tp);
});
afterAll(async () => tp?.close());

const q = <T>(sql: string, params: unknown[] = []) => tp.platform.ctx.database.query<T>(sql, params);
/** what the sweeps do every second on a running node */
async function flow(): Promise<void> {
  const s = tp.platform.ctx.sweeper;
  for (const w of [SCENE_TO_CASE, SCENE_CASE_CLOSED]) {
    await s.runNow(`${w}.enqueue`);
    await s.runNow(`${w}.run`);
  }
}

async function alarm(d: { creds: { httpDeviceKey: string; httpSecret: string } }, id: string, type: string, state = 'raised') {
  const body = JSON.stringify({ id, type, state, value: 1, ts: new Date().toISOString() });
  const ts = String(Math.floor(Date.now() / 1000));
  const res = await tp.request({ method: 'POST', url: '/api/v1/ingest/alarms', headers: { 'content-type': 'application/json', 'x-jiedao-device': d.creds.httpDeviceKey, 'x-jiedao-timestamp': ts, 'x-jiedao-signature': signBody(d.creds.httpSecret, ts, body) }, payload: body });
  expect(res.statusCode).toBe(200);
}

interface CaseRow { id: number; number: string; state: string; source: string; category_code: string; grade: string; scene_key: string; attributes: Record<string, unknown> }

describe('alarm → case', () => {
  it('a smoke alarm opens exactly one registered urgent case; repeats and the clearing go to it as evidence; its closing holds the scene back', async () => {
    const d = await k.device('smoke');
    const dedup = await eventually(async () => {
      // the demo's own smoke scene (烟感报警, 90010, urgent, registers without verification)
      const r = await q<{ dedup: string }>(`select s.id, 'sensing:scene:' || s.id || ':device:' || $1 as dedup from sensing_scenes s where s.code = 'SMOKE'`, [d.id]);
      return r[0]?.dedup;
    });
    await alarm(d, 'sm-1', 'smoke');
    const c = await eventually(async () => {
      await flow();
      return (await q<CaseRow>(`select * from cases where scene_key = $1`, [dedup]))[0];
    });
    expect(c).toMatchObject({ source: 'sensor', category_code: '90010', grade: 'urgent' });
    // trusted: no on-site verification; the engine took it on from registration
    expect(['registered', 'dispatched']).toContain(c.state);
    const eps = await q<{ case_id: number }>(`select case_id from sensing_episodes where scene_id = (select id from sensing_scenes where code = 'SMOKE') and subject = $1`, [`device:${d.id}`]);
    expect(eps.map((e) => Number(e.case_id))).toEqual([Number(c.id)]);

    // the detector clears and goes off again while the case is open: the same case
    await alarm(d, 'sm-2', 'smoke', 'cleared');
    await alarm(d, 'sm-3', 'smoke');
    await eventually(async () => {
      await flow();
      const n = await q<{ n: number }>(`select count(*)::int as n from sensing_episodes where subject = $1 and case_id is not null`, [`device:${d.id}`]);
      return n[0]!.n === 2;
    });
    // handled again (as after a crash before the job was marked done): nothing twice
    await q(`update event_jobs set done_at = null, leased_until = null where worker = $1`, [SCENE_TO_CASE]);
    await flow();
    expect(await q(`select id from cases where scene_key = $1`, [dedup])).toHaveLength(1);
    const ev = await q<{ alarm_ref: string; kind: string }>(`select alarm_ref, kind from case_evidence where case_id = $1 order by id`, [c.id]);
    const refs = ev.map((e) => e.alarm_ref);
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs.filter((r) => /:cleared:/.test(r))).toHaveLength(1);
    expect(refs.filter((r) => /^sensing:episode:\d+$/.test(r))).toHaveLength(2);

    // the duty chief closes it as a false alarm: the scene is held back for its cool-down
    const leader = await as(tp, 'leader');
    const closed = await leader.post(`/api/v1/cases/${c.id}/actions`, { action: 'force_close', closeType: 'error', reason: '误报：厨房油烟' });
    expect(closed.statusCode).toBe(200);
    await flow();
    await alarm(d, 'sm-4', 'smoke', 'cleared');
    await alarm(d, 'sm-5', 'smoke');
    await new Promise((r) => setTimeout(r, 500));
    await flow();
    expect(await q(`select id from cases where scene_key = $1`, [dedup])).toHaveLength(1);
    const fired = await q(`select id from sensing_episodes where subject = $1`, [`device:${d.id}`]);
    expect(fired).toHaveLength(2);
  });

  it('a silent water meter of an elderly resident living alone opens exactly one urgent care case for the committee, with the emergency contacts', async () => {
    // a demo water meter watched under an active consent, in 新福康里 (whose committee has a demo log-in)
    const [w] = await q<{ code: string; unit_id: number | null; elderly_id: number }>(
      `select d.code, d.unit_id, c.elderly_id from sensing_devices d join sensor_consents c on c.device_code = d.code and c.tenant_id = d.tenant_id
        join elderly e on e.id = c.elderly_id join residents r on r.id = e.resident_id join residential_areas a on a.id = r.area_id
        where d.kind = 'water_meter' and c.withdrawn_at is null and a.code = 'XFKL' order by d.id limit 1`,
    );
    expect(w).toBeDefined();
    // whatever the demo's sensors already say is dealt with first
    await tp.platform.ctx.sweeper.runNow('sensing.scenes.inactivity');
    await flow();
    const [{ last }] = (await q<{ last: number }>(`select coalesce(max(id), 0)::int as last from cases`)) as [{ last: number }];
    // nothing heard from it (or the unit's other sensors) for 13 hours
    await q(`update sensing_devices set last_activity_at = now() - interval '13 hours', created_at = now() - interval '30 days' where code = $1 or (unit_id is not null and unit_id = $2)`, [w!.code, w!.unit_id]);
    await tp.platform.ctx.sweeper.runNow('sensing.scenes.inactivity');
    const c = await eventually(async () => {
      await flow();
      return (await q<CaseRow>(`select * from cases where id > $1 and category_code = '90030'`, [last]))[0];
    });
    await tp.platform.ctx.sweeper.runNow('sensing.scenes.inactivity');
    await flow();
    const all = await q<CaseRow>(`select * from cases where id > $1 and category_code = '90030'`, [last]);
    expect(all).toHaveLength(1);
    expect(c.grade).toBe('urgent');
    const care = c.attributes.care as { elderlyId: number; committee: { name: string } };
    expect(care.elderlyId).toBe(w!.elderly_id);
    // the case names the elder, but carries no family phone numbers: anyone who reads cases
    // would read them too
    expect(JSON.stringify(c.attributes)).not.toMatch(/1\d{10}/);
    // the committee's handler reads the emergency contacts from the register, audited
    // against the case; the operations centre's dispatcher may not
    const committee = await as(tp, 'committee');
    const contacts = await committee.get(`/api/v1/people/elderly/${care.elderlyId}/emergency-contacts?caseRef=${encodeURIComponent(c.number)}`);
    expect(contacts.statusCode, contacts.body).toBe(200);
    expect((contacts.json() as { emergencyContacts: unknown[] }).emergencyContacts.length).toBeGreaterThan(0);
    const audited = await q<{ detail: { caseRef: string } }>(`select detail from audit_log where action = 'people.contacts.read' and subject_id = $1::text order by id desc limit 1`, [care.elderlyId]);
    expect(audited[0]?.detail.caseRef).toBe(c.number);
    expect((await (await as(tp, 'dispatcher')).get(`/api/v1/people/elderly/${care.elderlyId}/emergency-contacts`)).statusCode).toBe(403);
    // routed to the residents' committee responsible for the resident
    const [dept] = await q<{ name: string }>(`select d.name from departments d join cases c on c.department_id = d.id where c.id = $1`, [c.id]);
    expect(dept?.name).toBe(care.committee.name);
    // and the committee's page has exactly one alert, pointing at the case
    const alerts = await q<{ case_ref: string }>(`select case_ref from care_alerts where elderly_id = $1 and kind = 'inactivity'`, [w!.elderly_id]);
    expect(alerts.map((a) => a.case_ref)).toEqual([c.number]);
  });
});
