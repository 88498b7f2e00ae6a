// Issue 5's chain through the API (no browser needed): an MQTT alarm from a registered
// smoke detector → a case → dispatched → the handler accepts and finishes with a photo →
// the grid inspector checks → the shift leader closes; the timeline tells it all. The
// phone's requests carry Idempotency-Keys, and each is sent twice as a phone with a bad
// network would: nothing happens twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness.js';
import { sensingConfig } from '../src/modules/sensing/testkit.js';
import { JPEG } from '../src/modules/cases/testkit.js';
import { caseOfScene, dispatchToHandler, photoCount, smokeAlarm, timelineActions } from './fieldChain.js';

let tp: TestPlatform;
beforeAll(async () => {
  tp = await startTestPlatform({ mqtt: true, config: sensingConfig() });
});
afterAll(async () => tp?.close());

describe('alarm → case → phone → closed (API)', () => {
  it('runs the whole chain, each phone request applied once even when sent twice', async () => {
    const fired = await smokeAlarm(tp);
    const caseId = await caseOfScene(tp, fired);
    const dispatcher = await tp.as('dispatcher');
    const c0 = (await dispatcher.get(`/api/v1/cases/${caseId}`)).json();
    expect(c0).toMatchObject({ source: 'sensor', state: 'registered', grade: 'urgent', sceneKey: fired.dedupKey });
    await dispatchToHandler(tp, dispatcher, caseId);

    const handler = await tp.as('handler');
    const twice = async (url: string, body: unknown, key: string) => {
      const a = await handler.post(url, body, { 'idempotency-key': key });
      const b = await handler.post(url, body, { 'idempotency-key': key });
      expect(b.statusCode).toBe(a.statusCode);
      expect(b.body).toBe(a.body);
      return a;
    };
    const mine = (await handler.get('/api/v1/field/deadlines')).json().items as { id: number; onClock: boolean; leftMs: number }[];
    expect(mine.find((d) => d.id === caseId)).toMatchObject({ onClock: true });
    expect((await twice(`/api/v1/cases/${caseId}/actions`, { action: 'accept' }, 'phone-accept')).statusCode).toBe(200);
    const up = await twice(`/api/v1/cases/${caseId}/evidence`, { evidence: [{ kind: 'photo', contentBase64: JPEG, caption: '处置后' }] }, 'phone-photo-1');
    expect(up.statusCode).toBe(201);
    const h = await twice(`/api/v1/cases/${caseId}/actions`, { action: 'handle', note: '已到场排查，系厨房油烟误报，已提醒住户', photos: up.json().ids }, 'phone-handle');
    expect(h.statusCode, h.body).toBe(200);
    expect(h.json().state).toBe('handled');

    const inspector = await tp.as('inspector');
    const chk = await inspector.post(`/api/v1/cases/${caseId}/actions`, { action: 'check', passed: true, note: '现场已无烟雾' }, { 'idempotency-key': 'insp-check' });
    expect(chk.statusCode, chk.body).toBe(200);
    const closed = await (await tp.as('leader')).post(`/api/v1/cases/${caseId}/actions`, { action: 'close' });
    expect(closed.json()).toMatchObject({ state: 'closed', closeType: 'normal' });

    const actions = await timelineActions(dispatcher, caseId);
    expect(actions[0]).toBe('report');
    expect(actions.filter((a) => ['dispatch', 'accept', 'add_evidence', 'handle', 'check', 'close'].includes(a)).slice(-6)).toEqual(['dispatch', 'accept', 'add_evidence', 'handle', 'check', 'close']);
    expect(actions.filter((a) => a === 'accept' || a === 'handle')).toEqual(['accept', 'handle']);
    expect(await photoCount(tp, caseId)).toBe(1);
  });
});
