// The alarm → case seam with a stand-in case engine: a fired scene opens "a case" once per
// open dedup key, the episode records the case, and closing it starts the cool-down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test/harness.js';
import { eventually, kit, sensingConfig, type Kit } from '../modules/sensing/testkit.js';
import { signBody } from '../modules/sensing/index.js';
import type { SceneEventPayload } from '../modules/sensing/index.js';
import { startSceneToCaseFlow, type CaseGateway } from './sceneToCase.js';

let tp: TestPlatform;
let k: Kit;
beforeAll(async () => {
  tp = await startTestPlatform({ config: sensingConfig() });
  k = await kit(tp);
});
afterAll(async () => tp?.close());

describe('alarm → case seam', () => {
  it('a fired scene reaches the gateway with what a case needs; repeats feed the same open case; closing starts the cool-down', async () => {
    const open = new Map<string, number>();
    const evidence: unknown[] = [];
    let nextCase = 100;
    let mine = 0;
    const gateway: CaseGateway = {
      async sceneFired(e) {
        // the demo's own scenes fire too (e.g. night-time charging); this test follows its own
        if (e.sceneId !== mine) return null;
        const existing = open.get(e.dedupKey);
        if (existing) {
          evidence.push(e.evidence);
          return { caseId: existing };
        }
        open.set(e.dedupKey, ++nextCase);
        return { caseId: nextCase };
      },
      async sceneUpdated(e) {
        evidence.push(e.evidence);
      },
      async sceneCleared() {},
    };
    const flow = startSceneToCaseFlow(tp.platform.ctx, gateway);
    const scene = await k.scene({ kind: 'device_alarm', categoryCode: '90101', grade: 'important', autoRegister: true, cooldownS: 600, params: { deviceKinds: ['charging'], alarmTypes: ['over_current'], holdS: 60 } });
    mine = scene.id;
    const d = await k.device('charging');
    const send = async (id: string, state = 'raised') => {
      const body = JSON.stringify({ id, type: 'over_current', state, value: 16.2, ts: new Date().toISOString() });
      const ts = String(Math.floor(Date.now() / 1000));
      const res = await tp.request({ method: 'POST', url: '/api/v1/ingest/alarms', headers: { 'content-type': 'application/json', 'x-jiedao-device': d.creds.httpDeviceKey, 'x-jiedao-timestamp': ts, 'x-jiedao-signature': signBody(d.creds.httpSecret, ts, body) }, payload: body });
      expect(res.statusCode).toBe(200);
    };
    await send('oc-1');
    const ep = await eventually(async () => {
      const r = await tp.platform.ctx.database.query<{ id: number; case_id: number | null }>(`select id, case_id from sensing_episodes where scene_id = $1`, [scene.id]);
      return r[0]?.case_id ? r[0] : undefined;
    });
    expect(ep.case_id).toBe(101);
    const fired = k.events('sensing.scene.fired').map((e) => e.payload as unknown as SceneEventPayload).find((p) => p.sceneId === scene.id)!;
    expect(fired).toMatchObject({ categoryCode: '90101', grade: 'important', autoRegister: true, location: { lng: 121.4566, lat: 31.2331 } });
    // the scene clears and fires again while the case is open: same case
    await send('oc-2', 'cleared');
    await send('oc-3');
    await eventually(async () => (await tp.platform.ctx.database.query<{ case_id: number }>(`select case_id from sensing_episodes where scene_id = $1 and case_id is not null`, [scene.id])).length === 2);
    expect([...open.values()]).toEqual([101]);
    // the case is closed: the scene is held back
    expect(await flow.onCaseClosed(tp.platform.ctx.config.tenant, fired.dedupKey, new Date())).toBe(true);
    await send('oc-4', 'cleared');
    await send('oc-5');
    await new Promise((r) => setTimeout(r, 300));
    const eps = await tp.platform.ctx.database.query(`select id from sensing_episodes where scene_id = $1`, [scene.id]);
    expect(eps).toHaveLength(2);
    flow.stop();
  });
});
