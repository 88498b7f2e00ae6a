// Spreadsheets the centre exchanges with the district (.xlsx, exceljs): a header row in
// Chinese (English below it in the column note), frozen, filtered, times in Asia/Shanghai.
import ExcelJS from 'exceljs';

export interface Column<T> {
  zh: string;
  en: string;
  width?: number;
  value: (row: T) => string | number | null;
}

export function addSheet<T>(wb: ExcelJS.Workbook, name: string, columns: Column<T>[], rows: T[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ header: c.zh, key: `c${i}`, width: c.width ?? Math.max(10, c.zh.length * 2 + 4) }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    header.getCell(i + 1).note = c.en;
  });
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c, i) => [`c${i}`, c.value(r)])));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

export function newWorkbook(title: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jiedao 街道';
  wb.title = title;
  // a fixed date keeps the file reproducible for the same data
  wb.created = new Date(0);
  wb.modified = new Date(0);
  return wb;
}

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** "2026-09-28 14:05" in Asia/Shanghai, or empty. */
export function localTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition with a Chinese file name (RFC 6266 / 5987) and an ASCII fallback. */
export function attachment(asciiName: string, name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
