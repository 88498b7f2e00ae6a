// Loading the places a community record belongs to, as policy subjects.
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../core/db/index.js';
import { notFound, Problem } from '../../core/http/problem.js';
import { buildings, departments, residentialAreas } from '../places/index.js';
import type { CommunitySubject } from './policies.js';

export interface Place {
  subject: CommunitySubject;
  buildingId: number | null;
  areaId: number | null;
  name: string;
}

/** 404 for a path parameter; 422 naming the field for a reference in a request body. */
export function missing(what: string, id: unknown, field?: string): Problem {
  if (!field) return notFound(what, id);
  return new Problem(422, 'problem.validation', {}, [{ field, in: 'body', code: 'problem.not_found_thing', params: { what: { $t: what }, id } }]);
}

export async function buildingPlace(q: Queryable, tenantId: string, buildingId: number, field?: string): Promise<Place> {
  const [b] = await q.select({ id: buildings.id, areaId: buildings.areaId, name: buildings.name }).from(buildings).where(and(eq(buildings.tenantId, tenantId), eq(buildings.id, buildingId)));
  if (!b) throw missing('thing.building', buildingId, field);
  return { subject: { tenantId, buildingId: b.id, areaId: b.areaId }, buildingId: b.id, areaId: b.areaId, name: b.name };
}

export async function areaPlace(q: Queryable, tenantId: string, areaId: number, field?: string): Promise<Place> {
  const [a] = await q.select({ id: residentialAreas.id, name: residentialAreas.name }).from(residentialAreas).where(and(eq(residentialAreas.tenantId, tenantId), eq(residentialAreas.id, areaId)));
  if (!a) throw missing('thing.area', areaId, field);
  return { subject: { tenantId, areaId: a.id }, buildingId: null, areaId: a.id, name: a.name };
}

/** A building when given, else an area; the subject the policy checks. */
export async function placeOf(q: Queryable, tenantId: string, p: { buildingId?: number | null; areaId?: number | null }, fields = false): Promise<Place | null> {
  if (p.buildingId) return buildingPlace(q, tenantId, p.buildingId, fields ? 'buildingId' : undefined);
  if (p.areaId) return areaPlace(q, tenantId, p.areaId, fields ? 'areaId' : undefined);
  return null;
}

export const COMMITTEE_KINDS = ['committee', 'building_committee', 'street_committee'];

export interface Committee {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  kind: string;
  areaId: number | null;
  buildingId: number | null;
  subject: CommunitySubject;
}

export async function loadCommittee(q: Queryable, tenantId: string, id: number, field?: string): Promise<Committee> {
  const [d] = await q.select().from(departments).where(and(eq(departments.tenantId, tenantId), eq(departments.id, id)));
  if (!d || !COMMITTEE_KINDS.includes(d.kind)) throw missing('thing.committee', id, field);
  return { id: d.id, code: d.code, name: d.name, nameEn: d.nameEn, kind: d.kind, areaId: d.areaId, buildingId: d.buildingId, subject: { tenantId, committeeId: d.id, buildingId: d.buildingId, areaId: d.areaId } };
}
