// Checks shared by the registry commands: a location inside the tenant (and its grid),
// references that exist in the same tenant, and the registry-changed event that makes
// every node reload its in-memory registry.
import { and, eq } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { AppContext } from '../../../core/context.js';
import type { Queryable, Tx } from '../../../core/db/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem, fieldProblem } from '../../../core/http/problem.js';
import { GRID_REGISTRY, type GridRegistry } from '../../places/index.js';
import { REGISTRY_CHANGED } from '../ingest/registry.js';

export function locate(ctx: AppContext, tenantId: string, lng: number, lat: number, field = 'lng'): number | null {
  const registry = ctx.services.get(GRID_REGISTRY) as GridRegistry;
  const where = registry.locate(tenantId, lng, lat);
  if (!where.insideTenant) throw new Problem(422, 'problem.validation', {}, [{ field, in: 'body', code: 'sensing.outside_tenant', params: { lat, lng } }]);
  return where.grid?.id ?? null;
}

export async function assertRef(q: Queryable, table: PgTable & { id: AnyPgColumn; tenantId: AnyPgColumn }, tenantId: string, id: number | null | undefined, what: string, field: string): Promise<void> {
  if (id === null || id === undefined) return;
  const rows = await q.select({ id: table.id }).from(table as PgTable).where(and(eq(table.tenantId, tenantId), eq(table.id, id))).limit(1);
  if (rows.length === 0) throw fieldProblem(field, 'sensing.unknown_ref', { what: { $t: what }, id }, 'body', 422);
}

export async function registryChanged(tx: Tx, tenantId: string, what: string, id: number): Promise<void> {
  await emit(tx, [{ tenantId, type: REGISTRY_CHANGED, subjectType: what, subjectId: String(id), payload: {} }]);
}

/** A unique index violation as the 409 of the field it is about. */
export function isUniqueViolation(e: unknown, index: string): boolean {
  for (let cur = e as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined, i = 0; cur && i < 4; cur = cur.cause as typeof cur, i++) {
    if (cur.code === '23505' && (cur.constraint === index || cur.message?.includes(index))) return true;
  }
  return false;
}
