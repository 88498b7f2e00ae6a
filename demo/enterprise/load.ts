// Demo data of the enterprise service centre: more frontline agents, the offices and
// the 4/17/96 catalogue, about 1,200 enterprises with contacts and lifecycles, months of
// visits and requests relative to today, events; the demo user `ent` acts for one
// enterprise in 凯迪克大厦.
import { eq } from 'drizzle-orm';
import type { Tx } from '../../src/core/db/index.js';
import { users, userScopes } from '../../src/core/auth/index.js';
import { WorkingCalendar, officialCalendar, parseOfficeHours } from '../../src/core/calendar/index.js';
import {
  enterprises,
  entCategories,
  entContacts,
  entEventRegistrations,
  entEvents,
  entHandovers,
  entItems,
  entItemVersions,
  entLifecycle,
  entOffices,
  entRequestLog,
  entRequests,
  entRequestSteps,
  entStreetProblems,
  entSubcategories,
  entVisitEnterprises,
  entVisitFindings,
  entVisitPlans,
  entVisits,
} from '../../src/modules/enterprise/schema.js';
import type { DemoData } from '../generate.js';
import type { DemoExtension, DemoIds } from '../extensions.js';
import { Rng, DEMO_SEED } from '../random.js';
import { CATALOGUE, OFFICES } from './catalogue.js';
import { DEMO_ENTERPRISE, generateEnterprises } from './enterprises.js';
import { generateRequests, historyStart, makeRequest, type GenRequest, type HistItem } from './history.js';
import { generateEvents, generateVisits, type VisitBuilding } from './visits.js';

/** Frontline agents besides the listed `agent` account. */
export const EXTRA_AGENTS: [string, string][] = [
  ['qf01', '代办专员 钱芸'],
  ['qf02', '代办专员 陆骏'],
  ['qf03', '代办专员 施雯'],
  ['qf04', '代办专员 顾晨'],
  ['qf05', '代办专员 俞斌'],
];

/** Months of history before the current one. */
export const HISTORY_MONTHS = 5;

async function chunked<T>(rows: T[], size: number, fn: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await fn(rows.slice(i, i + size));
}

async function insertIds<T>(rows: T[], size: number, fn: (chunk: T[]) => Promise<{ id: number }[]>): Promise<number[]> {
  const ids: number[] = [];
  await chunked(rows, size, async (c) => ids.push(...(await fn(c)).map((r) => r.id)));
  return ids;
}

export const enterpriseDemo: DemoExtension = {
  name: 'enterprise',
  async load(tx: Tx, data: DemoData, ids: DemoIds) {
    const now = new Date();
    const rng = new Rng(DEMO_SEED).fork('enterprise');
    const tenantId = ids.tenantId;
    const cal = new WorkingCalendar(officialCalendar(), parseOfficeHours((data.tenant.settings.officeHours as string[][]) ?? [['09:00', '17:30']]));
    const qf = ids.departmentId.get('QF')!;

    // --- agents: the listed ones plus five more, sharing the demo password's hash
    const [agentRow] = await tx.select({ hash: users.passwordHash }).from(users).where(eq(users.id, ids.userId.get('agent')!));
    const extra = await tx
      .insert(users)
      .values(EXTRA_AGENTS.map(([username, displayName], i) => ({ tenantId, username, displayName, passwordHash: agentRow!.hash, roles: ['agent'], departmentId: qf, phone: `1391000${String(i + 1).padStart(4, '0')}` })))
      .returning({ id: users.id, username: users.username });
    for (const u of extra) ids.userId.set(u.username, u.id);
    await tx.insert(userScopes).values(extra.map((u) => ({ tenantId, userId: u.id, kind: 'department', refId: qf })));
    const chief = ids.userId.get('chief')!;
    const agents = [ids.userId.get('agent')!, ...extra.map((u) => u.id)];

    // --- offices and the catalogue
    const officeRows = await tx
      .insert(entOffices)
      .values(OFFICES.map((o) => ({ tenantId, code: o.code, name: o.name, nameEn: o.nameEn, kind: o.kind, departmentId: o.department ? (ids.departmentId.get(o.department) ?? null) : null, address: o.address ?? null, phone: o.phone ?? null, illustrative: o.illustrative ?? false })))
      .returning({ id: entOffices.id, code: entOffices.code });
    const officeId = new Map(officeRows.map((o) => [o.code, o.id]));
    const items: HistItem[] = [];
    for (const [ci, c] of CATALOGUE.entries()) {
      const [cat] = await tx.insert(entCategories).values({ tenantId, code: c.code, name: c.name, nameEn: c.nameEn, sort: ci }).returning({ id: entCategories.id });
      for (const [si, s] of c.subcategories.entries()) {
        const [sub] = await tx.insert(entSubcategories).values({ tenantId, categoryId: cat!.id, code: s.code, name: s.name, nameEn: s.nameEn, sort: si }).returning({ id: entSubcategories.id });
        const values = s.items.map(([code, name, nameEn, level, limitDays, materials, steps, priceNote]) => ({
          tenantId,
          subcategoryId: sub!.id,
          code,
          name,
          nameEn,
          level: level === 'b' ? 'basic' : 'value_added',
          description: '',
          materials,
          steps: steps.map(([office, task]) => ({ office, task })),
          limitDays,
          priceNote: priceNote ?? null,
          active: true,
          version: 1,
          updatedAt: now,
        }));
        const rows = await tx.insert(entItems).values(values).returning({ id: entItems.id });
        await tx.insert(entItemVersions).values(rows.map((r, i) => ({ tenantId, itemId: r.id, version: 1, data: values[i]!, note: '初始清单', changedAt: now })));
        rows.forEach((r, i) => {
          const [, name, , , limitDays, materials, steps] = s.items[i]!;
          items.push({ id: r.id, category: c.code, name, version: 1, limitDays, materials, steps: steps.map(([office, task]) => ({ officeId: officeId.get(office)!, officeCode: office, task })) });
        });
      }
    }

    // --- enterprises, contacts, lifecycle
    const gen = generateEnterprises(rng.fork('enterprises'), data.buildings, now);
    const entIds = await insertIds(gen, 500, (chunk) =>
      tx
        .insert(enterprises)
        .values(chunk.map((e) => ({ tenantId, name: e.name, creditCode: e.creditCode, buildingId: ids.buildingId.get(e.buildingCode)!, floor: e.floor, room: e.room, industry: e.industry, size: e.size, stage: e.stage, projectTier: e.projectTier, settledOn: e.settledOn, illustrative: true })))
        .returning({ id: enterprises.id }),
    );
    const entUser = ids.userId.get(DEMO_ENTERPRISE.account)!;
    const demoIndex = gen.findIndex((e) => e.name === DEMO_ENTERPRISE.name);
    const demoEnt = entIds[demoIndex]!;
    await chunked(
      gen.flatMap((e, i) => e.contacts.map((c) => ({ tenantId, enterpriseId: entIds[i]!, name: c.name, title: c.title, phone: c.phone, email: c.email, primary: c.primary, userId: c.account ? ids.userId.get(c.account)! : null }))),
      1000,
      (chunk) => tx.insert(entContacts).values(chunk),
    );
    await tx.insert(userScopes).values({ tenantId, userId: entUser, kind: 'enterprise', refId: demoEnt });
    type Life = typeof entLifecycle.$inferInsert;
    const life: Life[] = gen.flatMap((e, i) => [
      { tenantId, enterpriseId: entIds[i]!, at: new Date(`${e.settledOn}T10:00:00+08:00`), kind: 'settled', toStage: 'startup' },
      ...e.stageChanges.map(([at, from, to]) => ({ tenantId, enterpriseId: entIds[i]!, at: new Date(`${at}T10:00:00+08:00`), kind: 'stage', fromStage: from, toStage: to, note: to === 'growth' ? '营收和人员规模持续增长' : '进入稳定经营期', byUserId: chief })),
    ]);

    // --- visits (月月进楼)
    const offices = data.buildings.filter((b) => b.kind === 'office').sort((a, b) => a.code.localeCompare(b.code));
    const byBuilding = new Map<string, number[]>();
    gen.forEach((e, i) => byBuilding.set(e.buildingCode, [...(byBuilding.get(e.buildingCode) ?? []), entIds[i]!]));
    const visitBuildings: VisitBuilding[] = offices.map((b) => ({ id: ids.buildingId.get(b.code)!, code: b.code, name: b.name, address: b.address, lng: b.lng, lat: b.lat, enterprises: byBuilding.get(b.code) ?? [] }));
    const fromMonth = new Date(historyStart(now, HISTORY_MONTHS).getTime() + 8 * 3600_000).toISOString().slice(0, 7);
    const needItems = items.filter((it) => it.category === 'A' || it.category === 'D').map((it) => it.id);
    const { plans, visits } = generateVisits(rng.fork('visits'), cal, now, fromMonth, visitBuildings, agents, chief, needItems);
    const planIds = await insertIds(plans, 500, (chunk) => tx.insert(entVisitPlans).values(chunk.map((p) => ({ tenantId, ...p }))).returning({ id: entVisitPlans.id }));
    const visitIds = await insertIds(visits, 500, (chunk) =>
      tx
        .insert(entVisits)
        .values(chunk.map((v) => ({ tenantId, buildingId: v.building.id, planId: v.planIndex != null ? planIds[v.planIndex]! : null, visitedAt: v.visitedAt, agentIds: v.agentIds, summary: v.summary, recordedBy: v.agentIds[0]! })))
        .returning({ id: entVisits.id }),
    );
    await chunked(
      visits.flatMap((v, i) => v.enterpriseIds.map((enterpriseId) => ({ tenantId, visitId: visitIds[i]!, enterpriseId }))),
      2000,
      (chunk) => tx.insert(entVisitEnterprises).values(chunk),
    );
    for (const [i, v] of visits.entries()) for (const e of v.enterpriseIds) life.push({ tenantId, enterpriseId: e, at: v.visitedAt, kind: 'visit', refType: 'ent_visit', refId: visitIds[i]!, note: v.building.name, byUserId: v.agentIds[0]! });
    const flat = visits.flatMap((v, vi) => v.findings.map((f, fi) => ({ v, vi, f, fi })));
    const findingIds = await insertIds(flat, 1000, (chunk) =>
      tx
        .insert(entVisitFindings)
        .values(chunk.map(({ vi, f }) => ({ tenantId, visitId: visitIds[vi]!, enterpriseId: f.enterpriseId, kind: f.kind, description: f.description, itemId: f.itemId })))
        .returning({ id: entVisitFindings.id }),
    );
    for (const [k, { v, vi, f }] of flat.entries()) {
      if (!f.street) continue;
      const [sp] = await tx
        .insert(entStreetProblems)
        .values({ tenantId, findingId: findingIds[k]!, buildingId: v.building.id, categoryHint: f.street.categoryHint, description: f.street.description, lng: f.street.lng, lat: f.street.lat, address: f.street.address, reportedBy: v.agentIds[0]!, reportedAt: v.visitedAt })
        .returning({ id: entStreetProblems.id });
      await tx.update(entVisitFindings).set({ streetProblemId: sp!.id }).where(eq(entVisitFindings.id, findingIds[k]!));
      void vi;
    }

    // --- requests: the daily flow, plus the needs found on visits that became requests
    const hist = { rng: rng.fork('requests'), cal, now, months: HISTORY_MONTHS, items, enterprises: entIds.map((id) => ({ id, ratedBy: id === demoEnt ? entUser : null })), perDay: 6, agents, chief, demoEnterprise: { id: demoEnt, ratedBy: entUser } };
    const requests: GenRequest[] = generateRequests(hist);
    const itemById = new Map(items.map((it) => [it.id, it]));
    const fromVisits: { req: GenRequest; findingId: number; visitId: number }[] = [];
    for (const [k, { v, vi, f }] of flat.entries()) {
      if (!f.convert || f.enterpriseId == null || f.itemId == null) continue;
      const created = new Date(v.visitedAt.getTime() + 45 * 60_000);
      if (created >= now) continue;
      const req = makeRequest(hist, { id: f.enterpriseId, ratedBy: f.enterpriseId === demoEnt ? entUser : null }, itemById.get(f.itemId)!, created, 'visit', v.agentIds[0]);
      fromVisits.push({ req, findingId: findingIds[k]!, visitId: visitIds[vi]! });
    }
    const all = [...requests.map((req) => ({ req, findingId: null as number | null, visitId: null as number | null })), ...fromVisits].sort((a, b) => a.req.createdAt.getTime() - b.req.createdAt.getTime());
    const reqIds = await insertIds(all, 500, (chunk) =>
      tx
        .insert(entRequests)
        .values(
          chunk.map(({ req: r, findingId, visitId }) => ({
            tenantId,
            enterpriseId: r.enterpriseId,
            itemId: r.item.id,
            itemVersion: r.item.version,
            channel: r.channel,
            description: r.description,
            materials: r.item.materials,
            status: r.status,
            receivedBy: r.receivedBy,
            ownerId: r.ownerId,
            submittedBy: r.submittedBy,
            createdAt: r.createdAt,
            receivedAt: r.receivedAt,
            limitDays: r.item.limitDays,
            dueAt: r.dueAt,
            warnAt: r.warnAt,
            warnedAt: r.warnedAt,
            overdueAt: r.overdueAt,
            completedAt: r.completedAt,
            cancelledAt: r.cancelledAt,
            cancelReason: r.cancelReason,
            ratingScore: r.rating?.score ?? null,
            ratingComment: r.rating?.comment ?? null,
            ratedAt: r.rating?.at ?? null,
            ratedBy: r.rating?.by ?? null,
            visitId,
            findingId,
          })),
        )
        .returning({ id: entRequests.id }),
    );
    for (const [i, { findingId }] of all.entries()) if (findingId) await tx.update(entVisitFindings).set({ requestId: reqIds[i]! }).where(eq(entVisitFindings.id, findingId));
    await chunked(
      all.flatMap(({ req }, i) => req.steps.map((s) => ({ tenantId, requestId: reqIds[i]!, ...s }))),
      2000,
      (chunk) => tx.insert(entRequestSteps).values(chunk),
    );
    await chunked(
      all.flatMap(({ req }, i) => req.handovers.map((h) => ({ tenantId, requestId: reqIds[i]!, ...h }))),
      2000,
      (chunk) => tx.insert(entHandovers).values(chunk),
    );
    await chunked(
      all.flatMap(({ req }, i) => req.log.map((l) => ({ tenantId, requestId: reqIds[i]!, ...l }))),
      3000,
      (chunk) => tx.insert(entRequestLog).values(chunk),
    );
    for (const [i, { req }] of all.entries()) if (req.completedAt) life.push({ tenantId, enterpriseId: req.enterpriseId, at: req.completedAt, kind: 'service', refType: 'ent_request', refId: reqIds[i]!, note: req.item.name, byUserId: req.ownerId });

    // --- events
    const events = generateEvents(rng.fork('events'), now, fromMonth, entIds, demoEnt);
    const eventIds = await insertIds(events, 200, (chunk) => tx.insert(entEvents).values(chunk.map(({ registrations: _r, ...e }) => ({ tenantId, ...e, createdBy: chief }))).returning({ id: entEvents.id }));
    await chunked(
      events.flatMap((e, i) => e.registrations.map((r) => ({ tenantId, eventId: eventIds[i]!, ...r, registeredBy: r.enterpriseId === demoEnt ? entUser : null, attendanceAt: r.attended == null ? null : e.startsAt }))),
      2000,
      (chunk) => tx.insert(entEventRegistrations).values(chunk),
    );
    for (const [i, e] of events.entries()) for (const r of e.registrations) if (r.attended) life.push({ tenantId, enterpriseId: r.enterpriseId, at: e.startsAt, kind: 'event', refType: 'ent_event', refId: eventIds[i]!, note: e.title });

    await chunked(life, 3000, (chunk) => tx.insert(entLifecycle).values(chunk));
  },
};
