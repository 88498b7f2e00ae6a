// The unit and owner register as the housing office hands it over: one row per exclusive
// unit (building, unit code, registered area in m², owners). Parsed and checked here with
// every problem named by spreadsheet row and column; the database is not consulted.
import { parse } from 'csv-parse/sync';
import { CsvError } from 'csv-parse';

export const REGISTER_MAX_ROWS = 50_000;
const MAX_ISSUES = 500;

export type RegisterField = 'building' | 'unit' | 'floor' | 'area' | 'use' | 'owners' | 'ownerKind' | 'phones' | 'shares';
export type UnitUse = 'residential' | 'office' | 'shop';

/** Accepted headers (compared without spaces, case or a bracketed unit such as "（m²）"). */
export const REGISTER_COLUMNS: Record<RegisterField, { headers: string[]; required: boolean }> = {
  building: { headers: ['楼宇编码', '楼宇', '楼号', 'building', 'buildingcode'], required: true },
  unit: { headers: ['房号', '室号', '单元号', '房屋编码', 'unit', 'unitcode'], required: true },
  floor: { headers: ['楼层', '所在层', 'floor'], required: false },
  area: { headers: ['专有面积', '产权面积', '建筑面积', '面积', 'area'], required: true },
  use: { headers: ['用途', '房屋用途', 'use'], required: false },
  owners: { headers: ['业主', '业主姓名', '权利人', 'owners', 'owner'], required: true },
  ownerKind: { headers: ['业主类型', '权利人类型', 'ownerkind'], required: false },
  phones: { headers: ['联系电话', '电话', '手机', 'phones', 'phone'], required: false },
  shares: { headers: ['份额', '产权份额', '共有份额', 'shares', 'share'], required: false },
};

export interface RegisterOwner {
  name: string;
  /** null: not given (an owner on record keeps its kind; a new one is a person) */
  kind: 'person' | 'organisation' | null;
  phone: string | null;
  /** percent with two decimals, e.g. "33.34"; co-owners sum to exactly 100 */
  share: string;
}

export interface RegisterRow {
  /** the spreadsheet row number (the header is row 1) */
  row: number;
  building: string;
  unit: string;
  /** null: not given (a unit on record keeps its floor; a new one reads it from its code) */
  floor: number | null;
  /** registered exclusive area in m², two decimals */
  area: string;
  /** null: keep the unit's use (a new unit takes its building's) */
  use: UnitUse | null;
  owners: RegisterOwner[];
}

export interface RegisterIssue {
  row: number;
  /** the column as headed in the file (or the expected header when it is missing) */
  column: string;
  field: RegisterField | 'file';
  code: string;
  params?: Record<string, unknown>;
}

export interface ParsedRegister {
  rows: RegisterRow[];
  issues: RegisterIssue[];
  /** how many issues there were before the list was cut to MAX_ISSUES */
  issueCount: number;
  delimiter: ',' | '\t';
  ignoredColumns: string[];
  /** the header each field was found under */
  headers: Partial<Record<RegisterField, string>>;
  /** data rows read (valid or not) */
  dataRows: number;
}

const normalise = (h: string) => h.replace(/[（(][^)）]*[)）]\s*$/, '').replace(/[\s_\-]/g, '').toLowerCase();
const LIST = /[、;；,，/|]/;
const splitList = (cell: string) => cell.split(LIST).map((s) => s.trim()).filter((s) => s.length > 0);

const USES: Record<string, UnitUse> = { 住宅: 'residential', 居住: 'residential', residential: 'residential', 办公: 'office', office: 'office', 商铺: 'shop', 商业: 'shop', 商用: 'shop', 门面: 'shop', shop: 'shop' };
const KINDS: Record<string, NonNullable<RegisterOwner['kind']>> = { 个人: 'person', 自然人: 'person', person: 'person', 单位: 'organisation', 企业: 'organisation', 法人: 'organisation', 公司: 'organisation', organisation: 'organisation', organization: 'organisation' };

/** "123.4" → "123.40"; null unless a positive decimal with at most two places. */
export function parseArea(cell: string): string | null {
  const m = /^(\d{1,8})(?:\.(\d{1,2}))?$/.exec(cell);
  if (!m) return null;
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  const frac = (m[2] ?? '').padEnd(2, '0');
  if (whole === '0' && frac === '00') return null;
  return `${whole}.${frac}`;
}

/** Percent in hundredths ("33.34" → 3334); null unless 0 < p ≤ 100 with at most two places. */
function shareHundredths(cell: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?%?$/.exec(cell);
  if (!m) return null;
  const v = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return v > 0 && v <= 10_000 ? v : null;
}
const hundredthsToPercent = (v: number) => `${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')}`;

/** Equal shares in hundredths of a percent; the first owners take the odd hundredths. */
export function equalShares(n: number): string[] {
  const base = Math.floor(10_000 / n);
  const extra = 10_000 - base * n;
  return Array.from({ length: n }, (_, i) => hundredthsToPercent(base + (i < extra ? 1 : 0)));
}

/** The floor from a unit code such as 1203 or 1203室 (floor 12), when it says so. */
export function floorFromCode(code: string): number | null {
  const m = /^(\d{1,3})\d{2}室?$/.exec(code);
  return m ? Number(m[1]) : null;
}

export function parseUnitRegister(text: string): ParsedRegister {
  const issues: RegisterIssue[] = [];
  let issueCount = 0;
  const issue = (i: RegisterIssue) => {
    issueCount++;
    if (issues.length < MAX_ISSUES) issues.push(i);
  };
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter: ',' | '\t' = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const empty: ParsedRegister = { rows: [], issues, issueCount: 0, delimiter, ignoredColumns: [], headers: {}, dataRows: 0 };

  let records: string[][];
  try {
    // no empty-line skipping: record i is spreadsheet row i + 1, as Excel numbers it
    records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, trim: true, bom: true, max_record_size: 64 * 1024, to: REGISTER_MAX_ROWS + 2 }) as string[][];
  } catch (e) {
    const line = e instanceof CsvError && typeof e.lines === 'number' ? e.lines : 0;
    issue({ row: line, column: '', field: 'file', code: 'register.csv_syntax', params: { line } });
    return { ...empty, issueCount };
  }
  if (records.length > REGISTER_MAX_ROWS + 1) {
    issue({ row: REGISTER_MAX_ROWS + 2, column: '', field: 'file', code: 'register.too_many_rows', params: { max: REGISTER_MAX_ROWS } });
    return { ...empty, issueCount };
  }

  const header = records[0] ?? [];
  const at = new Map<RegisterField, number>();
  const ignoredColumns: string[] = [];
  header.forEach((h, i) => {
    const n = normalise(h);
    const field = (Object.keys(REGISTER_COLUMNS) as RegisterField[]).find((f) => REGISTER_COLUMNS[f].headers.some((x) => normalise(x) === n));
    if (!field) {
      if (h !== '') ignoredColumns.push(h);
    } else if (at.has(field)) issue({ row: 1, column: h, field, code: 'register.column_twice', params: { other: header[at.get(field)!] } });
    else at.set(field, i);
  });
  for (const [f, c] of Object.entries(REGISTER_COLUMNS) as [RegisterField, (typeof REGISTER_COLUMNS)[RegisterField]][]) {
    if (c.required && !at.has(f)) issue({ row: 1, column: c.headers[0]!, field: f, code: 'register.column_missing', params: { column: c.headers[0] } });
  }
  if (issueCount > 0) return { ...empty, issueCount, ignoredColumns };

  const headers = Object.fromEntries([...at].map(([f, i]) => [f, header[i]!]));
  const rows: RegisterRow[] = [];
  let dataRows = 0;
  const seen = new Map<string, number>();
  for (let i = 1; i < records.length; i++) {
    const rec = records[i]!;
    if (rec.every((c) => c === '')) continue;
    const row = i + 1;
    dataRows++;
    const cell = (f: RegisterField) => (at.has(f) ? (rec[at.get(f)!] ?? '') : '');
    const bad = (f: RegisterField, code: string, params: Record<string, unknown> = {}) => issue({ row, column: header[at.get(f) ?? -1] ?? REGISTER_COLUMNS[f].headers[0]!, field: f, code, params });
    const before = issueCount;

    const building = cell('building');
    if (building === '' || building.length > 40) bad('building', 'register.building_required');
    const unit = cell('unit');
    if (unit === '' || unit.length > 20) bad('unit', 'register.unit_required');
    else if (building !== '') {
      const key = `${building}\u0000${unit}`;
      const other = seen.get(key);
      if (other) bad('unit', 'register.unit_twice', { other });
      else seen.set(key, row);
    }

    let floor: number | null = null;
    const floorCell = cell('floor').replace(/[层楼F]$/i, '');
    if (floorCell !== '') {
      floor = /^-?\d{1,3}$/.test(floorCell) ? Number(floorCell) : null;
      if (floor === null || floor < -9 || floor > 200) bad('floor', 'register.floor_invalid');
    }

    const area = parseArea(cell('area'));
    if (area === null) bad('area', 'register.area_invalid', { value: cell('area') });

    let use: UnitUse | null = null;
    if (cell('use') !== '') {
      use = USES[cell('use').toLowerCase()] ?? null;
      if (use === null) bad('use', 'register.use_invalid', { value: cell('use') });
    }

    let kind: RegisterOwner['kind'] = null;
    if (cell('ownerKind') !== '') {
      const k = KINDS[cell('ownerKind').toLowerCase()];
      if (!k) bad('ownerKind', 'register.kind_invalid', { value: cell('ownerKind') });
      else kind = k;
    }

    const names = splitList(cell('owners'));
    if (names.length === 0) bad('owners', 'register.owner_required');
    else if (names.length > 20 || names.some((n) => n.length > 60)) bad('owners', 'register.owner_invalid');
    else if (new Set(names).size !== names.length) bad('owners', 'register.owner_twice');

    const phones = splitList(cell('phones'));
    if (phones.length > Math.max(names.length, 1)) bad('phones', 'register.phones_count', { phones: phones.length, owners: names.length });
    else if (phones.some((p) => !/^\+?[\d\- ]{5,20}$/.test(p))) bad('phones', 'register.phone_invalid');

    let shares: string[] = names.length ? equalShares(names.length) : [];
    const shareCells = splitList(cell('shares'));
    if (shareCells.length > 0) {
      const parsed = shareCells.map(shareHundredths);
      if (shareCells.length !== names.length) bad('shares', 'register.shares_count', { shares: shareCells.length, owners: names.length });
      else if (parsed.some((v) => v === null)) bad('shares', 'register.share_invalid');
      else if (parsed.reduce((s, v) => s! + v!, 0) !== 10_000) bad('shares', 'register.shares_sum', { sum: hundredthsToPercent(parsed.reduce((s, v) => s! + v!, 0)!) });
      else shares = parsed.map((v) => hundredthsToPercent(v!));
    }

    if (issueCount > before) continue;
    rows.push({ row, building, unit, floor, area: area!, use, owners: names.map((name, k) => ({ name, kind, phone: phones[k] ?? null, share: shares[k]! })) });
  }
  if (rows.length === 0 && issueCount === 0) issue({ row: 2, column: '', field: 'file', code: 'register.no_rows' });
  return { rows, issues, issueCount, delimiter, ignoredColumns, headers, dataRows };
}
