// The people demo extension: residents of every residential unit, the elderly register
// (contacts, sensor consents, visits and plans, overdue alerts), service points,
// activities with registrations, volunteers with their hours, and a worker account for
// each residents' committee other than 新福康里 (whose worker is the listed `committee`).
// Everything goes in with large multi-row inserts: demo loading must stay fast.
import type { Tx } from '../../src/core/db/index.js';
import { hashPassword, users, userScopes } from '../../src/core/auth/index.js';
import { localDate, officialCalendar, parseOfficeHours, WorkingCalendar, dayStart } from '../../src/core/calendar/index.js';
import { activities, activityRegistrations, careAlerts, careVisits, elderly, elderlyContacts, residents, sensorConsents, serviceOrders, servicePoints, visitRules, volunteerHours, volunteerSignups, volunteerTasks, volunteers } from '../../src/modules/people/index.js';
import { ageOn } from '../../src/modules/people/domain/age.js';
import { planFor, matchRule, type VisitRule, type VisitUnit } from '../../src/modules/people/domain/visitPlan.js';
import { Rng, DEMO_SEED } from '../random.js';
import { personName, phone } from '../names.js';
import { DEMO_PASSWORD } from '../accounts.js';
import type { DemoData } from '../generate.js';
import type { DemoExtension, DemoIds } from '../extensions.js';
import { generateResidents } from './households.js';
import { bulkInsert } from './bulk.js';
import { ACTIVITIES, SERVICE_POINTS, SKILLS, VISIT_RULES, VOLUNTEER_TASKS, areaPolygon, pointIn } from './catalogue.js';

const DAY_MS = 86_400_000;

async function insertAll<T>(rows: T[], size: number, fn: (chunk: T[]) => Promise<{ id: number }[]>): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += size) ids.push(...(await fn(rows.slice(i, i + size))).map((r) => r.id));
  return ids;
}

const RULE_DAYS: Record<VisitUnit, number> = { day: 1, week: 7, month: 30, working_day: 1.4 };

export const peopleDemo: DemoExtension = {
  name: 'people',
  async load(tx: Tx, data: DemoData, ids: DemoIds) {
    const tenantId = ids.tenantId;
    const rng = new Rng(DEMO_SEED).fork('people');
    const now = new Date();
    const today = localDate(now);
    const cal = new WorkingCalendar(officialCalendar(), parseOfficeHours((data.tenant.settings.officeHours as string[][] | undefined) ?? [['09:00', '12:00'], ['13:00', '17:30']]));
    const areaOfBuilding = new Map(data.buildings.map((b) => [b.code, b.areaCode]));
    const committeeOf = (areaCode: string) => ids.departmentId.get(`JW-${areaCode}`)!;

    // --- committee workers of the other areas
    const hash = await hashPassword(DEMO_PASSWORD);
    const others = data.areas.filter((a) => a.code !== 'XFKL');
    const workerRows = await tx
      .insert(users)
      .values(others.map((a, i) => ({ tenantId, username: `jw_${a.code.toLowerCase()}`, displayName: `${a.name.replace('居民区', '').replace('示例·', '')}居委会 社工`, passwordHash: hash, roles: ['committee_member'], departmentId: committeeOf(a.code), phone: `1390001${String(i).padStart(4, '0')}` })))
      .returning({ id: users.id });
    await tx.insert(userScopes).values(
      others.flatMap((a, i) => [
        { tenantId, userId: workerRows[i]!.id, kind: 'area', refId: ids.areaId.get(a.code)! },
        { tenantId, userId: workerRows[i]!.id, kind: 'committee', refId: committeeOf(a.code) },
      ]),
    );
    const workerOf = new Map<string, number>([['XFKL', ids.userId.get('committee')!], ...others.map((a, i) => [a.code, workerRows[i]!.id] as [string, number])]);

    // --- residents
    const people = generateResidents(data);
    const residentIds = await bulkInsert(
      tx,
      residents,
      people.map((p) => {
            const u = data.units[p.unitIndex]!;
            const area = areaOfBuilding.get(u.buildingCode)!;
        return { tenantId, unitId: ids.unitIds[p.unitIndex]!, buildingId: ids.buildingId.get(u.buildingCode)!, areaId: ids.areaId.get(area)!, name: p.name, gender: p.gender, birthDate: p.birthDate, phone: p.phone, ownerId: p.owner === null ? null : ids.ownerIds[p.owner]!, userId: p.account ? ids.userId.get(p.account)! : null, householdRole: p.householdRole };
      }),
    );

    // --- visit rules
    const ruleRows = await tx
      .insert(visitRules)
      .values(VISIT_RULES.map((r, position) => ({ tenantId, position, ...r })))
      .returning();
    const rules: VisitRule[] = ruleRows.map((r) => ({ ...r, unit: r.unit as VisitUnit }));

    // --- the elderly register, with last visits placed so that about 3% are overdue
    const erng = rng.fork('register');
    const entries = people.flatMap((p, i) => (p.elderly ? [{ p, residentId: residentIds[i]! }] : []));
    const elderlyRows = entries.map(({ p, residentId }) => {
      const area = areaOfBuilding.get(data.units[p.unitIndex]!.buildingCode)!;
      const subject = { birthDate: p.birthDate, livesAlone: p.elderly!.livesAlone, careLevel: p.elderly!.careLevel };
      const rule = matchRule(rules, subject, today)!;
      const span = rule.every * RULE_DAYS[rule.unit] * DAY_MS;
      const late = p.account ? false : erng.chance(0.03);
      const lastVisitAt = new Date(now.getTime() - span * (late ? 1.15 + erng.next() * 0.6 : 0.05 + erng.next() * 0.85) - erng.int(0, 6 * 3600) * 1000);
      const registeredAt = new Date(lastVisitAt.getTime() - erng.int(30, 1000) * DAY_MS);
      const plan = planFor(rules, { ...subject, registeredAt, lastVisitAt }, today, cal)!;
      const overdue = plan.due < now;
      return { tenantId, residentId, areaId: ids.areaId.get(area)!, committeeId: committeeOf(area), ...subject, registeredAt, registeredBy: workerOf.get(area)!, lastVisitAt, planRuleId: plan.ruleId, nextVisitDue: plan.due, planDay: today, overdueAlertedFor: overdue ? plan.due : null, area, name: p.name, account: p.account };
    });
    const elderlyIds = await bulkInsert(tx, elderly, elderlyRows.map(({ area: _a, name: _n, account: _ac, birthDate: _b, ...e }) => e));

    const contactRows = elderlyRows.flatMap((e, i) => {
      const surname = [...e.name][0]!;
      const first = e.livesAlone && erng.chance(0.25) ? { name: personName(erng), relation: 'neighbour' } : { name: surname + [...personName(erng)].slice(1).join(''), relation: 'child' };
      const list = [first, ...(erng.chance(0.55) ? [{ name: personName(erng), relation: erng.chance(0.7) ? 'child' : 'relative' }] : [])];
      if (e.account === 'owner') list.splice(0, list.length, { name: '陆美华', relation: 'child' }, { name: '钱阿毛', relation: 'neighbour' });
      return list.map((c, k) => ({ tenantId, elderlyId: elderlyIds[i]!, name: c.name, relation: c.relation, phone: phone(erng), priority: k + 1 }));
    });
    await bulkInsert(tx, elderlyContacts, contactRows);

    const visitRows = elderlyRows.flatMap((e, i) => {
      const visitor = workerOf.get(e.area)!;
      const last = { tenantId, elderlyId: elderlyIds[i]!, visitedAt: e.lastVisitAt, visitorUserId: visitor, mode: erng.chance(0.8) ? 'home' : 'phone', outcome: erng.chance(0.9) ? 'well' : 'needs_help', notes: null };
      if (e.area !== 'XFKL') return [last];
      const earlier = new Date(e.lastVisitAt.getTime() - erng.int(7, 60) * DAY_MS);
      return [{ ...last, visitedAt: earlier, mode: 'home', outcome: 'well' }, ...(erng.chance(0.08) ? [{ ...last, visitedAt: new Date(e.lastVisitAt.getTime() + 3600_000), outcome: 'not_home' }] : []), last];
    });
    await bulkInsert(tx, careVisits, visitRows);

    const alertRows = elderlyRows.flatMap((e, i) => (e.overdueAlertedFor ? [{ tenantId, elderlyId: elderlyIds[i]!, committeeId: e.committeeId, kind: 'visit_overdue', raisedAt: new Date(e.overdueAlertedFor.getTime() + 60_000 < now.getTime() ? e.overdueAlertedFor.getTime() + 60_000 : now.getTime()), dueAt: e.overdueAlertedFor, detail: {} }] : []));
    await bulkInsert(tx, careAlerts, alertRows);

    // --- sensor consents: smart water meters and door sensors for the oldest living alone
    const srng = rng.fork('sensors');
    const serial = new Map<string, number>();
    const code = (prefix: string, area: string) => {
      const n = (serial.get(`${prefix}${area}`) ?? 0) + 1;
      serial.set(`${prefix}${area}`, n);
      return `${prefix}-${area}-${String(n).padStart(4, '0')}`;
    };
    const consentRows = elderlyRows.flatMap((e, i) => {
      const age = ageOn(e.birthDate, today);
      const out: (typeof sensorConsents.$inferInsert)[] = [];
      const eligible = e.account === 'owner' || (e.livesAlone && age >= 80);
      if (!eligible) return out;
      const recordedBy = workerOf.get(e.area)!;
      const grantedAt = new Date(e.registeredAt.getTime() + srng.int(1, 200) * DAY_MS);
      const self = srng.chance(0.8);
      const guardianName = self ? null : [...e.name][0]! + [...personName(srng)].slice(1).join('');
      if (e.account === 'owner' || srng.chance(0.6)) out.push({ tenantId, elderlyId: elderlyIds[i]!, deviceCode: code('WM', e.area), deviceKind: 'water_meter', givenBy: self ? 'self' : 'guardian', guardianName, grantedAt, recordedBy, note: '智能水表 12 小时无用水提醒' });
      if (e.account !== 'owner' && srng.chance(0.25)) out.push({ tenantId, elderlyId: elderlyIds[i]!, deviceCode: code('DS', e.area), deviceKind: 'door_sensor', givenBy: self ? 'self' : 'guardian', guardianName, grantedAt, recordedBy, note: '门磁 24 小时未开门提醒' });
      return out;
    });
    await bulkInsert(tx, sensorConsents, consentRows);

    // --- service points
    const prng = rng.fork('points');
    const pointRows = await tx
      .insert(servicePoints)
      .values(SERVICE_POINTS.map(({ areaCode, ...p }) => ({ tenantId, ...p, ...pointIn(prng, areaPolygon(data, areaCode)), areaId: ids.areaId.get(areaCode)!, illustrative: true })))
      .returning({ id: servicePoints.id, code: servicePoints.code, lat: servicePoints.lat, lng: servicePoints.lng, name: servicePoints.name });
    const pointOf = new Map(pointRows.map((p) => [p.code, p]));

    // --- service orders: meal delivery for some of the oldest, home help
    const orng = rng.fork('orders');
    const canteens = pointRows.filter((p) => p.code.startsWith('SP-CT'));
    const helpers = pointRows.filter((p) => ['SP-SC', 'SP-CS-XFKL', 'SP-DC-1'].includes(p.code));
    const orderRows = elderlyRows.flatMap((e, i) => {
      if (!(e.careLevel >= 2 || (e.livesAlone && ageOn(e.birthDate, today) >= 85)) || !orng.chance(0.35)) return [];
      const meal = orng.chance(0.7);
      const day = orng.int(-3, 5);
      const scheduledFor = new Date(dayStart(localDate(new Date(now.getTime() + day * DAY_MS))) + (meal ? 11 : 9) * 3600_000);
      const status = day < 0 ? 'done' : day === 0 ? orng.weighted([['accepted', 2], ['in_progress', 1]] as const) : orng.weighted([['requested', 2], ['accepted', 3]] as const);
      return [{ tenantId, elderlyId: elderlyIds[i]!, areaId: e.areaId, kind: meal ? 'meal_delivery' : 'home_help', servicePointId: (meal ? orng.pick(canteens) : orng.pick(helpers)).id, scheduledFor, status, requestedBy: ids.userId.get('care')!, requestedAt: new Date(scheduledFor.getTime() - 2 * DAY_MS), updatedAt: now, completedAt: status === 'done' ? new Date(scheduledFor.getTime() + 3600_000) : null }];
    });
    await bulkInsert(tx, serviceOrders, orderRows);

    // --- activities and registrations
    const arng = rng.fork('activities');
    const byArea = new Map<string, number[]>();
    people.forEach((p, i) => {
      const area = areaOfBuilding.get(data.units[p.unitIndex]!.buildingCode)!;
      if (ageOn(p.birthDate, today) >= 55 && !p.account) byArea.set(area, [...(byArea.get(area) ?? []), i]);
    });
    for (const a of ACTIVITIES) {
      const point = a.point ? pointOf.get(a.point)! : undefined;
      const where = point ?? (a.areaCode ? pointIn(arng, areaPolygon(data, a.areaCode)) : pointIn(arng, areaPolygon(data, 'X3')));
      const startsAt = new Date(dayStart(localDate(new Date(now.getTime() + a.day * DAY_MS))) + (Number(a.at.slice(0, 2)) * 60 + Number(a.at.slice(3))) * 60_000);
      const [row] = await tx
        .insert(activities)
        .values({ tenantId, kind: a.kind, format: a.format ?? null, series: a.series ?? null, title: a.title, description: a.description, audience: a.audience, partner: a.partner ?? null, servicePointId: point ? (pointRows.find((p) => p.code === a.point)?.id ?? null) : null, venue: a.venue ?? point!.name, lat: where.lat, lng: where.lng, areaId: a.areaCode ? ids.areaId.get(a.areaCode)! : null, startsAt, endsAt: new Date(startsAt.getTime() + a.minutes * 60_000), capacity: a.capacity, organiserUserId: ids.userId.get(a.organiser)! })
        .returning({ id: activities.id });
      const past = a.day < 0;
      const pool = byArea.get(a.areaCode ?? 'XFKL') ?? [];
      const regs: (typeof activityRegistrations.$inferInsert)[] = [];
      const count = a.kind === 'social_work_training' && past ? Math.round((a.capacity ?? 20) * 0.85) : a.registered;
      const chosen = new Set<number>();
      while (chosen.size < Math.min(count, pool.length)) chosen.add(arng.pick(pool));
      let k = 0;
      for (const i of chosen) {
        const registeredAt = new Date(startsAt.getTime() - arng.int(2, 12) * DAY_MS);
        const training = a.kind === 'social_work_training';
        const areaName = data.areas[k % data.areas.length]!.name.replace('居民区', '').replace('示例·', '');
        const confirmed = a.capacity === null || k < a.capacity;
        regs.push({ tenantId, activityId: row!.id, userId: null, residentId: training ? null : residentIds[i]!, name: training ? `${areaName}居委会 · 社工${personName(arng)}` : people[i]!.name, status: confirmed ? 'confirmed' : 'waitlisted', registeredAt, confirmedAt: confirmed ? registeredAt : null, checkinCode: String(arng.int(100_000, 999_999)), checkedInAt: past && confirmed && arng.chance(0.82) ? new Date(startsAt.getTime() - arng.int(0, 20) * 60_000) : null, checkedInBy: past ? ids.userId.get(a.organiser)! : null });
        k++;
      }
      if (regs.length) await tx.insert(activityRegistrations).values(regs);
    }

    // --- volunteers, tasks, sign-ups and hours (楼组志愿星)
    const vrng = rng.fork('volunteers');
    const year = Number(today.slice(0, 4));
    const candidates = people.flatMap((p, i) => {
      const age = ageOn(p.birthDate, today);
      return age >= 18 && age <= 78 && !p.account ? [i] : [];
    });
    const chosenV = new Set<number>();
    while (chosenV.size < 420) chosenV.add(vrng.pick(candidates));
    const owner = people.findIndex((p) => p.account === 'owner');
    const volunteerPeople = [owner, ...chosenV];
    const volunteerIds = await insertAll(volunteerPeople, 2000, (chunk) =>
      tx
        .insert(volunteers)
        .values(
          chunk.map((i) => {
            const p = people[i]!;
            const u = data.units[p.unitIndex]!;
            return { tenantId, userId: p.account ? ids.userId.get(p.account)! : null, residentId: residentIds[i]!, name: p.name, phone: p.phone, buildingId: ids.buildingId.get(u.buildingCode)!, areaId: ids.areaId.get(areaOfBuilding.get(u.buildingCode)!)!, skills: i === owner ? ['园艺', '陪伴聊天'] : [vrng.pick(SKILLS), ...(vrng.chance(0.4) ? [vrng.pick(SKILLS)] : [])].filter((s, k, all) => all.indexOf(s) === k), joinedAt: new Date(now.getTime() - vrng.int(20, 900) * DAY_MS) };
          }),
        )
        .returning({ id: volunteers.id }),
    );
    const taskRows = await tx
      .insert(volunteerTasks)
      .values(VOLUNTEER_TASKS.map((t) => ({ tenantId, kind: t.kind, title: t.title, description: t.description, areaId: t.areaCode ? ids.areaId.get(t.areaCode)! : null, buildingId: t.buildingCode ? ids.buildingId.get(t.buildingCode)! : null, startsAt: new Date(dayStart(localDate(new Date(now.getTime() + t.from * DAY_MS))) + 9 * 3600_000), endsAt: t.to === null ? null : new Date(dayStart(localDate(new Date(now.getTime() + t.to * DAY_MS))) + 17 * 3600_000), slots: t.slots, organiserUserId: ids.userId.get(t.areaCode === 'XFKL' ? 'committee' : 'care')! })))
      .returning({ id: volunteerTasks.id });
    const projects = taskRows.filter((_, k) => VOLUNTEER_TASKS[k]!.kind === 'project');
    await tx.insert(volunteerSignups).values([
      { tenantId, taskId: projects[0]!.id, volunteerId: volunteerIds[0]!, status: 'signed_up', signedUpAt: new Date(now.getTime() - 120 * DAY_MS) },
      ...volunteerIds.slice(1, 60).map((v, k) => ({ tenantId, taskId: projects[k % projects.length]!.id, volunteerId: v, status: 'signed_up', signedUpAt: new Date(now.getTime() - vrng.int(10, 200) * DAY_MS) })),
    ]);
    const yearStart = Date.parse(`${year}-01-01T00:00:00Z`);
    const daysSoFar = Math.max(1, Math.floor((Date.parse(`${today}T00:00:00Z`) - yearStart) / DAY_MS));
    const hourRows = volunteerIds.flatMap((v, k) => {
      const entries = k === 0 ? 14 : vrng.int(1, 22);
      return Array.from({ length: entries }, () => {
        const servedOn = new Date(yearStart + vrng.int(0, daysSoFar) * DAY_MS).toISOString().slice(0, 10);
        const recent = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${servedOn}T00:00:00Z`) < 14 * DAY_MS;
        const status = recent && vrng.chance(0.5) ? 'recorded' : 'confirmed';
        const recordedAt = new Date(Date.parse(`${servedOn}T10:00:00Z`));
        return { tenantId, volunteerId: v, taskId: vrng.chance(0.6) ? vrng.pick(projects).id : null, servedOn, hours: (vrng.int(1, 8) / 2).toFixed(1), description: vrng.pick(['绿植浇水养护', '会客厅值守', '陪伴高龄独居老人', '楼道清理', '垃圾分类引导', '活动现场引导']), status, recordedBy: null, recordedAt, reviewedBy: status === 'confirmed' ? ids.userId.get('committee')! : null, reviewedAt: status === 'confirmed' ? new Date(recordedAt.getTime() + 2 * DAY_MS) : null };
      });
    });
    await bulkInsert(tx, volunteerHours, hourRows);
  },
};
