// A history of requests over the last months, relative to the current date and fixed by
// the seed: received at the window, by phone, on visits and online; owned by the agent
// who took them, sometimes handed over; steps run across offices; most completed on time,
// some late, a few still overdue; most rated by their enterprise.
import type { Rng } from '../random.js';
import type { WorkingCalendar } from '../../src/core/calendar/index.js';
import { localDate, dayStart } from '../../src/core/calendar/index.js';
import { computeLimit } from '../../src/modules/enterprise/domain/limits.js';
import type { StepDocument } from '../../src/modules/enterprise/schema.js';

export interface HistItem {
  id: number;
  category: string;
  name: string;
  version: number;
  limitDays: number;
  materials: string[];
  steps: { officeId: number; officeCode: string; task: string }[];
}

export interface HistEnterprise {
  id: number;
  ratedBy: number | null;
}

export interface GenStep {
  seq: number;
  officeId: number;
  task: string;
  status: 'pending' | 'in_progress' | 'done';
  startedAt: Date | null;
  finishedAt: Date | null;
  finishedBy: number | null;
  documents: StepDocument[];
}

export interface GenHandover {
  kind: 'claim' | 'handover';
  fromUserId: number | null;
  toUserId: number;
  initiatedBy: number;
  note: string | null;
  status: 'accepted' | 'pending';
  createdAt: Date;
  respondedAt: Date | null;
}

export interface GenLog {
  at: Date;
  actorUserId: number | null;
  kind: string;
  detail: Record<string, unknown>;
}

export interface GenRequest {
  enterpriseId: number;
  item: HistItem;
  channel: 'window' | 'phone' | 'visit' | 'online';
  description: string;
  status: 'submitted' | 'accepted' | 'in_progress' | 'completed' | 'cancelled';
  receivedBy: number | null;
  ownerId: number | null;
  submittedBy: number | null;
  createdAt: Date;
  receivedAt: Date | null;
  dueAt: Date;
  warnAt: Date;
  warnedAt: Date | null;
  overdueAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  rating: { score: number; comment: string | null; at: Date; by: number | null } | null;
  steps: GenStep[];
  handovers: GenHandover[];
  log: GenLog[];
  /** index into the visit findings this request came from */
  finding?: { visitIndex: number; findingIndex: number };
}

const H = 3600_000;
const COMMENTS = ['办事效率高，专员全程代办，省了很多跑腿时间', '一次性告知材料很清楚，没有来回跑', '服务热情周到', '比预期时间早办结，非常满意', '中间等待时间稍长，希望进度能多同步', '专员很专业，解答耐心', '', '', '希望线上能查到更详细的进度', '流程顺畅'];
const HANDOVER_NOTES = ['涉及税务专项事项，转交熟悉税务的专员', '本人外出培训，交由同事继续跟进', '企业所在楼宇由该专员负责，便于上门', '事项涉及人才政策，转人才服务专员'];
const CANCEL_REASONS = ['企业已自行办理', '企业经营计划调整，不再需要', '重复提交'];
const DOC_NAMES: Record<string, string> = { SJ: '营业执照（正副本）', TAX: '税务事项通知书', SEAL: '印章备案回执', BANK: '开户信息回执', SI: '社保登记回执', HF: '公积金登记回执', TALENT: '受理回执', ADMIN: '受理通知书', HR: '审核结果通知' };

export interface HistoryInput {
  rng: Rng;
  cal: WorkingCalendar;
  now: Date;
  /** months of history before the current one */
  months: number;
  items: HistItem[];
  enterprises: HistEnterprise[];
  /** requests per working day, on average */
  perDay: number;
  agents: number[];
  chief: number;
  /** the enterprise of the listed demo user gets a few requests of its own */
  demoEnterprise: HistEnterprise;
}

const between = (a: Date, b: Date, f: number) => new Date(a.getTime() + (b.getTime() - a.getTime()) * f);
/** The instant a fraction of the office time from a to b has passed: staff finish work in office hours. */
const workBetween = (cal: WorkingCalendar, a: Date, b: Date, f: number) => {
  const ms = cal.workingMsBetween(a, b);
  return ms > 0 ? cal.addWorkingHours(a, (ms * f) / 3600_000) : between(a, b, f);
};

export function historyStart(now: Date, months: number): Date {
  const local = localDate(now);
  const [y, m] = local.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1 - months, 1)).toISOString().slice(0, 10);
  return new Date(dayStart(first));
}

export function generateRequests(input: HistoryInput): GenRequest[] {
  const { rng, cal, now, items } = input;
  const out: GenRequest[] = [];
  const byCat = new Map<string, HistItem[]>();
  for (const it of items) byCat.set(it.category, [...(byCat.get(it.category) ?? []), it]);
  const start = historyStart(now, input.months);
  let n = 0;
  for (let t = start.getTime(); t < now.getTime(); t += 86_400_000) {
    const day = localDate(new Date(t + H));
    if (!cal.isWorkday(day)) continue;
    const count = Math.max(0, Math.round(input.perDay + (rng.next() - 0.5) * input.perDay));
    for (let k = 0; k < count; k++) {
      const created = new Date(dayStart(day) + (9 * 60 + rng.int(0, 8 * 60)) * 60_000);
      if (created >= now) continue;
      n++;
      const category = rng.weighted([['A', 60], ['B', 12], ['C', 12], ['D', 16]] as const);
      const item = rng.pick(byCat.get(category)!);
      const ent = n % 90 === 0 ? input.demoEnterprise : rng.pick(input.enterprises);
      out.push(makeRequest(input, ent, item, created, rng.weighted([['window', 35], ['phone', 20], ['visit', 10], ['online', 35]] as const)));
    }
  }
  return out;
}

/** One request and its whole story up to now. */
export function makeRequest(input: HistoryInput, ent: HistEnterprise, item: HistItem, created: Date, channel: GenRequest['channel'], ownerHint?: number): GenRequest {
  const { rng, cal, now } = input;
  const staff = channel !== 'online';
  const first = ownerHint ?? (rng.chance(0.1) ? input.chief : rng.pick(input.agents));
  const log: GenLog[] = [];
  const handovers: GenHandover[] = [];
  const { dueAt, warnAt } = computeLimit(cal, created, item.limitDays);
  let receivedAt: Date | null = staff ? created : new Date(created.getTime() + rng.int(20, 240) * 60_000);
  let owner: number | null = first;
  if (receivedAt > now) {
    receivedAt = null;
    owner = null;
  }
  log.push({ at: created, actorUserId: staff ? first : ent.ratedBy, kind: staff ? 'received' : 'submitted', detail: { channel, item: item.name, dueAt: dueAt.toISOString(), materials: item.materials.length } });
  if (!staff && receivedAt && owner) {
    handovers.push({ kind: 'claim', fromUserId: null, toUserId: owner, initiatedBy: owner, note: null, status: 'accepted', createdAt: receivedAt, respondedAt: receivedAt });
    log.push({ at: receivedAt, actorUserId: owner, kind: 'claimed', detail: {} });
  }

  // where the request stands now
  let status: GenRequest['status'] = owner ? 'accepted' : 'submitted';
  let completedAt: Date | null = null;
  let cancelledAt: Date | null = null;
  let cancelReason: string | null = null;
  const r = rng.next();
  if (owner) {
    if (dueAt <= now) {
      if (r < 0.03) {
        cancelledAt = new Date(Math.min(now.getTime() - H, created.getTime() + rng.int(2, 30) * H));
        cancelReason = rng.pick(CANCEL_REASONS);
      } else if (r < 0.06 && now.getTime() - dueAt.getTime() < 20 * 86_400_000) {
        // a few recent ones are stuck past their limit; older ones were finished late
        status = 'in_progress';
      } else if (r < 0.14) {
        const late = cal.addWorkingHours(dueAt, rng.int(2, 20));
        completedAt = late < now ? late : null;
        if (!completedAt) status = 'in_progress';
      } else completedAt = workBetween(cal, receivedAt!, dueAt, 0.2 + rng.next() * 0.75);
    } else if (r < 0.35) {
      const c = workBetween(cal, receivedAt!, now, 0.3 + rng.next() * 0.6);
      if (c > receivedAt!) completedAt = c;
    }
  }
  if (cancelledAt) status = 'cancelled';
  else if (completedAt) status = 'completed';

  // a hand-over now and then, both sides on the record
  if (owner && rng.chance(0.08)) {
    const to = rng.pick(input.agents.filter((a) => a !== owner));
    const at = new Date(receivedAt!.getTime() + rng.int(1, 6) * H);
    const endOfStory = completedAt ?? cancelledAt ?? now;
    if (to && at < endOfStory) {
      const note = rng.pick(HANDOVER_NOTES);
      const answered = new Date(at.getTime() + rng.int(10, 120) * 60_000);
      const pending = status !== 'completed' && status !== 'cancelled' && answered >= now;
      handovers.push({ kind: 'handover', fromUserId: owner, toUserId: to, initiatedBy: owner, note, status: pending ? 'pending' : 'accepted', createdAt: at, respondedAt: pending ? null : answered });
      log.push({ at, actorUserId: owner, kind: 'handover_requested', detail: { from: owner, note } });
      if (!pending) {
        log.push({ at: answered, actorUserId: to, kind: 'handed_over', detail: { from: owner } });
        owner = to;
      }
    }
  }

  // the steps of the errand
  const end = completedAt ?? cancelledAt ?? now;
  const progress = completedAt ? 1 : status === 'cancelled' ? 0.3 : owner ? Math.min(0.9, (now.getTime() - created.getTime()) / Math.max(1, dueAt.getTime() - created.getTime())) : 0;
  const doneCount = completedAt ? item.steps.length : Math.floor(item.steps.length * progress * rng.next() * 1.3);
  const steps: GenStep[] = item.steps.map((s, i) => {
    const done = i < doneCount;
    const startedAt = done || i === doneCount ? workBetween(cal, receivedAt ?? created, end, (i + 0.1) / (item.steps.length + 1)) : null;
    const finishedAt = done ? workBetween(cal, receivedAt ?? created, end, (i + 0.9) / (item.steps.length + 0.9)) : null;
    const docs: StepDocument[] = done && DOC_NAMES[s.officeCode] && rng.chance(0.6) ? [{ name: DOC_NAMES[s.officeCode]!, direction: 'obtained', reference: `${s.officeCode}${String(rng.int(100000, 999999))}`, at: finishedAt!.toISOString(), by: owner ?? first }] : [];
    const st: GenStep['status'] = done ? 'done' : i === doneCount && owner && status !== 'cancelled' && startedAt && startedAt < now ? 'in_progress' : 'pending';
    if (done) log.push({ at: finishedAt!, actorUserId: owner, kind: 'step', detail: { seq: i + 1, task: s.task, from: 'in_progress', to: 'done' } });
    return { seq: i + 1, officeId: s.officeId, task: s.task, status: st, startedAt: st === 'pending' ? null : startedAt, finishedAt, finishedBy: done ? owner : null, documents: docs };
  });
  if (status === 'accepted' && steps.some((s) => s.status !== 'pending')) status = 'in_progress';
  if (completedAt) log.push({ at: completedAt, actorUserId: owner, kind: 'completed', detail: { onTime: completedAt <= dueAt } });
  if (cancelledAt) log.push({ at: cancelledAt, actorUserId: owner, kind: 'cancelled', detail: { reason: cancelReason } });

  let rating: GenRequest['rating'] = null;
  if (completedAt && rng.chance(0.75)) {
    const at = new Date(completedAt.getTime() + rng.int(1, 48) * H);
    if (at < now) {
      const late = completedAt > dueAt;
      const score = late ? rng.weighted([[5, 25], [4, 40], [3, 25], [2, 8], [1, 2]] as const) : rng.weighted([[5, 62], [4, 28], [3, 7], [2, 2], [1, 1]] as const);
      rating = { score, comment: rng.pick(COMMENTS) || null, at, by: ent.ratedBy };
      log.push({ at, actorUserId: ent.ratedBy, kind: 'rated', detail: { score, comment: rating.comment } });
    }
  }
  const open = status === 'submitted' || status === 'accepted' || status === 'in_progress';
  return {
    enterpriseId: ent.id,
    item,
    channel,
    description: describe(item.name, rng),
    status,
    receivedBy: receivedAt ? first : null,
    ownerId: owner,
    submittedBy: staff ? first : ent.ratedBy,
    createdAt: created,
    receivedAt,
    dueAt,
    warnAt,
    // announcements the limits sweep would have made already
    warnedAt: open && warnAt <= now && dueAt > now ? warnAt : open && dueAt <= now ? warnAt : null,
    overdueAt: open && dueAt <= now ? dueAt : null,
    completedAt,
    cancelledAt,
    cancelReason,
    rating,
    steps,
    handovers,
    log: log.sort((a, b) => a.at.getTime() - b.at.getTime()),
  };
}

function describe(item: string, rng: Rng): string {
  return rng.pick([`需要办理“${item}”，请专员协助`, `咨询并申请${item}`, `${item}，材料已基本备齐`, `公司近期需要${item}，希望尽快办理`, `请协助${item}`]);
}
