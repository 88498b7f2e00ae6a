// The full chain of issue 5 up to the phone, shared by the API test and the browser test:
// a registered smoke detector publishes an alarm over MQTT → the smoke scene fires → the
// alarm → case flow (src/flows/sceneToCase.ts) opens a registered case → the dispatcher
// dispatches it to the demo handler.
import { expect } from 'vitest';
import type { DomainEvent } from '../src/core/bus/index.js';
import { findOpenCaseByScene } from '../src/modules/cases/index.js';
import { SCENE_TO_CASE } from '../src/flows/index.js';
import type { SceneEventPayload } from '../src/modules/sensing/index.js';
import { connectDevice, eventually, kit, nativeTopic, unique, type Kit } from '../src/modules/sensing/testkit.js';
import type { Client, TestPlatform } from './harness.js';

export const userId = async (tp: TestPlatform, username: string) => (await tp.platform.ctx.database.query<{ id: number }>(`select id from users where username = $1`, [username]))[0]!.id;
export const departmentId = async (tp: TestPlatform, code: string) => (await tp.platform.ctx.database.query<{ id: number }>(`select id from departments where code = $1`, [code]))[0]!.id;

/** An alarm from a smoke detector over MQTT; resolves with the scene's payload once it fires. */
export async function smokeAlarm(tp: TestPlatform, k?: Kit): Promise<SceneEventPayload> {
  const kt = k ?? (await kit(tp));
  const fired: DomainEvent[] = [];
  const off = tp.platform.ctx.bus.on('sensing.scene.fired', (e) => fired.push(e));
  const smoke = await kt.device('smoke');
  const dev = await connectDevice(tp, smoke.creds);
  try {
    await dev.publishAsync(nativeTopic(tp, smoke.code, 'alarm'), JSON.stringify({ id: unique('smk-'), type: 'smoke', value: 0.16, ts: new Date().toISOString() }), { qos: 1 });
    const e = await eventually(async () => fired.map((x) => x.payload as unknown as SceneEventPayload).find((p) => p.device?.id === smoke.id), 20_000, 'the smoke scene to fire');
    expect(e).toMatchObject({ sceneCode: 'SMOKE', categoryCode: expect.any(String), grade: 'urgent' });
    return e;
  } finally {
    off();
    await dev.endAsync();
  }
}

/** The case the alarm → case flow opened for a fired scene (tests run the flow's sweeps
 * by hand; on a running node they run every second). */
export async function caseOfScene(tp: TestPlatform, p: SceneEventPayload): Promise<number> {
  const ctx = tp.platform.ctx;
  const c = await eventually(async () => {
    await ctx.sweeper.runNow(`${SCENE_TO_CASE}.enqueue`);
    await ctx.sweeper.runNow(`${SCENE_TO_CASE}.run`);
    return (await findOpenCaseByScene(ctx, ctx.config.tenant, p.dedupKey)) ?? null;
  }, 20_000, 'the alarm → case flow to open the case');
  expect(c).toMatchObject({ source: 'sensor', state: 'registered' });
  return c.id;
}

/** The dispatcher sends the case to the demo handler (城管). */
export async function dispatchToHandler(tp: TestPlatform, dispatcher: Client, caseId: number) {
  const res = await dispatcher.post(`/api/v1/cases/${caseId}/actions`, { action: 'dispatch', departmentId: await departmentId(tp, 'CG'), assigneeId: await userId(tp, 'handler') });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toMatchObject({ state: 'dispatched', assigneeName: '城管队员 顾磊' });
  return res.json();
}

/** The actions on a case's timeline, in order. */
export async function timelineActions(c: Client, caseId: number): Promise<string[]> {
  const res = await c.get(`/api/v1/cases/${caseId}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().timeline as { action: string }[]).map((e) => e.action);
}

export async function photoCount(tp: TestPlatform, caseId: number): Promise<number> {
  return Number((await tp.platform.ctx.database.query<{ n: string }>(`select count(*) as n from case_evidence where case_id = $1 and kind = 'photo'`, [caseId]))[0]!.n);
}
