// How case events read in a WeCom / DingTalk group or a webhook's message.
import type { DomainEvent } from '../../core/bus/index.js';
import { shanghai, type Message } from '../../core/notify/index.js';
import { GRADE_LABELS, STATE_LABELS, type CaseState, type Grade } from './domain/types.js';

const EVENT_ZH: Record<string, string> = {
  'case.created': '新案件',
  'case.verification_requested': '待核实',
  'case.registered': '已立案',
  'case.dispatched': '已派遣',
  'case.accepted': '已接单',
  'case.returned': '退单',
  'case.handled': '已处置',
  'case.reworked': '返工',
  'case.closed': '已结案',
  'case.cancelled': '已作废',
  'case.postpone_requested': '申请延期',
  'case.postponed': '已延期',
  'case.suspended': '缓办',
  'case.resumed': '恢复办理',
  'case.urged': '督办',
  'case.reassigned': '转派',
  'case.escalated': '升级至值班长',
  'case.sla_warning': '即将超时',
  'case.overdue': '已超时',
  'case.evidence_added': '补充证据',
  'case.merged': '并案',
  'case.public_update': '市民补充',
};

export function caseMessage(e: DomainEvent): Message | null {
  const p = e.payload as { number?: string; categoryName?: string; grade?: string; address?: string; state?: string; stepDueAt?: string | null; dueAt?: string; by?: string };
  if (!p.number) return null;
  const lines = [`类别：${p.categoryName ?? ''}（${GRADE_LABELS[p.grade as Grade]?.zh ?? p.grade ?? ''}）`];
  if (p.address) lines.push(`地点：${p.address}`);
  lines.push(`状态：${STATE_LABELS[p.state as CaseState]?.zh ?? p.state ?? ''}`);
  const due = p.dueAt ?? p.stepDueAt;
  if (due) lines.push(`期限：${shanghai(due)}`);
  if (p.by) lines.push(`操作：${p.by}`);
  lines.push(`时间：${shanghai(e.createdAt)}`);
  return { title: `【${EVENT_ZH[e.type] ?? e.type}】案件 ${p.number}`, lines };
}
