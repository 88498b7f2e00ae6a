// One answer, two formats. Each resource builds a plain value; XML is generated from it
// by fast-xml-parser's builder, and JSON follows the standard's "Spark" convention: a
// container element whose children all have one name (services/service,
// attributes/attribute, …) becomes an array, so the root list is a bare JSON array.
import { XMLBuilder } from 'fast-xml-parser';

export type Format = 'xml' | 'json';
export const FORMATS = ['xml', 'json'] as const;
export const MEDIA_TYPES: Record<Format, string> = { xml: 'text/xml; charset=utf-8', json: 'application/json; charset=utf-8' };

export type Value = string | number | boolean | null | Value[] | { [k: string]: Value };

/** Container elements and the name of their children. */
export const CHILD_OF: Record<string, string> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
};

// characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF)
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function tree(name: string, v: Value): unknown {
  if (v === null) return '';
  if (Array.isArray(v)) {
    const child = CHILD_OF[name];
    if (!child) throw new Error(`open311: no child element known for list ${name}`);
    return v.length === 0 ? '' : { [child]: v.map((x) => tree(child, x)) };
  }
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tree(k, x)]));
  if (typeof v === 'string') return v.replace(NOT_XML, '');
  return String(v);
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: false });

/** The XML document of a value under its root element (a list root is a container). */
export function toXml(root: string, body: Value): string {
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, [root]: tree(root, body) }) as string;
}

export function render(format: Format, root: string, body: Value): string {
  return format === 'xml' ? toXml(root, body) : JSON.stringify(body);
}

/** The format a URL asks for: its suffix, XML unless it says .json. */
export function formatOfUrl(url: string): Format {
  return /\.json$/i.test(url.split('?')[0] ?? '') ? 'json' : 'xml';
}

const CHINA_OFFSET_MS = 8 * 3600_000;

/** A W3C date-time in China time (UTC+08:00 all year; the standard wants a zone). */
export function w3c(d: Date): string {
  return `${new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}
