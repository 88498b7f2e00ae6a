// Helpers shared by the case engine's HTTP tests.
import { expect } from 'vitest';
import type { Client, TestPlatform } from '../../../test/harness.js';
import type { Database } from '../../core/db/index.js';

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

/** Two more subdistricts in the demo database for the district roll-up: 南京西路街道 in the
 * demo's own district (7 open cases, 2 overdue; yesterday 10 due, 8 handled of them 6 on
 * time, 7 closed of them 5 on time) and 外滩街道 of another district (5 open, 1 overdue). */
export async function addNeighbourSubdistricts(q: Database): Promise<void> {
  const [demo] = await q.query<{ district: string }>(`select district from tenants where id = 'shimen2'`);
  await q.query(`insert into tenants (id, name, name_en, district, city, settings) values ('nanjingxi', '南京西路街道', 'Nanjing Road West', $1, '上海市', '{}'), ('waitan', '外滩街道', 'The Bund', '黄浦区', '上海市', '{}')`, [demo!.district]);
  const cols = (await q.query<{ column_name: string }>(`select column_name from information_schema.columns where table_name = 'cases' and column_name <> 'id' order by ordinal_position`)).map((r) => r.column_name);
  // copies of the demo subdistrict's open cases (same columns), some of them overdue
  const copyCases = async (to: string, n: number, overdue: number) => {
    const select = cols.map((c) => (c === 'tenant_id' ? `'${to}'` : c === 'step_overdue_at' ? 'null' : c)).join(', ');
    await q.query(`insert into cases (${cols.join(', ')}) select ${select} from cases where tenant_id = 'shimen2' and state not in ('closed', 'cancelled') order by id limit ${n}`);
    await q.query(`update cases set step_overdue_at = now() where id in (select id from cases where tenant_id = $1 order by id limit ${overdue})`, [to]);
  };
  await copyCases('nanjingxi', 7, 2);
  await copyCases('waitan', 5, 1);
  // indicators of the period: the daily table the KPIs read
  await q.query(`insert into case_kpi_daily (tenant_id, dim, key, day, due, handled, handled_on_time, closed, closed_on_time) values ('nanjingxi', 'tenant', '', current_date - 1, 10, 8, 6, 7, 5), ('waitan', 'tenant', '', current_date - 1, 4, 4, 4, 4, 4)`);
}
