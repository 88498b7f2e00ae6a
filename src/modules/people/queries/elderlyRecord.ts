// Reading register entries: the row with the person, home and committee, and the
// details (contacts, consents, recent visits) shown on a record.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { buildings, departments, residentialAreas, units } from '../../places/index.js';
import { careVisits, elderly, elderlyContacts, residents, sensorConsents, visitRules } from '../schema.js';

export const elderlyColumns = {
  id: elderly.id,
  tenantId: elderly.tenantId,
  residentId: elderly.residentId,
  areaId: elderly.areaId,
  committeeId: elderly.committeeId,
  livesAlone: elderly.livesAlone,
  careLevel: elderly.careLevel,
  notes: elderly.notes,
  status: elderly.status,
  registeredAt: elderly.registeredAt,
  lastVisitAt: elderly.lastVisitAt,
  nextVisitDue: elderly.nextVisitDue,
  planRuleId: elderly.planRuleId,
  version: elderly.version,
  name: residents.name,
  gender: residents.gender,
  birthDate: residents.birthDate,
  phone: residents.phone,
  unitId: residents.unitId,
  unitCode: units.code,
  buildingId: residents.buildingId,
  buildingName: buildings.name,
  address: buildings.address,
  lat: buildings.lat,
  lng: buildings.lng,
  areaName: residentialAreas.name,
  committeeName: departments.name,
  committeePhone: departments.phone,
};

export function elderlyBase(q: Queryable) {
  return q
    .select(elderlyColumns)
    .from(elderly)
    .innerJoin(residents, eq(residents.id, elderly.residentId))
    .innerJoin(units, eq(units.id, residents.unitId))
    .innerJoin(buildings, eq(buildings.id, residents.buildingId))
    .innerJoin(residentialAreas, eq(residentialAreas.id, elderly.areaId))
    .innerJoin(departments, eq(departments.id, elderly.committeeId));
}

export type ElderlyRow = Awaited<ReturnType<ReturnType<typeof elderlyBase>['execute']>>[number];

export async function findElderly(q: Queryable, tenantId: string, id: number): Promise<ElderlyRow | undefined> {
  const [row] = await elderlyBase(q).where(and(eq(elderly.tenantId, tenantId), eq(elderly.id, id)));
  return row;
}

export async function contactsOf(q: Queryable, tenantId: string, elderlyId: number) {
  return q
    .select({ id: elderlyContacts.id, name: elderlyContacts.name, relation: elderlyContacts.relation, phone: elderlyContacts.phone, priority: elderlyContacts.priority })
    .from(elderlyContacts)
    .where(and(eq(elderlyContacts.tenantId, tenantId), eq(elderlyContacts.elderlyId, elderlyId)))
    .orderBy(elderlyContacts.priority, elderlyContacts.id);
}

export async function recordDetails(q: Queryable, tenantId: string, row: ElderlyRow) {
  const [contacts, consents, visits, rule] = await Promise.all([
    contactsOf(q, tenantId, row.id),
    q.select().from(sensorConsents).where(and(eq(sensorConsents.tenantId, tenantId), eq(sensorConsents.elderlyId, row.id))).orderBy(desc(sensorConsents.grantedAt)),
    q.select().from(careVisits).where(and(eq(careVisits.tenantId, tenantId), eq(careVisits.elderlyId, row.id))).orderBy(desc(careVisits.visitedAt)).limit(20),
    row.planRuleId ? q.select().from(visitRules).where(eq(visitRules.id, row.planRuleId)) : Promise.resolve([]),
  ]);
  return { contacts, consents, visits, rule: rule[0] ?? null };
}

/** The residents' committee of a residential area. */
export async function committeeOfArea(q: Queryable, tenantId: string, areaId: number): Promise<{ id: number; name: string; phone: string | null } | undefined> {
  const [d] = await q
    .select({ id: departments.id, name: departments.name, phone: departments.phone })
    .from(departments)
    .where(and(eq(departments.tenantId, tenantId), eq(departments.kind, 'committee'), eq(departments.areaId, areaId)));
  return d;
}

export const activeConsent = (tenantId: string, deviceCode: string) => and(eq(sensorConsents.tenantId, tenantId), eq(sensorConsents.deviceCode, deviceCode), isNull(sensorConsents.withdrawnAt));
