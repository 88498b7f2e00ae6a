// The elderly register: list, one record (every read audited), register, change,
// emergency contacts, sensor consents, and the contacts a care case's handler needs.
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../../core/context.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { localDate } from '../../../core/calendar/index.js';
import { Problem, notFound } from '../../../core/http/problem.js';
import { ageBand, ageOn } from '../domain/age.js';
import { dueState } from '../domain/visitPlan.js';
import { contactsOf, findElderly, recordDetails } from '../queries/elderlyRecord.js';
import { listRegister } from '../queries/registerList.js';
import { deviceWatch } from '../queries/deviceWatch.js';
import { registerElderly } from '../commands/registerElderly.js';
import { updateElderly } from '../commands/updateElderly.js';
import { replaceContacts } from '../commands/replaceContacts.js';
import { grantConsent } from '../commands/grantConsent.js';
import { withdrawConsent } from '../commands/withdrawConsent.js';
import { Band, Contact, ContactOut, DeviceCode, DeviceKind, Id, IdParams, ListItem, Nullable, NullableStr } from './schemas.js';

const CareLevel = Type.Integer({ minimum: 0, maximum: 6 });
const CaseRef = Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'the care case the handler is working on (recorded in the audit)' }));

export function elderlyRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/people/elderly',
    {
      config: { policy: 'people.elderly.read' },
      schema: {
        tags: ['people'],
        summary: 'Register entries in my areas (each entry returned is audited as read)',
        querystring: Type.Object({
          areaId: Type.Optional(Id),
          band: Type.Optional(Band),
          alone: Type.Optional(Type.Boolean()),
          careLevelMin: Type.Optional(CareLevel),
          due: Type.Optional(Type.Union([Type.Literal('overdue'), Type.Literal('due')])),
          q: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
        }),
        response: { 200: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(ListItem) }) },
      },
    },
    async (request) => listRegister(ctx.db, request.actor, request.query, ctx.clock.now(), request.ip),
  );

  app.get(
    '/people/elderly/:id',
    {
      config: { policy: 'people.elderly.read' },
      schema: { tags: ['people'], summary: 'One register entry with contacts, sensor consents and visits (audited)', params: IdParams },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const now = ctx.clock.now();
      const row = await findElderly(ctx.db, tenantId, request.params.id);
      if (!row) throw notFound('thing.elderly', request.params.id);
      authorize(request.actor, 'people.elderly.read', row, { type: 'elderly', id: row.id });
      const d = await recordDetails(ctx.db, tenantId, row);
      await audit(ctx.db, { tenantId, actor: request.actor, action: 'people.elderly.read', subjectType: 'elderly', subjectId: row.id, ip: request.ip });
      const age = ageOn(row.birthDate, localDate(now));
      return {
        id: row.id,
        version: row.version,
        residentId: row.residentId,
        name: row.name,
        gender: row.gender,
        birthDate: row.birthDate,
        age,
        band: ageBand(age),
        phone: row.phone,
        livesAlone: row.livesAlone,
        careLevel: row.careLevel,
        notes: row.notes,
        status: row.status,
        registeredAt: row.registeredAt.toISOString(),
        home: { areaId: row.areaId, areaName: row.areaName, buildingId: row.buildingId, buildingName: row.buildingName, unitCode: row.unitCode, address: row.address, lat: row.lat, lng: row.lng },
        committee: { id: row.committeeId, name: row.committeeName, phone: row.committeePhone },
        plan: { rule: d.rule ? { id: d.rule.id, name: d.rule.name, nameEn: d.rule.nameEn, every: d.rule.every, unit: d.rule.unit } : null, lastVisitAt: row.lastVisitAt?.toISOString() ?? null, nextVisitDue: row.nextVisitDue?.toISOString() ?? null, dueState: row.status === 'active' ? dueState(row.nextVisitDue, now) : 'none' },
        contacts: d.contacts.map(({ id: _i, ...c }) => c),
        consents: d.consents.map((c) => ({ id: c.id, deviceCode: c.deviceCode, deviceKind: c.deviceKind, givenBy: c.givenBy, guardianName: c.guardianName, note: c.note, grantedAt: c.grantedAt.toISOString(), withdrawnAt: c.withdrawnAt?.toISOString() ?? null, active: !c.withdrawnAt })),
        visits: d.visits.map((v) => ({ id: v.id, visitedAt: v.visitedAt.toISOString(), mode: v.mode, outcome: v.outcome, notes: v.notes, visitorUserId: v.visitorUserId })),
      };
    },
  );

  app.post(
    '/people/elderly',
    {
      config: { policy: 'people.elderly.manage' },
      schema: {
        tags: ['people'],
        summary: 'Put a resident aged 60+ on the register',
        body: Type.Object({ residentId: Id, livesAlone: Type.Boolean(), careLevel: Type.Integer({ minimum: 0, maximum: 6, default: 0 }), notes: Type.Optional(NullableStr({ maxLength: 500 })), contacts: Type.Array(Contact, { maxItems: 5, default: [] }) }),
        response: { 201: Type.Object({ id: Type.Integer() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await registerElderly(ctx, request.actor, request.body)),
  );

  app.patch(
    '/people/elderly/:id',
    {
      config: { policy: 'people.elderly.manage' },
      schema: {
        tags: ['people'],
        summary: 'Change a register entry (send the version you read)',
        params: IdParams,
        body: Type.Object({ version: Type.Integer({ minimum: 1 }), livesAlone: Type.Optional(Type.Boolean()), careLevel: Type.Optional(CareLevel), notes: Type.Optional(NullableStr({ maxLength: 500 })), status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('moved'), Type.Literal('deceased')])) }),
        response: { 200: Type.Object({ version: Type.Integer() }) },
      },
    },
    async (request) => updateElderly(ctx, request.actor, request.params.id, request.body),
  );

  app.put(
    '/people/elderly/:id/contacts',
    {
      config: { policy: 'people.elderly.manage' },
      schema: { tags: ['people'], summary: 'Replace the emergency contacts (in call order)', params: IdParams, body: Type.Object({ contacts: Type.Array(Contact, { maxItems: 5 }) }), response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await replaceContacts(ctx, request.actor, request.params.id, request.body.contacts);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/people/elderly/:id/consents',
    {
      config: { policy: 'people.elderly.manage' },
      schema: {
        tags: ['people'],
        summary: 'Record consent to link a sensor (by device code) to this person',
        params: IdParams,
        body: Type.Object({ deviceCode: DeviceCode, deviceKind: DeviceKind, givenBy: Type.Union([Type.Literal('self'), Type.Literal('guardian')]), guardianName: Type.Optional(NullableStr({ maxLength: 40 })), note: Type.Optional(NullableStr({ maxLength: 300 })) }),
        response: { 201: Type.Object({ id: Type.Integer() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await grantConsent(ctx, request.actor, request.params.id, request.body)),
  );

  app.post(
    '/people/consents/:id/withdraw',
    { config: { policy: 'people.elderly.manage' }, schema: { tags: ['people'], summary: 'Withdraw a sensor consent', params: IdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await withdrawConsent(ctx, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  const Watch = Type.Object({
    elderlyId: Type.Integer(),
    name: Type.String(),
    age: Type.Integer(),
    livesAlone: Type.Boolean(),
    careLevel: Type.Integer(),
    address: Type.String(),
    buildingName: Type.String(),
    unitCode: Type.String(),
    committee: Type.Object({ departmentId: Type.Integer(), name: Type.String(), phone: Nullable(Type.String()) }),
    device: Nullable(Type.Object({ code: Type.String(), kind: Type.String(), consentId: Type.Integer() })),
    emergencyContacts: Type.Array(ContactOut),
  });

  app.get(
    '/people/devices/:code/watch',
    {
      config: { policy: 'people.elderly.read' },
      schema: {
        tags: ['people'],
        summary: 'Whom a sensor watches (active consent only), the committee and emergency contacts — for the handler of a care case (audited)',
        params: Type.Object({ code: DeviceCode }),
        querystring: Type.Object({ caseRef: CaseRef }),
        response: { 200: Watch },
      },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const w = await deviceWatch(ctx.db, tenantId, request.params.code, ctx.clock.now());
      if (!w) throw new Problem(404, 'people.device_unlinked', { device: request.params.code });
      authorize(request.actor, 'people.elderly.read', { tenantId, areaId: w.elderly.areaId, committeeId: w.committee.departmentId }, { type: 'elderly', id: w.elderly.id });
      await audit(ctx.db, { tenantId, actor: request.actor, action: 'people.contacts.read', subjectType: 'elderly', subjectId: w.elderly.id, detail: { via: 'device', deviceCode: w.deviceCode, caseRef: request.query.caseRef ?? null }, ip: request.ip });
      const e = w.elderly;
      return { elderlyId: e.id, name: e.name, age: e.age, livesAlone: e.livesAlone, careLevel: e.careLevel, address: e.address, buildingName: e.buildingName, unitCode: e.unitCode, committee: w.committee, device: { code: w.deviceCode, kind: w.deviceKind, consentId: w.consentId }, emergencyContacts: w.emergencyContacts };
    },
  );

  app.get(
    '/people/elderly/:id/emergency-contacts',
    {
      config: { policy: 'people.elderly.read' },
      schema: { tags: ['people'], summary: 'Emergency contacts of a register entry, for the handler of a care case (audited)', params: IdParams, querystring: Type.Object({ caseRef: CaseRef }), response: { 200: Watch } },
    },
    async (request) => {
      const { tenantId } = request.actor;
      const row = await findElderly(ctx.db, tenantId, request.params.id);
      if (!row) throw notFound('thing.elderly', request.params.id);
      authorize(request.actor, 'people.elderly.read', row, { type: 'elderly', id: row.id });
      const contacts = await contactsOf(ctx.db, tenantId, row.id);
      await audit(ctx.db, { tenantId, actor: request.actor, action: 'people.contacts.read', subjectType: 'elderly', subjectId: row.id, detail: { via: 'record', caseRef: request.query.caseRef ?? null }, ip: request.ip });
      return {
        elderlyId: row.id,
        name: row.name,
        age: ageOn(row.birthDate, localDate(ctx.clock.now())),
        livesAlone: row.livesAlone,
        careLevel: row.careLevel,
        address: row.address,
        buildingName: row.buildingName,
        unitCode: row.unitCode,
        committee: { departmentId: row.committeeId, name: row.committeeName, phone: row.committeePhone },
        device: null,
        emergencyContacts: contacts.map(({ id: _i, ...c }) => c),
      };
    },
  );
}
