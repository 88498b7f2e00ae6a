// The case list: filters (state, category, grade, grid, unit grid, department, source,
// overdue, escalated, mine, text, time range), the viewer's data scope, keyset paging on
// (reported_at, id) so page 1,000 costs what page 1 costs.
import { aliasedTable, and, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import type { Actor } from '../../../core/auth/index.js';
import { users } from '../../../core/auth/index.js';
import { fieldProblem } from '../../../core/http/problem.js';
import { departments, grids } from '../../places/index.js';
import { cases } from '../schema.js';
import { seesAllCases } from '../policies.js';
import { FIELD_ROLES } from '../domain/lifecycle.js';
import type { CaseRow } from '../commands/write.js';
import type { Names } from './present.js';

export interface CaseFilter {
  state?: string[];
  categoryId?: number[];
  grade?: string[];
  gridId?: number;
  unitGridId?: number;
  departmentId?: number;
  source?: string[];
  overdue?: boolean;
  escalated?: boolean;
  /** assigned to me, or mine to verify/check */
  mine?: boolean;
  q?: string;
  from?: Date;
  to?: Date;
}

export interface Cursor {
  at: string;
  id: number;
}

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');

export function decodeCursor(s: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(s, 'base64url').toString()) as [string, number];
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || !Number.isInteger(id)) throw new Error();
    return { at, id };
  } catch {
    throw fieldProblem('cursor', 'case.bad_cursor', {}, 'querystring');
  }
}

/** The rows an actor may see, as SQL (null = every case of the tenant). */
export function scopeCondition(actor: Actor): SQL | null {
  if (seesAllCases(actor)) return null;
  if (actor.kind !== 'user') return sql`false`;
  const parts: SQL[] = [eq(cases.assigneeId, actor.id), eq(cases.inspectorId, actor.id)];
  if (actor.roles.includes('inspector') && actor.scopes.grid.length) parts.push(inArray(cases.gridId, actor.scopes.grid));
  const depts = [...(actor.departmentId !== null ? [actor.departmentId] : []), ...actor.scopes.department];
  if (FIELD_ROLES.some((r) => actor.roles.includes(r)) && depts.length) parts.push(inArray(cases.departmentId, depts));
  return or(...parts)!;
}

export function filterConditions(actor: Actor, f: CaseFilter, now: Date): SQL[] {
  const c: SQL[] = [eq(cases.tenantId, actor.tenantId)];
  const scope = scopeCondition(actor);
  if (scope) c.push(scope);
  if (f.state?.length) c.push(f.state.length === 1 ? eq(cases.state, f.state[0]!) : inArray(cases.state, f.state));
  if (f.categoryId?.length) c.push(f.categoryId.length === 1 ? eq(cases.categoryId, f.categoryId[0]!) : inArray(cases.categoryId, f.categoryId));
  if (f.grade?.length) c.push(inArray(cases.grade, f.grade));
  if (f.gridId) c.push(eq(cases.gridId, f.gridId));
  if (f.unitGridId) c.push(eq(cases.unitGridId, f.unitGridId));
  if (f.departmentId) c.push(eq(cases.departmentId, f.departmentId));
  if (f.source?.length) c.push(inArray(cases.source, f.source));
  if (f.overdue !== undefined) {
    const overdue = sql`(${cases.state} not in ('closed', 'cancelled', 'suspended') and ${cases.stepDueAt} <= ${now.toISOString()}::timestamptz)`;
    c.push(f.overdue ? overdue : sql`not ${overdue}`);
  }
  if (f.escalated !== undefined) c.push(f.escalated ? sql`${cases.escalatedAt} is not null` : sql`${cases.escalatedAt} is null`);
  if (f.mine && actor.kind === 'user') c.push(or(eq(cases.assigneeId, actor.id), eq(cases.inspectorId, actor.id))!);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    c.push(or(eq(cases.number, f.q), ilike(cases.description, like), ilike(cases.address, like))!);
  }
  if (f.from) c.push(gte(cases.reportedAt, f.from));
  if (f.to) c.push(lt(cases.reportedAt, f.to));
  return c;
}

const assignee = aliasedTable(users, 'assignee');
const inspector = aliasedTable(users, 'inspector');
const unitGrid = aliasedTable(grids, 'unit_grid');

/** A page of cases with the names the list shows. The page's ids are chosen first (an
 * index walk on (tenant, reported_at, id)) and only its rows are joined to the names:
 * joining first lets the planner join every case of the tenant and sort afterwards when
 * its statistics are stale (a fresh or bulk-loaded table), 50 ms instead of 1 ms. */
export async function listCases(q: Queryable, actor: Actor, f: CaseFilter, now: Date, limit: number, cursor?: Cursor): Promise<{ rows: { row: CaseRow; names: Names }[]; next: Cursor | null }> {
  const conds = filterConditions(actor, f, now);
  if (cursor) conds.push(sql`(${cases.reportedAt}, ${cases.id}) < (${cursor.at}::timestamptz, ${cursor.id})`);
  const page = q
    .select({ pageId: cases.id })
    .from(cases)
    .where(and(...conds))
    .orderBy(desc(cases.reportedAt), desc(cases.id))
    .limit(limit + 1)
    .as('page');
  const rows = await q
    .select({ row: cases, grid: grids.name, unitGrid: unitGrid.code, department: departments.name, assignee: assignee.displayName, inspector: inspector.displayName })
    .from(page)
    .innerJoin(cases, eq(cases.id, page.pageId))
    .leftJoin(grids, eq(grids.id, cases.gridId))
    .leftJoin(unitGrid, eq(unitGrid.id, cases.unitGridId))
    .leftJoin(departments, eq(departments.id, cases.departmentId))
    .leftJoin(assignee, eq(assignee.id, cases.assigneeId))
    .leftJoin(inspector, eq(inspector.id, cases.inspectorId))
    .orderBy(desc(cases.reportedAt), desc(cases.id));
  const more = rows.length > limit;
  const out = rows.slice(0, limit).map((r) => ({ row: r.row, names: { grid: r.grid, unitGrid: r.unitGrid, department: r.department, assignee: r.assignee, inspector: r.inspector } }));
  const last = out[out.length - 1]?.row;
  return { rows: out, next: more && last ? { at: last.reportedAt.toISOString(), id: last.id } : null };
}
