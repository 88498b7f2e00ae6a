// Helpers shared by the case engine's HTTP tests.
import { expect } from 'vitest';
import type { Client, TestPlatform } from '../../../test/harness.js';

/** On 凤阳路 near 奉贤路, in grid SM2-G05 (inspector: the demo "inspector"). */
export const HOT = { lng: 121.4567, lat: 31.2331 };

/** A point `east` and `north` metres away. */
export const offset = (p: { lng: number; lat: number }, east: number, north: number) => ({ lng: p.lng + east / (111_195 * Math.cos((p.lat * Math.PI) / 180)), lat: p.lat + north / 111_195 });

/** A tiny but real JPEG header, enough for the magic-number check. */
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.alloc(64, 1), Buffer.from([0xff, 0xd9])]).toString('base64');

export async function report(c: Client, body: Record<string, unknown> = {}) {
  const res = await c.post('/api/v1/cases', { source: 'hotline', categoryCode: '06010', description: '凤阳路人行道上有几袋暴露垃圾', location: HOT, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().case as { id: number; number: string; state: string; version: number } & Record<string, unknown>;
}

export async function act(c: Client, id: number, body: Record<string, unknown>, status = 200) {
  const res = await c.post(`/api/v1/cases/${id}/actions`, body);
  expect(res.statusCode, `${String(body.action)} by ${c.username}: ${res.body}`).toBe(status);
  return res.json();
}

export async function detail(c: Client, id: number) {
  const res = await c.get(`/api/v1/cases/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const clients = new WeakMap<TestPlatform, Map<string, Client>>();
/** A logged-in client per user and platform (logging in costs a password hash). */
export async function as(tp: TestPlatform, username: string): Promise<Client> {
  let m = clients.get(tp);
  if (!m) clients.set(tp, (m = new Map()));
  let c = m.get(username);
  if (!c) m.set(username, (c = await tp.as(username)));
  return c;
}

/** Report a staff member's position through the API. */
export async function place(tp: TestPlatform, username: string, p: { lng: number; lat: number }) {
  const res = await (await as(tp, username)).post('/api/v1/staff/me/position', p);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { onDuty: boolean };
}

/** Events of a case written so far (the outbox). */
export async function eventTypes(tp: TestPlatform, id: number): Promise<string[]> {
  const rows = await tp.platform.ctx.database.query<{ type: string }>(`select type from events where subject_type = 'case' and subject_id = $1 order by id`, [String(id)]);
  return rows.map((r) => r.type);
}
