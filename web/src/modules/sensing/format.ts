// Times are shown in Asia/Shanghai whatever the browser's zone.
export function shanghai(iso: string | null | undefined, withDate = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, ...(withDate ? {} : { year: undefined, month: undefined, day: undefined }), hour: '2-digit', minute: '2-digit', second: '2-digit', ...(withDate ? { month: '2-digit', day: '2-digit' } : {}) });
}
