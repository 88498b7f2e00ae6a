// Checking an uploaded year: dates inside that year, no day both holiday and working day.
export interface YearUpload {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

export interface UploadIssue {
  field: string;
  code: string;
  params?: Record<string, unknown>;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(d: string, year: number): boolean {
  const m = DATE.exec(d);
  if (!m || Number(m[1]) !== year) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

export function checkYearUpload(year: number, body: YearUpload): UploadIssue[] {
  const issues: UploadIssue[] = [];
  for (const kind of ['holidays', 'workdays'] as const) {
    for (const [d, name] of Object.entries(body[kind])) {
      if (!validDate(d, year)) issues.push({ field: `${kind}.${d}`, code: 'calendar.bad_date', params: { date: d, year } });
      else if (typeof name !== 'string' || name.length === 0 || name.length > 40) issues.push({ field: `${kind}.${d}`, code: 'calendar.bad_name' });
    }
  }
  for (const d of Object.keys(body.holidays)) if (d in body.workdays) issues.push({ field: `workdays.${d}`, code: 'calendar.both', params: { date: d } });
  if (Object.keys(body.holidays).length === 0) issues.push({ field: 'holidays', code: 'calendar.no_holidays' });
  return issues;
}
