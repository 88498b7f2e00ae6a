// Placing an `address_string` when a client sends no coordinates: the subdistrict's own
// gazetteer (building and shop addresses and names, residential areas, roads), searched
// with the most specific match winning — a full door-plate address, then a named place,
// then a road. Nothing outside the subdistrict is guessed: no match means the client must
// send lat/long.

export interface Place {
  kind: 'building' | 'shop' | 'area' | 'road';
  name: string;
  address?: string;
  lng: number;
  lat: number;
}

export interface Match {
  place: Place;
  score: number;
}

/** Full-width letters, digits and punctuation to half-width, no spaces, lower case. */
export function normalise(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();
}

function score(text: string, p: Place): number {
  const addr = p.address ? normalise(p.address) : '';
  const name = normalise(p.name);
  // a longer matched string is a more specific place
  const bonus = (s: string) => Math.min(s.length, 50) / 100;
  if (p.kind === 'road') return name.length >= 2 && text.includes(name) ? 20 + bonus(name) : 0;
  if (addr && addr === text) return 100;
  if (addr.length >= 4 && text.includes(addr)) return 80 + bonus(addr);
  if (name.length >= 2 && text.includes(name)) return (p.kind === 'area' ? 40 : 60) + bonus(name);
  if (text.length >= 4 && addr.includes(text)) return 50 + bonus(text);
  return 0;
}

/** The best place for a free-text address, or null when nothing matches. */
export function placeAddress(input: string, places: readonly Place[]): Match | null {
  const text = normalise(input);
  if (text.length < 2) return null;
  let best: Match | null = null;
  for (const p of places) {
    const s = score(text, p);
    if (s > 0 && (!best || s > best.score)) best = { place: p, score: s };
  }
  return best;
}

/** A point to stand for a road: the middle vertex of its line, or the middle of the
 * middle segment when the line has an even number of vertices. */
export function roadPoint(coords: readonly (readonly number[])[]): { lng: number; lat: number } | null {
  const n = coords.length;
  if (n === 0) return null;
  const a = coords[Math.floor((n - 1) / 2)]!;
  const b = coords[Math.floor(n / 2)]!;
  if (a.length < 2 || b.length < 2) return null;
  return { lng: (a[0]! + b[0]!) / 2, lat: (a[1]! + b[1]!) / 2 };
}
