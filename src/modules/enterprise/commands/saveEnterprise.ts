// Agents register an enterprise the centre has brought in or met (building, floor,
// industry, size, stage, contacts) and keep it up to date. Settling in starts its
// lifecycle; a change of stage goes through changeStage so that it is on the record.
import { and, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { fieldProblem, notFound } from '../../../core/http/problem.js';
import { localDate } from '../../../core/calendar/index.js';
import { buildings } from '../../places/index.js';
import { enterprises, entContacts, entLifecycle } from '../schema.js';
import { isValidCreditCode } from '../domain/creditCode.js';
import type { Size, Stage } from '../domain/enterprise.js';

export interface ContactInput {
  name: string;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  primary?: boolean;
}

export interface EnterpriseInput {
  name: string;
  creditCode?: string | null;
  buildingId: number;
  floor: number;
  room?: string | null;
  industry: string;
  size: Size;
  stage: Stage;
  projectTier?: 'ten_million' | 'million' | null;
  settledOn?: string | null;
  contacts?: ContactInput[];
}

async function check(tx: Parameters<Parameters<AppContext['db']['transaction']>[0]>[0], tenantId: string, input: Partial<EnterpriseInput>, selfId: number | null) {
  if (input.creditCode) {
    if (!isValidCreditCode(input.creditCode)) throw fieldProblem('creditCode', 'ent.enterprise.credit_code', { code: input.creditCode }, 'body', 422);
    const [dup] = await tx
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(and(eq(enterprises.tenantId, tenantId), eq(enterprises.creditCode, input.creditCode), ...(selfId ? [ne(enterprises.id, selfId)] : [])));
    if (dup) throw fieldProblem('creditCode', 'ent.enterprise.credit_taken', { code: input.creditCode }, 'body', 409);
  }
  if (input.buildingId !== undefined) {
    const [b] = await tx.select({ kind: buildings.kind, floors: buildings.floors }).from(buildings).where(and(eq(buildings.tenantId, tenantId), eq(buildings.id, input.buildingId)));
    if (!b) throw fieldProblem('buildingId', 'ent.building.unknown', { id: input.buildingId }, 'body', 422);
    if (input.floor !== undefined && (input.floor < -3 || input.floor > b.floors)) throw fieldProblem('floor', 'ent.enterprise.floor', { floors: b.floors }, 'body', 422);
  }
  if (input.contacts && input.contacts.filter((c) => c.primary).length > 1) throw fieldProblem('contacts', 'ent.enterprise.one_primary', {}, 'body', 422);
}

export async function createEnterprise(ctx: AppContext, actor: UserActor, input: EnterpriseInput): Promise<{ id: number }> {
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    await check(tx, tenantId, input, null);
    const now = ctx.clock.now();
    const { contacts = [], ...fields } = input;
    const [row] = await tx.insert(enterprises).values({ tenantId, ...fields, creditCode: fields.creditCode || null, settledOn: fields.settledOn ?? localDate(now) }).returning({ id: enterprises.id });
    const id = row!.id;
    if (contacts.length) await tx.insert(entContacts).values(contacts.map((c, i) => ({ tenantId, enterpriseId: id, ...c, primary: c.primary ?? i === 0 })));
    await tx.insert(entLifecycle).values({ tenantId, enterpriseId: id, at: now, kind: 'settled', toStage: input.stage, byUserId: actor.id });
    await audit(tx, { tenantId, actor, action: 'enterprise.enterprise.create', subjectType: 'enterprise', subjectId: id, detail: input });
    await emit(tx, [{ tenantId, type: 'enterprise.enterprise.created', subjectType: 'enterprise', subjectId: String(id), scope: { enterprises: [id] }, payload: { name: input.name, buildingId: input.buildingId } }]);
    return { id };
  });
}

export async function updateEnterprise(ctx: AppContext, actor: UserActor, id: number, input: Partial<Omit<EnterpriseInput, 'stage'>>): Promise<void> {
  const tenantId = actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const [e] = await tx.select().from(enterprises).where(and(eq(enterprises.tenantId, tenantId), eq(enterprises.id, id))).for('update');
    if (!e) throw notFound('thing.enterprise', id);
    await check(tx, tenantId, { ...input, buildingId: input.buildingId ?? e.buildingId, floor: input.floor ?? e.floor }, id);
    const { contacts, ...fields } = input;
    if (Object.keys(fields).length) await tx.update(enterprises).set(fields).where(eq(enterprises.id, id));
    if (contacts) {
      // a contact with a log-in keeps it when the list is saved again under the same name
      const old = await tx.select().from(entContacts).where(eq(entContacts.enterpriseId, id));
      await tx.delete(entContacts).where(eq(entContacts.enterpriseId, id));
      if (contacts.length) await tx.insert(entContacts).values(contacts.map((c, i) => ({ tenantId, enterpriseId: id, ...c, primary: c.primary ?? i === 0, userId: old.find((o) => o.name === c.name)?.userId ?? null })));
    }
    await audit(tx, { tenantId, actor, action: 'enterprise.enterprise.update', subjectType: 'enterprise', subjectId: id, detail: input });
    await emit(tx, [{ tenantId, type: 'enterprise.enterprise.updated', subjectType: 'enterprise', subjectId: String(id), scope: { enterprises: [id] }, payload: { fields: Object.keys(input) } }]);
  });
}
