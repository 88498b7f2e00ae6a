// Large demo inserts as one `insert … select * from unnest(…)` per table: one array
// parameter per column instead of one parameter per value, several times faster on
// PGlite and PostgreSQL alike. Rows come back in input order (the ids follow the order
// in which unnest yields them). Not for array-typed columns (use an ordinary insert).
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../../src/core/db/index.js';

function param(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return v ?? null;
}

export async function bulkInsert<T extends PgTable>(tx: Tx, table: T, rows: T['$inferInsert'][]): Promise<number[]> {
  if (rows.length === 0) return [];
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => rows.some((r) => (r as Record<string, unknown>)[key] !== undefined));
  const names = sql.join(columns.map(([, c]) => sql.identifier(c.name)), sql`, `);
  const arrays: SQL[] = columns.map(([key, c]) => sql`${sql.param(rows.map((r) => param((r as Record<string, unknown>)[key])))}::${sql.raw(c.getSQLType())}[]`);
  const result = (await tx.execute(sql`insert into ${table} (${names}) select * from unnest(${sql.join(arrays, sql`, `)}) returning id`)) as unknown as { rows: { id: number | string }[] };
  return result.rows.map((r) => Number(r.id));
}
