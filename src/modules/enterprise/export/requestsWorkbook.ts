// The requests export: one row per request with its enterprise, item, channel, first
// contact and owner, limit and completion, and rating.
import type { RequestListItem } from '../queries/requests.js';
import { addSheet, localTime, newWorkbook, toBuffer, type Column } from './workbook.js';

const STATUS: Record<string, string> = { submitted: '待接收', accepted: '已受理', in_progress: '办理中', completed: '已办结', cancelled: '已撤销' };
const CHANNEL: Record<string, string> = { window: '窗口', phone: '电话', visit: '走访', online: '线上' };
const LIMIT: Record<string, string> = { running: '计时中', warning: '临近时限', overdue: '已超时', done_on_time: '按期办结', done_late: '超期办结', none: '' };
const LEVEL: Record<string, string> = { basic: '基础服务', value_added: '增值服务' };

const COLUMNS: Column<RequestListItem>[] = [
  { zh: '诉求编号', en: 'Request number', width: 18, value: (r) => r.code },
  { zh: '企业', en: 'Enterprise', width: 32, value: (r) => r.enterprise.name },
  { zh: '楼宇', en: 'Building', width: 18, value: (r) => r.enterprise.building },
  { zh: '服务大类', en: 'Category', value: (r) => r.item.category },
  { zh: '服务小类', en: 'Subcategory', width: 18, value: (r) => r.item.subcategory },
  { zh: '服务事项', en: 'Item', width: 28, value: (r) => r.item.name },
  { zh: '服务类型', en: 'Basic or value-added', value: (r) => LEVEL[r.item.level] ?? r.item.level },
  { zh: '渠道', en: 'Channel', value: (r) => CHANNEL[r.channel] ?? r.channel },
  { zh: '首问人', en: 'First contact', value: (r) => r.receivedBy?.name ?? '' },
  { zh: '当前负责人', en: 'Owner', value: (r) => r.owner?.name ?? '' },
  { zh: '状态', en: 'Status', value: (r) => STATUS[r.status] ?? r.status },
  { zh: '提出时间', en: 'Received at (Asia/Shanghai)', width: 18, value: (r) => localTime(r.createdAt) },
  { zh: '时限（工作日）', en: 'Limit (working days)', value: (r) => r.limitDays },
  { zh: '办结期限', en: 'Due (Asia/Shanghai)', width: 18, value: (r) => localTime(r.dueAt) },
  { zh: '办结时间', en: 'Completed at (Asia/Shanghai)', width: 18, value: (r) => localTime(r.completedAt) },
  { zh: '时限情况', en: 'Against the limit', value: (r) => LIMIT[r.limitState] ?? '' },
  { zh: '步骤完成', en: 'Steps done', value: (r) => `${r.stepsDone}/${r.stepsTotal}` },
  { zh: '评分', en: 'Score (1–5)', value: (r) => r.rating?.score ?? null },
  { zh: '评价', en: 'Comment', width: 30, value: (r) => r.rating?.comment ?? '' },
];

export async function requestsWorkbook(rows: RequestListItem[], title: string): Promise<Buffer> {
  const wb = newWorkbook(title);
  addSheet(wb, '企业诉求', COLUMNS, rows);
  return toBuffer(wb);
}
