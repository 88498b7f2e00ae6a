// The catalogue (清单): read by every signed-in user, edited by admins (versioned and
// audited); the offices errands run through.
import { Type } from '@sinclair/typebox';
import { asc, eq } from 'drizzle-orm';
import type { App, AppContext } from '../../../core/context.js';
import { can, type UserActor } from '../../../core/auth/index.js';
import { entOffices } from '../schema.js';
import { LEVELS } from '../domain/catalogue.js';
import { catalogueTree, itemVersions } from '../queries/catalogue.js';
import { createItem } from '../commands/createItem.js';
import { updateItem } from '../commands/updateItem.js';
import { saveSection } from '../commands/saveSection.js';
import { OFFICE_KINDS, saveOffice } from '../commands/saveOffice.js';
import { Id, IdParams, Literals, Nullable, Time } from './schemas.js';

const tags = ['enterprise catalogue'];
const ItemOut = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  level: Type.String(),
  description: Type.String(),
  materials: Type.Array(Type.String()),
  steps: Type.Array(Type.Object({ office: Type.String(), officeName: Type.String(), officeKind: Type.String(), task: Type.String() })),
  limitDays: Type.Integer(),
  priceNote: Nullable(Type.String()),
  active: Type.Boolean(),
  version: Type.Integer(),
  updatedAt: Time,
});
const Section = { id: Type.Integer(), code: Type.String(), name: Type.String(), nameEn: Type.String() };
const Tree = Type.Array(Type.Object({ ...Section, subcategories: Type.Array(Type.Object({ ...Section, items: Type.Array(ItemOut) })) }));

const StepT = Type.Object({ office: Type.String({ minLength: 1, maxLength: 40 }), task: Type.String({ maxLength: 200 }) });
const ItemFieldsT = {
  name: Type.String({ minLength: 2, maxLength: 80 }),
  nameEn: Type.String({ minLength: 2, maxLength: 160 }),
  level: Literals(LEVELS),
  description: Type.String({ maxLength: 2000 }),
  materials: Type.Array(Type.String({ maxLength: 120 }), { maxItems: 40 }),
  steps: Type.Array(StepT, { maxItems: 20 }),
  limitDays: Type.Integer({ minimum: 1, maximum: 60 }),
  priceNote: Nullable(Type.String({ maxLength: 200 })),
  active: Type.Boolean(),
  subcategoryId: Id,
};
const SectionBody = Type.Object({ code: Type.Optional(Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9_-]+$' })), name: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })), nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })), sort: Type.Optional(Type.Integer()) });
const Created = Type.Object({ id: Type.Integer() });

export function catalogueRoutes(app: App, ctx: AppContext): void {
  const user = (r: { actor: unknown }) => r.actor as UserActor;

  app.get(
    '/enterprise/catalogue',
    { config: { policy: 'enterprise.catalogue.read' }, schema: { tags, summary: 'The service catalogue: categories, subcategories, items with materials, offices and limits', querystring: Type.Object({ includeInactive: Type.Optional(Type.Boolean()) }), response: { 200: Tree } } },
    async (request) => catalogueTree(ctx.db, request.actor.tenantId, { includeInactive: !!request.query.includeInactive && can(request.actor, 'enterprise.catalogue.manage') }),
  );

  app.get(
    '/enterprise/items/:id/versions',
    { config: { policy: 'enterprise.catalogue.read' }, schema: { tags, summary: 'Every saved version of an item, newest first', params: IdParams, response: { 200: Type.Array(Type.Object({ version: Type.Integer(), data: Type.Record(Type.String(), Type.Unknown()), note: Nullable(Type.String()), changedBy: Nullable(Type.String()), changedAt: Time })) } } },
    async (request) => itemVersions(ctx.db, request.actor.tenantId, request.params.id),
  );

  app.post(
    '/enterprise/items',
    { config: { policy: 'enterprise.catalogue.manage' }, schema: { tags, summary: 'Add an item (version 1)', body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9_-]+$' }), ...ItemFieldsT, note: Type.Optional(Nullable(Type.String({ maxLength: 200 }))) }), response: { 201: Type.Object({ id: Type.Integer(), version: Type.Integer() }) } } },
    async (request, reply) => reply.status(201).send(await createItem(ctx, user(request), request.body)),
  );

  app.patch(
    '/enterprise/items/:id',
    {
      config: { policy: 'enterprise.catalogue.manage' },
      schema: { tags, summary: 'Change an item: a new version; `version` is the one you edited (409 if someone saved since)', params: IdParams, body: Type.Object({ version: Type.Integer({ minimum: 1 }), note: Type.Optional(Nullable(Type.String({ maxLength: 200 }))), ...Object.fromEntries(Object.entries(ItemFieldsT).map(([k, v]) => [k, Type.Optional(v)])) }), response: { 200: Type.Object({ version: Type.Integer() }) } },
    },
    async (request) => updateItem(ctx, user(request), request.params.id, request.body as Parameters<typeof updateItem>[3]),
  );

  app.post('/enterprise/categories', { config: { policy: 'enterprise.catalogue.manage' }, schema: { tags, summary: 'Add a category', body: SectionBody, response: { 201: Created } } }, async (request, reply) => reply.status(201).send(await saveSection(ctx, user(request), 'category', null, request.body)));
  app.patch('/enterprise/categories/:id', { config: { policy: 'enterprise.catalogue.manage' }, schema: { tags, summary: 'Rename or reorder a category', params: IdParams, body: Type.Composite([SectionBody], { minProperties: 1 }), response: { 200: Created } } }, async (request) => saveSection(ctx, user(request), 'category', request.params.id, request.body));
  app.post(
    '/enterprise/subcategories',
    { config: { policy: 'enterprise.catalogue.manage' }, schema: { tags, summary: 'Add a subcategory', body: Type.Composite([SectionBody, Type.Object({ categoryId: Id })]), response: { 201: Created } } },
    async (request, reply) => reply.status(201).send(await saveSection(ctx, user(request), 'subcategory', null, request.body)),
  );
  app.patch(
    '/enterprise/subcategories/:id',
    { config: { policy: 'enterprise.catalogue.manage' }, schema: { tags, summary: 'Rename, reorder or move a subcategory', params: IdParams, body: Type.Composite([SectionBody, Type.Object({ categoryId: Type.Optional(Id) })], { minProperties: 1 }), response: { 200: Created } } },
    async (request) => saveSection(ctx, user(request), 'subcategory', request.params.id, request.body),
  );

  const OfficeBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' }), name: Type.String({ minLength: 2, maxLength: 80 }), nameEn: Type.String({ minLength: 2, maxLength: 160 }), kind: Literals(OFFICE_KINDS), address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))), phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))) });
  app.get(
    '/enterprise/offices',
    { config: { policy: 'enterprise.offices.read' }, schema: { tags, summary: 'Offices errands run through (the centre, departments, outside offices)', response: { 200: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), nameEn: Type.String(), kind: Type.String(), address: Nullable(Type.String()), phone: Nullable(Type.String()) })) } } },
    async (request) => ctx.db.select().from(entOffices).where(eq(entOffices.tenantId, request.actor.tenantId)).orderBy(asc(entOffices.id)),
  );
  app.post('/enterprise/offices', { config: { policy: 'enterprise.offices.manage' }, schema: { tags, summary: 'Add an office', body: OfficeBody, response: { 201: Created } } }, async (request, reply) => reply.status(201).send(await saveOffice(ctx, user(request), null, request.body)));
  app.put('/enterprise/offices/:id', { config: { policy: 'enterprise.offices.manage' }, schema: { tags, summary: 'Change an office (its code stays)', params: IdParams, body: OfficeBody, response: { 200: Created } } }, async (request) => saveOffice(ctx, user(request), request.params.id, request.body));
}
