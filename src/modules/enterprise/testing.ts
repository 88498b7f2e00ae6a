// Helpers for the enterprise tests: look-ups in the demo data and a second enterprise user.
import type { TestPlatform, Client } from '../../../test/harness.js';

export async function itemId(c: Client, code: string): Promise<number> {
  const tree = (await c.get('/api/v1/enterprise/catalogue')).json() as { subcategories: { items: { id: number; code: string }[] }[] }[];
  const item = tree.flatMap((cat) => cat.subcategories.flatMap((s) => s.items)).find((i) => i.code === code);
  if (!item) throw new Error(`no item ${code}`);
  return item.id;
}

/** The enterprise the demo user `ent` acts for. */
export async function demoEnterpriseId(tp: TestPlatform): Promise<number> {
  const rows = await tp.platform.ctx.database.query<{ ref_id: number }>(`select s.ref_id from user_scopes s join users u on u.id = s.user_id where u.username = 'ent' and s.kind = 'enterprise'`);
  return Number(rows[0]!.ref_id);
}

/** Another enterprise (in another building) and a log-in acting for it. */
export async function otherEnterpriseUser(tp: TestPlatform, username = 'ent2'): Promise<{ enterpriseId: number; client: Client }> {
  const mine = await demoEnterpriseId(tp);
  const [row] = await tp.platform.ctx.database.query<{ id: number }>(`select id from enterprises where id <> $1 order by id limit 1`, [mine]);
  const admin = await tp.as('admin');
  const res = await admin.post('/api/v1/users', { username, displayName: '另一家企业联系人', password: 'Another-pass-2026', roles: ['enterprise_user'], scopes: { enterprise: [Number(row!.id)] } });
  if (res.statusCode !== 201) throw new Error(`create user: ${res.body}`);
  return { enterpriseId: Number(row!.id), client: await tp.as(username, 'Another-pass-2026') };
}

export async function userId(tp: TestPlatform, username: string): Promise<number> {
  const rows = await tp.platform.ctx.database.query<{ id: number }>(`select id from users where username = $1`, [username]);
  return Number(rows[0]!.id);
}

export async function eventsOf(tp: TestPlatform, type: string, subjectId: number | string): Promise<{ payload: Record<string, unknown> }[]> {
  return tp.platform.ctx.database.query(`select payload from events where type = $1 and subject_id = $2 order by id`, [type, String(subjectId)]);
}
