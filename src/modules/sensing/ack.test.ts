// Acknowledging an alarm pop-up (a scene episode): the operations centre may, once (a
// repeat changes nothing), with who and when recorded, an audit row and an event that
// makes other screens drop the pop-up; others get 403, an unknown episode 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { auditLog } from '../../core/audit/schema.js';
import type { DomainEvent } from '../../core/bus/index.js';
import { signBody } from './index.js';
import { eventually } from './testkit.js';

let tp: TestPlatform;
let episodeId: number;
const acked: DomainEvent[] = [];

beforeAll(async () => {
  tp = await startTestPlatform();
  tp.platform.ctx.bus.on('sensing.episode.acked', (e) => acked.push(e));
  const admin = await tp.as('admin');
  const smoke = ((await admin.get('/api/v1/sensing/devices?kind=smoke')).json() as { id: number }[])[0]!;
  const creds = (await admin.post(`/api/v1/sensing/devices/${smoke.id}/credentials`)).json();
  const body = JSON.stringify({ id: 'ack-test-1', type: 'smoke', value: 0.2, ts: new Date().toISOString() });
  const ts = String(Math.floor(Date.now() / 1000));
  const res = await tp.request({ method: 'POST', url: '/api/v1/ingest/alarms', headers: { 'content-type': 'application/json', 'x-jiedao-device': creds.httpDeviceKey, 'x-jiedao-timestamp': ts, 'x-jiedao-signature': signBody(creds.httpSecret, ts, body) }, payload: body });
  expect(res.statusCode).toBe(200);
  const dispatcher = await tp.as('dispatcher');
  episodeId = await eventually(async () => ((await dispatcher.get('/api/v1/sensing/episodes?acked=false')).json() as { id: number; scene: string }[]).find((e) => e.scene === 'SMOKE')?.id, 10_000, 'the smoke episode');
});
afterAll(async () => tp?.close());

describe('POST /api/v1/sensing/episodes/:id/ack', () => {
  it('records who and when, writes an audit row and tells other screens; the pop-up is no longer unacknowledged', async () => {
    const dispatcher = await tp.as('dispatcher');
    const res = await dispatcher.post(`/api/v1/sensing/episodes/${episodeId}/ack`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ episodeId, changed: true, ackedBy: { name: '派遣员 李强' } });
    expect(Number.isNaN(Date.parse(body.ackedAt))).toBe(false);

    await eventually(async () => acked.find((e) => e.subjectId === String(episodeId)), 5000, 'the acked event');
    const ev = acked.find((e) => e.subjectId === String(episodeId))!;
    expect(ev.payload).toMatchObject({ episodeId, ackedBy: { name: '派遣员 李强' } });
    expect(ev.scope.roles).toContain('dispatcher');

    const rows = await tp.platform.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'sensing.episode.ack'), eq(auditLog.subjectId, String(episodeId))));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorKind: 'user', subjectType: 'episode', outcome: 'ok' });

    const open = (await dispatcher.get('/api/v1/sensing/episodes?acked=false')).json() as { id: number }[];
    expect(open.map((e) => e.id)).not.toContain(episodeId);
    const done = (await dispatcher.get('/api/v1/sensing/episodes?acked=true')).json() as { id: number; ackedAt: string; ackedBy: { name: string } }[];
    expect(done.find((e) => e.id === episodeId)).toMatchObject({ ackedAt: body.ackedAt, ackedBy: { name: '派遣员 李强' } });
  });

  it('a repeat (another operator, a second click) keeps the first acknowledgement and writes nothing', async () => {
    const leader = await tp.as('leader');
    const before = acked.length;
    const first = (await (await tp.as('dispatcher')).get('/api/v1/sensing/episodes?acked=true')).json().find((e: { id: number }) => e.id === episodeId);
    const res = await leader.post(`/api/v1/sensing/episodes/${episodeId}/ack`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ episodeId, changed: false, ackedAt: first.ackedAt, ackedBy: { name: '派遣员 李强' } });
    const rows = await tp.platform.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'sensing.episode.ack'), eq(auditLog.subjectId, String(episodeId))));
    expect(rows).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(acked.length).toBe(before);
  });

  it('a grid inspector or a district viewer may not acknowledge (403); an unknown episode is 404 naming it', async () => {
    for (const who of ['inspector', 'district']) {
      const res = await (await tp.as(who)).post(`/api/v1/sensing/episodes/${episodeId}/ack`);
      expect(res.statusCode, who).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const dispatcher = await tp.as('dispatcher');
    const missing = await dispatcher.post('/api/v1/sensing/episodes/987654/ack');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json().detail).toContain('告警');
    const en = await dispatcher.post('/api/v1/sensing/episodes/987654/ack', undefined, { 'accept-language': 'en' });
    expect(en.json().detail).toContain('Alarm');
    const bad = await dispatcher.post('/api/v1/sensing/episodes/abc/ack');
    expect(bad.statusCode).toBe(400);
  });
});
