// Who a sensor watches: the person (only under an active consent on an active register
// entry), the responsible residents' committee and the emergency contacts in call order.
// The alarm → urgent care case flow uses this through the module's index.
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { localDate } from '../../../core/calendar/index.js';
import { elderly, sensorConsents } from '../schema.js';
import { ageOn } from '../domain/age.js';
import { activeConsent, contactsOf, elderlyBase } from './elderlyRecord.js';

export interface DeviceWatch {
  consentId: number;
  deviceCode: string;
  deviceKind: string;
  grantedAt: string;
  elderly: {
    id: number;
    residentId: number;
    name: string;
    gender: string;
    age: number;
    livesAlone: boolean;
    careLevel: number;
    areaId: number;
    address: string;
    buildingId: number;
    buildingName: string;
    unitCode: string;
    lat: number;
    lng: number;
  };
  committee: { departmentId: number; name: string; phone: string | null };
  emergencyContacts: { name: string; relation: string; phone: string; priority: number }[];
}

export async function deviceWatch(q: Queryable, tenantId: string, deviceCode: string, now: Date = new Date()): Promise<DeviceWatch | null> {
  const [c] = await q.select().from(sensorConsents).where(activeConsent(tenantId, deviceCode.trim()));
  if (!c) return null;
  const [e] = await elderlyBase(q).where(and(eq(elderly.tenantId, tenantId), eq(elderly.id, c.elderlyId), eq(elderly.status, 'active')));
  if (!e) return null;
  const contacts = await contactsOf(q, tenantId, e.id);
  return {
    consentId: c.id,
    deviceCode: c.deviceCode,
    deviceKind: c.deviceKind,
    grantedAt: c.grantedAt.toISOString(),
    elderly: {
      id: e.id,
      residentId: e.residentId,
      name: e.name,
      gender: e.gender,
      age: ageOn(e.birthDate, localDate(now)),
      livesAlone: e.livesAlone,
      careLevel: e.careLevel,
      areaId: e.areaId,
      address: e.address,
      buildingId: e.buildingId,
      buildingName: e.buildingName,
      unitCode: e.unitCode,
      lat: e.lat,
      lng: e.lng,
    },
    committee: { departmentId: e.committeeId, name: e.committeeName, phone: e.committeePhone },
    emergencyContacts: contacts.map(({ id: _id, ...k }) => k),
  };
}
