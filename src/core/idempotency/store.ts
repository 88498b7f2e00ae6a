// The idempotency table's reads and writes.
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { idempotencyKeys } from './schema.js';

export interface KeyRef {
  tenantId: string;
  principal: string;
  key: string;
}
export type Stored = typeof idempotencyKeys.$inferSelect;

const where = (r: KeyRef) => and(eq(idempotencyKeys.tenantId, r.tenantId), eq(idempotencyKeys.principal, r.principal), eq(idempotencyKeys.key, r.key));

/** Claim the key for this request; returns null when it is already known (the stored row). */
export async function claim(db: Db, r: KeyRef, req: { method: string; path: string; fingerprint: string }, now: Date): Promise<Stored | null> {
  const got = await db
    .insert(idempotencyKeys)
    .values({ ...r, ...req, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (got.length) return null;
  const [row] = await db.select().from(idempotencyKeys).where(where(r));
  return row ?? null;
}

/** A request that never finished (the node stopped mid-way) is taken over by its retry. */
export async function takeOver(db: Db, r: KeyRef, seenCreatedAt: Date, now: Date): Promise<boolean> {
  const got = await db
    .update(idempotencyKeys)
    .set({ createdAt: now })
    .where(and(where(r), isNull(idempotencyKeys.status), eq(idempotencyKeys.createdAt, seenCreatedAt)))
    .returning({ key: idempotencyKeys.key });
  return got.length > 0;
}

export async function complete(db: Db, r: KeyRef, res: { status: number; contentType: string | null; body: string }, now: Date): Promise<void> {
  await db.update(idempotencyKeys).set({ ...res, completedAt: now }).where(where(r));
}

export async function release(db: Db, r: KeyRef): Promise<void> {
  await db.delete(idempotencyKeys).where(where(r));
}

/** Forget keys older than `before`; returns how many. */
export async function purge(db: Db, before: Date): Promise<number> {
  const gone = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before)).returning({ key: idempotencyKeys.key });
  return gone.length;
}
