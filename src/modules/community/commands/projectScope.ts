// A renewal project belongs to a residential area (and maybe one building); the
// committees working on it together (三会联动) all act for it.
import { and, eq } from 'drizzle-orm';
import { authorize, can, type Actor } from '../../../core/auth/index.js';
import type { Queryable } from '../../../core/db/index.js';
import { Problem } from '../../../core/http/problem.js';
import { buildings } from '../../places/index.js';
import { renewalProjects } from '../schema.js';
import type { CommunitySubject } from '../policies.js';
import { missing } from '../scope.js';
import { stateConflict, userIdOf } from './common.js';
import { allowedProjectActions, type ProjectStatus } from '../domain/projectStatus.js';

export type ProjectRow = typeof renewalProjects.$inferSelect;

export async function loadProject(q: Queryable, tenantId: string, id: number, lock = false): Promise<ProjectRow> {
  const query = q.select().from(renewalProjects).where(and(eq(renewalProjects.tenantId, tenantId), eq(renewalProjects.id, id)));
  const [p] = lock ? await query.for('update') : await query;
  if (!p) throw missing('thing.project', id);
  return p;
}

export async function projectSubjects(q: Queryable, p: Pick<ProjectRow, 'tenantId' | 'areaId' | 'buildingId' | 'committeeIds'>): Promise<CommunitySubject[]> {
  let areaId = p.areaId;
  if (!areaId && p.buildingId) areaId = (await q.select({ areaId: buildings.areaId }).from(buildings).where(eq(buildings.id, p.buildingId)))[0]?.areaId ?? null;
  return [{ tenantId: p.tenantId, areaId, buildingId: p.buildingId }, ...p.committeeIds.map((committeeId) => ({ tenantId: p.tenantId, committeeId }))];
}

/** Any of the project's places or partner committees in scope will do. */
export async function authorizeProject(q: Queryable, actor: Actor, action: string, p: Pick<ProjectRow, 'tenantId' | 'areaId' | 'buildingId' | 'committeeIds'>): Promise<void> {
  const subjects = await projectSubjects(q, p);
  if (subjects.some((s) => can(actor, action, s))) return;
  throw new Problem(actor.kind === 'anonymous' ? 401 : 403, actor.kind === 'anonymous' ? 'auth.required' : 'auth.forbidden', { action }, undefined, { action });
}

export function requireStatus(p: ProjectRow, ok: readonly ProjectStatus[], action: string): void {
  if (!ok.includes(p.status as ProjectStatus)) throw stateConflict('project.state', p.status, action, allowedProjectActions(p.status as ProjectStatus));
}

export const scopeOfProject = (p: Pick<ProjectRow, 'areaId' | 'buildingId'>) => ({ areas: p.areaId ? [p.areaId] : [], buildings: p.buildingId ? [p.buildingId] : [] });

/** Who a pledge or an adoption is in the name of: a committee member in scope may name
 * someone else; otherwise it is the signed-in owner themselves. */
export async function actingFor(q: Queryable, actor: Actor, p: ProjectRow, named?: string): Promise<{ name: string; userId: number | null }> {
  if (named) {
    await authorizeProject(q, actor, 'community.manage', p);
    return { name: named, userId: null };
  }
  authorize(actor, 'community.participate');
  return { name: actor.kind === 'user' ? actor.displayName : '', userId: userIdOf(actor) };
}
