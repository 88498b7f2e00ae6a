// A platform serving two subdistricts: the Shimen Er Road demo (shimen2) and a second
// tenant loaded by the same demo loader, so it has every kind of record too (admin,
// grids, cases, enterprise requests, consultations, elderly register, devices …).
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { startPlatform } from '../../src/app.js';
import { loadDemo } from '../../demo/load.js';
import { freshDatabase, testConfig, type TestPlatform } from '../harness.js';

export const TENANT_B = 'tenantb';

export async function rowsOf<T>(tp: TestPlatform, query: ReturnType<typeof sql>): Promise<T[]> {
  const r = (await tp.platform.ctx.db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}

export async function startTwoTenantPlatform(opts: { mqtt?: boolean } = {}): Promise<TestPlatform> {
  const db = await freshDatabase('demo');
  const q = db.database.db;
  // Frigate topic prefixes are unique across tenants (one broker): give each its own.
  await q.execute(sql`update sensing_devices set topic_prefix = topic_prefix || '-a' where topic_prefix is not null`);
  await loadDemo(db.database, { tenant: TENANT_B });
  await q.execute(sql`update sensing_devices set topic_prefix = topic_prefix || '-b' where tenant_id = ${TENANT_B} and topic_prefix is not null`);
  await q.execute(sql`update sensing_devices set topic_prefix = regexp_replace(topic_prefix, '-a$', '') where tenant_id <> ${TENANT_B} and topic_prefix is not null`);
  const platform = await startPlatform(testConfig(), { sweeps: false, database: db.database, noMqtt: !opts.mqtt, skipDemo: true });
  const request = (o: InjectOptions) => platform.app.inject(o);
  return {
    platform,
    db,
    request,
    as: () => {
      throw new Error('use userCaller(tp, name, who, tenant)');
    },
    async close() {
      await platform.close();
      await db.drop();
    },
  };
}

/** A digest of every row of a tenant in every table that has tenant_id: equal before
 * and after means nothing of that tenant was written. */
export async function tenantDigest(tp: TestPlatform, tenantId: string): Promise<Record<string, string>> {
  const tables = await rowsOf<{ table_name: string }>(
    tp,
    sql`select table_name from information_schema.columns where column_name = 'tenant_id' and table_schema = 'public' order by table_name`,
  );
  const out: Record<string, string> = {};
  for (const { table_name } of tables) {
    const [row] = await rowsOf<{ n: string; h: string | null }>(
      tp,
      sql`select count(*)::text as n, md5(string_agg(md5(t::text), '' order by md5(t::text))) as h from ${sql.identifier(table_name)} t where tenant_id = ${tenantId}`,
    );
    out[table_name] = `${row!.n}:${row!.h ?? ''}`;
  }
  return out;
}
