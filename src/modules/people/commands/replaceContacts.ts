// Replace the emergency contacts of a register entry (the order given is the call order).
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor } from '../../../core/auth/index.js';
import { authorize } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { notFound } from '../../../core/http/problem.js';
import { elderly, elderlyContacts } from '../schema.js';
import { careScope } from '../shared.js';
import type { ContactInput } from './registerElderly.js';

export async function replaceContacts(ctx: AppContext, actor: Actor, id: number, contacts: ContactInput[]): Promise<void> {
  const tenantId = actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const [e] = await tx.select().from(elderly).where(and(eq(elderly.tenantId, tenantId), eq(elderly.id, id))).for('update');
    if (!e) throw notFound('thing.elderly', id);
    authorize(actor, 'people.elderly.manage', e, { type: 'elderly', id });
    await tx.delete(elderlyContacts).where(and(eq(elderlyContacts.tenantId, tenantId), eq(elderlyContacts.elderlyId, id)));
    if (contacts.length) await tx.insert(elderlyContacts).values(contacts.map((c, i) => ({ tenantId, elderlyId: id, ...c, priority: i + 1 })));
    await tx.update(elderly).set({ version: e.version + 1, updatedAt: ctx.clock.now() }).where(eq(elderly.id, id));
    // the audit names relations only: phone numbers stay in the register
    await audit(tx, { tenantId, actor, action: 'people.contacts.replace', subjectType: 'elderly', subjectId: id, detail: { count: contacts.length, relations: contacts.map((c) => c.relation) } });
    await emit(tx, [{ tenantId, type: 'people.elderly.updated', subjectType: 'elderly', subjectId: String(id), scope: careScope(e), payload: { fields: ['contacts'] } }]);
  });
}
