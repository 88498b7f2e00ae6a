// Reading Open311 parameters as the standard defines them: an optional parameter sent
// empty is one not sent; times are ISO 8601 (W3C profile) with a time zone; lists are
// comma-separated; a description is plain text of at most 4,000 characters; a location is
// lat+long, an address string or an address id; attributes follow the service definition.
// Every problem is collected as an Issue (field, message code), so a client is told all of
// them at once.

export interface Issue {
  field: string;
  code: string;
  params?: Record<string, unknown>;
}

export type FormValue = string | string[];
export type Form = Record<string, FormValue>;

/** Drop parameters sent empty (and empty values of repeated ones); numbers and booleans
 * from JSON bodies become the text a form would carry. */
export function normaliseParams(input: unknown): Form {
  const out: Form = {};
  if (!input || typeof input !== 'object') return out;
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    if (Array.isArray(v)) {
      const xs = v.map(text).filter((x): x is string => x !== undefined && x.trim() !== '');
      if (xs.length === 1) out[k] = xs[0]!;
      else if (xs.length > 1) out[k] = xs;
    } else {
      const x = text(v);
      if (x !== undefined && x.trim() !== '') out[k] = x;
    }
  }
  return out;
}

/** One value of a parameter that may not repeat. */
export function one(form: Form, name: string, issues: Issue[]): string | undefined {
  const v = form[name];
  if (Array.isArray(v)) {
    issues.push({ field: name, code: 'open311.repeated' });
    return undefined;
  }
  return v?.trim();
}

export const all = (form: Form, name: string): string[] => [form[name] ?? []].flat().map((s) => s.trim());

const W3C = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** A W3C/ISO 8601 date-time with a time zone, or null when it is not one. */
export function parseInstant(s: string): Date | null {
  const m = W3C.exec(s.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, , z, , oh, om] = m;
  const nums = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(sec ?? 0)];
  const [Y, M, D, H, Mi, S] = nums as [number, number, number, number, number, number];
  const day = new Date(Date.UTC(Y, M - 1, D));
  if (day.getUTCFullYear() !== Y || day.getUTCMonth() !== M - 1 || day.getUTCDate() !== D) return null;
  if (H > 23 || Mi > 59 || S > 59) return null;
  if (z !== 'Z' && (Number(oh) > 14 || Number(om) > 59)) return null;
  const t = Date.parse(s.trim());
  return Number.isNaN(t) ? null : new Date(t);
}

export function instant(form: Form, name: string, issues: Issue[]): Date | undefined {
  const v = one(form, name, issues);
  if (v === undefined) return undefined;
  const d = parseInstant(v);
  if (!d) issues.push({ field: name, code: 'open311.datetime', params: { value: v } });
  return d ?? undefined;
}

/** A comma list (also accepted as a repeated parameter). */
export const commaList = (form: Form, name: string): string[] =>
  all(form, name)
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);

export const MAX_DESCRIPTION = 4000;
// a tag (as an HTML parser reads one: "<" then a letter), a comment or CDATA — not a lone
// "<" in a sentence ("a < b")
const HTML = /<\/?[a-zA-Z][^<>]*>|<!--|<!\[CDATA\[/;

/** Plain text of at most `max` characters (counted as Unicode characters), no HTML. */
export function plainText(value: string, field: string, max: number, issues: Issue[]): string {
  const chars = [...value].length;
  if (chars > max) issues.push({ field, code: 'open311.too_long', params: { max, length: chars } });
  if (HTML.test(value)) issues.push({ field, code: 'open311.no_html' });
  return value;
}

export type Location =
  | { kind: 'point'; lng: number; lat: number }
  | { kind: 'address_id'; id: string }
  | { kind: 'address_string'; text: string };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** lat+long, else address_id, else address_string (at least one is required). */
export function location(form: Form, issues: Issue[]): Location | undefined {
  const lat = one(form, 'lat', issues);
  const long = one(form, 'long', issues);
  if (lat !== undefined || long !== undefined) {
    if (lat === undefined || long === undefined) {
      issues.push({ field: lat === undefined ? 'lat' : 'long', code: 'open311.lat_long_pair' });
      return undefined;
    }
    const y = NUMBER.test(lat) ? Number(lat) : NaN;
    const x = NUMBER.test(long) ? Number(long) : NaN;
    const before = issues.length;
    if (!(y >= -90 && y <= 90)) issues.push({ field: 'lat', code: 'open311.latitude', params: { value: lat } });
    if (!(x >= -180 && x <= 180)) issues.push({ field: 'long', code: 'open311.longitude', params: { value: long } });
    return issues.length === before ? { kind: 'point', lng: x, lat: y } : undefined;
  }
  const id = one(form, 'address_id', issues);
  if (id !== undefined) return { kind: 'address_id', id };
  const text = one(form, 'address_string', issues);
  if (text !== undefined) return { kind: 'address_string', text };
  issues.push({ field: 'lat', code: 'open311.location_required' });
  return undefined;
}

/** A service attribute as the case engine defines it (Open311 attribute definitions). */
export interface AttributeDef {
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  values?: { key: string; name: string }[];
}

const ATTRIBUTE = /^attribute\[([^\]]+)\](\[\])?$/;
const MAX_ATTRIBUTE_TEXT = 4000;
const MAX_ATTRIBUTE_STRING = 500;

/** `attribute[code]=v` and, for lists, `attribute[code][]=v1&attribute[code][]=v2`,
 * checked against the service's definitions; values keyed by code, typed. */
export function attributes(form: Form, defs: readonly AttributeDef[], issues: Issue[]): Record<string, unknown> {
  const sent = new Map<string, { values: string[]; field: string }>();
  for (const [key, v] of Object.entries(form)) {
    const m = ATTRIBUTE.exec(key);
    if (!m) continue;
    const code = m[1]!;
    const prev = sent.get(code);
    sent.set(code, { values: [...(prev?.values ?? []), ...[v].flat().map((s) => s.trim())], field: prev?.field ?? `attribute[${code}]` });
  }
  const byCode = new Map(defs.map((d) => [d.code, d]));
  for (const [code, s] of sent) if (!byCode.has(code)) issues.push({ field: s.field, code: 'open311.attribute_unknown', params: { code } });
  const out: Record<string, unknown> = {};
  for (const d of defs) {
    const field = `attribute[${d.code}]`;
    const values = sent.get(d.code)?.values ?? [];
    if (values.length === 0) {
      if (d.required) issues.push({ field, code: 'open311.attribute_required' });
      continue;
    }
    const keys = (d.values ?? []).map((v) => v.key);
    const notKey = values.filter((v) => !keys.includes(v));
    if (d.datatype === 'multivaluelist') {
      if (notKey.length) issues.push({ field, code: 'open311.attribute_value', params: { value: notKey.join(','), allowed: keys.join(', ') } });
      else out[d.code] = [...new Set(values)];
      continue;
    }
    if (values.length > 1) {
      issues.push({ field, code: 'open311.attribute_single' });
      continue;
    }
    const v = values[0]!;
    switch (d.datatype) {
      case 'singlevaluelist':
        if (notKey.length) issues.push({ field, code: 'open311.attribute_value', params: { value: v, allowed: keys.join(', ') } });
        else out[d.code] = v;
        break;
      case 'number':
        if (!NUMBER.test(v)) issues.push({ field, code: 'open311.attribute_number', params: { value: v } });
        else out[d.code] = Number(v);
        break;
      case 'datetime': {
        const t = parseInstant(v);
        if (!t) issues.push({ field, code: 'open311.datetime', params: { value: v } });
        else out[d.code] = t.toISOString();
        break;
      }
      case 'string':
        if (/[\r\n]/.test(v)) issues.push({ field, code: 'open311.attribute_line' });
        out[d.code] = plainText(v, field, MAX_ATTRIBUTE_STRING, issues);
        break;
      case 'text':
        out[d.code] = plainText(v, field, MAX_ATTRIBUTE_TEXT, issues);
        break;
    }
  }
  return out;
}

const CJK = /[\u3400-\u9fff]/;

/** A person's name from given and family names (Chinese order without a space). */
export function personName(first: string | undefined, last: string | undefined): string | undefined {
  const f = first?.trim() ?? '';
  const l = last?.trim() ?? '';
  if (!f && !l) return undefined;
  return CJK.test(f + l) ? `${l}${f}` : [f, l].filter(Boolean).join(' ');
}

/** http(s) links only (a media_url is shown to people and fetched by clients). */
export function mediaUrls(form: Form, name: string, issues: Issue[], max = 10): string[] {
  const urls = all(form, name);
  if (urls.length > max) issues.push({ field: name, code: 'open311.too_many', params: { max } });
  return urls.filter((u) => {
    let ok = false;
    try {
      const p = new URL(u).protocol;
      ok = (p === 'http:' || p === 'https:') && u.length <= 2000;
    } catch {
      ok = false;
    }
    if (!ok) issues.push({ field: name, code: 'open311.url', params: { value: u.slice(0, 100) } });
    return ok;
  });
}
