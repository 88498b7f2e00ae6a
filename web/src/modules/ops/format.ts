// Colours and numbers shared by the operations screen and the workbench.
export const GRADE_COLOUR: Record<string, string> = { urgent: '#ff4d4f', major: '#fa8c16', important: '#fa8c16', normal: '#3ea6ff' };

export const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);

/** metres between two WGS-84 points (equirectangular: fine within a subdistrict) */
export function metres(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const k = Math.PI / 180;
  const x = (b.lng - a.lng) * k * Math.cos(((a.lat + b.lat) / 2) * k);
  const y = (b.lat - a.lat) * k;
  return Math.round(Math.sqrt(x * x + y * y) * 6_371_000);
}
