// The number people read out at the window: QF + local date of receipt + id. Derived,
// not stored, so it can never disagree with the row.
export function requestCode(at: Date, id: number): string {
  const local = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  return `QF${local}-${String(id).padStart(5, '0')}`;
}

/** The id in a request number (or a bare id), or null. */
export function idFromCode(s: string): number | null {
  const m = /^(?:QF\d{8}-)?0*(\d{1,12})$/i.exec(s.trim());
  return m ? Number(m[1]) : null;
}
