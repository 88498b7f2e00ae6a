// Rows of a hand-written query on either engine (PGlite and node-postgres both answer
// with { rows }).
import type { SQL } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';

export async function queryRows<T>(q: Queryable, query: SQL): Promise<T[]> {
  return ((await q.execute(query)) as unknown as { rows: T[] }).rows;
}
