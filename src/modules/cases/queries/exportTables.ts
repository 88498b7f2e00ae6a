// Exports offices exchange: cases and KPIs as CSV (UTF-8 with BOM, so Excel shows the
// Chinese) or XLSX (exceljs). Times are local (Asia/Shanghai).
import ExcelJS from 'exceljs';
import { STATE_LABELS, GRADE_LABELS, SOURCE_LABELS, type CaseState, type Grade, type Source } from '../domain/types.js';
import type { CaseView } from './present.js';
import type { KpiRow } from './kpis.js';

export interface Table {
  sheet: string;
  columns: { header: string; width?: number }[];
  rows: (string | number | null)[][];
}

const local = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');
const pct = (v: number | null) => (v === null ? '' : Math.round(v * 1000) / 10);
const CLOSE_ZH: Record<string, string> = { normal: '正常结案', overdue: '超期结案', error: '错误结案', special: '特殊结案' };

export function casesTable(items: CaseView[]): Table {
  return {
    sheet: '案件',
    columns: [
      { header: '案件编号', width: 14 },
      { header: '状态', width: 8 },
      { header: '来源', width: 10 },
      { header: '类别编码', width: 8 },
      { header: '类别', width: 16 },
      { header: '等级', width: 6 },
      { header: '问题描述', width: 40 },
      { header: '地址', width: 24 },
      { header: '网格', width: 24 },
      { header: '责任部门', width: 18 },
      { header: '处置人', width: 10 },
      { header: '上报时间', width: 17 },
      { header: '立案时间', width: 17 },
      { header: '派遣时间', width: 17 },
      { header: '处置时间', width: 17 },
      { header: '结案时间', width: 17 },
      { header: '结案类型', width: 10 },
      { header: '当前超时', width: 8 },
      { header: '退单次数', width: 8 },
      { header: '返工次数', width: 8 },
      { header: '延期次数', width: 8 },
    ],
    rows: items.map((c) => [
      c.number,
      STATE_LABELS[c.state as CaseState]?.zh ?? c.state,
      SOURCE_LABELS[c.source as Source]?.zh ?? c.source,
      c.categoryCode,
      c.categoryName,
      GRADE_LABELS[c.grade as Grade]?.zh ?? c.grade,
      c.description,
      c.address,
      c.gridName,
      c.departmentName,
      c.assigneeName,
      local(c.reportedAt),
      local(c.registeredAt),
      local(c.dispatchedAt),
      local(c.handledAt),
      local(c.closedAt),
      c.closeType ? (CLOSE_ZH[c.closeType] ?? c.closeType) : '',
      c.overdue ? '是' : '否',
      c.returns,
      c.reworks,
      c.postponements,
    ]),
  };
}

export function kpiTable(byLabel: string, total: KpiRow, rows: KpiRow[]): Table {
  const line = (r: KpiRow) => [r.label, r.due, r.handled, r.handledOnTime, r.closed, r.closedOnTime, r.suspended, r.dispatched, r.returned, r.reworked, pct(r.rates.handleRate), pct(r.rates.handleOnTimeRate), pct(r.rates.closeRate), pct(r.rates.closeOnTimeRate), pct(r.rates.dispatchAccuracy), pct(r.rates.reworkRate), r.rates.avgHandleHours ?? ''];
  return {
    sheet: '考核指标',
    columns: [byLabel, '应处置数', '处置数', '按期处置数', '结案数', '按期结案数', '缓办数', '派遣数', '退单数', '返工数', '处置率%', '按期处置率%', '结案率%', '按期结案率%', '准确派遣率%', '返工率%', '平均处置时长(小时)'].map((header) => ({ header, width: header.length > 6 ? 14 : 10 })),
    rows: [...rows.map(line), line(total)],
  };
}

const quote = (v: string | number | null) => {
  const s = v === null || v === undefined ? '' : String(v);
  // a leading = + - @ would be a formula in a spreadsheet: keep it text
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function toCsv(t: Table): Buffer {
  const lines = [t.columns.map((c) => quote(c.header)).join(','), ...t.rows.map((r) => r.map(quote).join(','))];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

export async function toXlsx(t: Table): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jiedao 街道';
  const ws = wb.addWorksheet(t.sheet);
  ws.columns = t.columns.map((c) => ({ header: c.header, width: c.width ?? 12 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of t.rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
