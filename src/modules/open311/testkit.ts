// Helpers of the Open311 tests: a client key, posting as FixMyStreet does (form-encoded,
// multipart with photo1…), and two independent checks of every answer — the JSON against
// schemas equivalent to open311/schema-validation (written here with TypeBox, checked by
// ajv), the XML against the element structure of the published examples.
import { expect } from 'vitest';
import { Type, type TSchema } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { LightMyRequestResponse } from 'fastify';
import type { TestPlatform } from '../../../test/harness.js';
import { createApiKey } from '../../core/auth/index.js';
import { interopDefault } from '../../core/interop.js';

export const BASE = '/open311/v2';
export const TENANT = 'shimen2';
/** On 凤阳路 near 奉贤路, inside the subdistrict (grid SM2-G05). */
export const SPOT = { lng: 121.4567, lat: 31.2331 };

/** A tiny but real JPEG and PNG (enough for the magic-number check). */
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.alloc(64, 1), Buffer.from([0xff, 0xd9])]);
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 2)]);

/** An API key for an Open311 client, made as an admin makes one. */
export async function clientKey(tp: TestPlatform, opts: { name?: string; grants?: string[]; rateLimit?: number; tenantId?: string } = {}): Promise<string> {
  const k = await createApiKey(tp.platform.ctx.db, { tenantId: opts.tenantId ?? TENANT, name: opts.name ?? 'FixMyStreet 测试', grants: opts.grants ?? ['open311.report'], rateLimit: opts.rateLimit ?? null });
  return k.key;
}

export type Params = Record<string, string | number | (string | number)[] | undefined>;

/** application/x-www-form-urlencoded, repeated keys for lists (as Perl's LWP sends). */
export function encodeForm(params: Params): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of [v ?? []].flat()) u.append(k, String(x));
  return u.toString();
}

export function postForm(tp: TestPlatform, path: string, params: Params, headers: Record<string, string> = {}) {
  return tp.request({ method: 'POST', url: `${BASE}/${path}`, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers }, payload: encodeForm(params) });
}

/** multipart/form-data with files, as FixMyStreet posts photos (photo1, photo2, …). */
export async function postMultipart(tp: TestPlatform, path: string, params: Params, files: Record<string, { content: Buffer; type?: string; name?: string }>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(params)) for (const x of [v ?? []].flat()) fd.append(k, String(x));
  for (const [k, f] of Object.entries(files)) fd.append(k, new Blob([new Uint8Array(f.content)], { type: f.type ?? 'image/jpeg' }), f.name ?? `${k}.jpeg`);
  const req = new Request('http://x/', { method: 'POST', body: fd });
  return tp.request({ method: 'POST', url: `${BASE}/${path}`, headers: { 'content-type': req.headers.get('content-type')! }, payload: Buffer.from(await req.arrayBuffer()) });
}

export function get(tp: TestPlatform, path: string, query: Params = {}, headers: Record<string, string> = {}) {
  const q = encodeForm(query);
  return tp.request({ method: 'GET', url: `${BASE}/${path}${q ? `?${q}` : ''}`, headers });
}

// ---- JSON: schemas equivalent to open311/schema-validation (GeoReport v2) ----

const S = Type.String();
const OrNull = (t: TSchema) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const ServiceJ = Type.Object({
  service_code: S,
  service_name: S,
  description: Type.Optional(OrNull(S)),
  metadata: Type.Boolean(),
  type: Type.Union([Type.Literal('realtime'), Type.Literal('batch'), Type.Literal('blackbox')]),
  keywords: Type.Optional(OrNull(S)),
  group: Type.Optional(OrNull(S)),
});
export const ServicesJ = Type.Array(ServiceJ);

export const DefinitionJ = Type.Object({
  service_code: S,
  attributes: Type.Array(
    Type.Object({
      variable: Type.Boolean(),
      code: S,
      datatype: Type.Union(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'].map((d) => Type.Literal(d))),
      required: Type.Boolean(),
      datatype_description: Type.Optional(OrNull(S)),
      order: Type.Optional(OrNull(Type.Integer())),
      description: Type.Optional(OrNull(S)),
      values: Type.Optional(Type.Array(Type.Object({ key: S, name: S }))),
    }),
  ),
});

export const RequestJ = Type.Object({
  service_request_id: S,
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  status_notes: Type.Optional(OrNull(S)),
  service_name: Type.Optional(OrNull(S)),
  service_code: S,
  description: Type.Optional(OrNull(Type.String({ maxLength: 4000 }))),
  agency_responsible: Type.Optional(OrNull(S)),
  service_notice: Type.Optional(OrNull(S)),
  requested_datetime: DateTime,
  updated_datetime: Type.Optional(OrNull(DateTime)),
  expected_datetime: Type.Optional(OrNull(DateTime)),
  address: Type.Optional(OrNull(S)),
  address_id: Type.Optional(OrNull(S)),
  zipcode: Type.Optional(OrNull(S)),
  lat: Type.Optional(OrNull(Type.Number())),
  long: Type.Optional(OrNull(Type.Number())),
  media_url: Type.Optional(OrNull(Type.String({ format: 'uri' }))),
});
export const RequestsJ = Type.Array(RequestJ);

/** POST requests: an id or a token, never both. */
export const PostedJ = Type.Array(
  Type.Union([
    Type.Object({ service_request_id: S, service_notice: Type.Optional(OrNull(S)), account_id: Type.Optional(OrNull(S)) }, { additionalProperties: false }),
    Type.Object({ token: S, service_notice: Type.Optional(OrNull(S)), account_id: Type.Optional(OrNull(S)) }, { additionalProperties: false }),
  ]),
  { minItems: 1 },
);
export const TokenJ = Type.Array(Type.Object({ service_request_id: Type.Optional(S), token: S }, { additionalProperties: false }), { minItems: 1, maxItems: 1 });
export const ErrorsJ = Type.Array(Type.Object({ code: Type.Union([Type.Integer(), S]), description: S }, { additionalProperties: false }), { minItems: 1 });
const LOWER_STATUSES = ['open', 'closed', 'fixed', 'in_progress', 'action_scheduled', 'investigating', 'duplicate', 'not_councils_responsibility', 'no_further_action', 'internal_referral', 'cancelled', 'reopen', 'for_triage'];
export const UpdatesJ = Type.Array(
  Type.Object({
    update_id: S,
    service_request_id: S,
    status: Type.Union(LOWER_STATUSES.map((s) => Type.Literal(s))),
    updated_datetime: DateTime,
    description: S,
    media_url: OrNull(Type.String({ format: 'uri' })),
    external_status_code: Type.Optional(OrNull(S)),
  }),
);
export const UpdatePostedJ = Type.Array(Type.Object({ update_id: S }, { additionalProperties: false }), { minItems: 1, maxItems: 1 });
export const DiscoveryJ = Type.Object({
  changeset: S,
  contact: S,
  key_service: S,
  endpoints: Type.Array(
    Type.Object({
      specification: S,
      url: Type.String({ format: 'uri' }),
      changeset: S,
      type: Type.Union([Type.Literal('production'), Type.Literal('test')]),
      formats: Type.Array(S, { minItems: 1 }),
    }),
    { minItems: 1 },
  ),
});

const addFormats = interopDefault(addFormatsModule as unknown as { default: typeof addFormatsModule.default }) as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));

/** The JSON answer, checked against its schema and its media type. */
export function json(res: LightMyRequestResponse, schema: TSchema) {
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const body = res.json();
  const ok = ajv.validate(schema, body);
  expect(ok, `${JSON.stringify(ajv.errors)}\n${res.body.slice(0, 2000)}`).toBe(true);
  return body;
}

// ---- XML: the element structure of the published examples ----

type Leaf = { leaf: RegExp };
type Rec = { rec: Record<string, { shape: Shape; required: boolean }> };
type List = { list: string; of: Shape };
export type Shape = Leaf | Rec | List;

const TEXT: Leaf = { leaf: /^[\s\S]*$/ };
const BOOL: Leaf = { leaf: /^(true|false)$/ };
const INT: Leaf = { leaf: /^\d+$/ };
const NUM: Leaf = { leaf: /^-?\d+(\.\d+)?$/ };
const W3C: Leaf = { leaf: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/ };
const oneOf = (...xs: string[]): Leaf => ({ leaf: new RegExp(`^(${xs.join('|')})$`) });
const req = (shape: Shape) => ({ shape, required: true });
const opt = (shape: Shape) => ({ shape, required: false });
const list = (child: string, of: Shape): List => ({ list: child, of });
const rec = (fields: Rec['rec']): Rec => ({ rec: fields });

export const XML_SHAPES = {
  services: list('service', rec({ service_code: req(TEXT), service_name: req(TEXT), description: opt(TEXT), metadata: req(BOOL), type: req(oneOf('realtime', 'batch', 'blackbox')), keywords: opt(TEXT), group: opt(TEXT) })),
  service_definition: rec({
    service_code: req(TEXT),
    attributes: req(
      list(
        'attribute',
        rec({ variable: req(BOOL), code: req(TEXT), datatype: req(oneOf('string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist')), required: req(BOOL), datatype_description: opt(TEXT), order: opt(INT), description: opt(TEXT), values: opt(list('value', rec({ key: req(TEXT), name: req(TEXT) }))) }),
      ),
    ),
  }),
  service_requests: list(
    'request',
    rec({
      service_request_id: req(TEXT),
      status: req(oneOf('open', 'closed')),
      status_notes: opt(TEXT),
      service_name: opt(TEXT),
      service_code: req(TEXT),
      description: opt(TEXT),
      agency_responsible: opt(TEXT),
      service_notice: opt(TEXT),
      requested_datetime: req(W3C),
      updated_datetime: opt(W3C),
      expected_datetime: opt(W3C),
      address: opt(TEXT),
      address_id: opt(TEXT),
      zipcode: opt(TEXT),
      lat: opt(NUM),
      long: opt(NUM),
      media_url: opt(TEXT),
    }),
  ),
  posted: list('request', rec({ service_request_id: opt(TEXT), token: opt(TEXT), service_notice: opt(TEXT), account_id: opt(TEXT) })),
  token: list('request', rec({ service_request_id: opt(TEXT), token: req(TEXT) })),
  errors: list('error', rec({ code: req(TEXT), description: req(TEXT) })),
  service_request_updates: list(
    'request_update',
    rec({ update_id: req(TEXT), service_request_id: req(TEXT), status: req(oneOf(...LOWER_STATUSES)), updated_datetime: req(W3C), description: req(TEXT), media_url: opt(TEXT), external_status_code: opt(TEXT) }),
  ),
  update_posted: list('request_update', rec({ update_id: req(TEXT) })),
  discovery: rec({
    changeset: req(TEXT),
    contact: req(TEXT),
    key_service: req(TEXT),
    endpoints: req(list('endpoint', rec({ specification: req(TEXT), url: req(TEXT), changeset: req(TEXT), type: req(oneOf('production', 'test')), formats: req(list('format', TEXT)) }))),
  }),
} satisfies Record<string, Shape>;

const CHILDREN = new Set(['service', 'attribute', 'value', 'request', 'error', 'request_update', 'endpoint', 'format']);
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, ignoreDeclaration: true, trimValues: true, isArray: (name) => CHILDREN.has(name) });

function walk(v: unknown, shape: Shape, path: string, problems: string[]): void {
  if ('leaf' in shape) {
    if (typeof v !== 'string') problems.push(`${path}: expected text, found elements`);
    else if (v !== '' && !shape.leaf.test(v)) problems.push(`${path}: "${v}" does not match ${shape.leaf}`);
    return;
  }
  if ('list' in shape) {
    if (v === '') return; // an empty container
    if (!v || typeof v !== 'object') return void problems.push(`${path}: expected <${shape.list}> elements`);
    const keys = Object.keys(v);
    if (keys.some((k) => k !== shape.list)) problems.push(`${path}: only <${shape.list}> may appear, found ${keys.join(', ')}`);
    ((v as Record<string, unknown[]>)[shape.list] ?? []).forEach((x, i) => walk(x, shape.of, `${path}/${shape.list}[${i}]`, problems));
    return;
  }
  if (!v || typeof v !== 'object') return void problems.push(`${path}: expected child elements`);
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!(k in shape.rec)) problems.push(`${path}: unexpected <${k}>`);
  for (const [k, f] of Object.entries(shape.rec)) {
    if (!(k in o)) {
      if (f.required) problems.push(`${path}: missing <${k}>`);
      continue;
    }
    walk(o[k], f.shape, `${path}/${k}`, problems);
  }
}

/** The XML answer: well-formed, UTF-8 declared, its root and structure as published. */
export function xml(res: LightMyRequestResponse, root: string, shape: List): Record<string, unknown>[];
export function xml(res: LightMyRequestResponse, root: string, shape: Rec): Record<string, unknown>;
export function xml(res: LightMyRequestResponse, root: string, shape: Shape): Record<string, unknown>[] | Record<string, unknown> {
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>'), res.body.slice(0, 100)).toBe(true);
  expect(XMLValidator.validate(res.body)).toBe(true);
  const doc = parser.parse(res.body) as Record<string, unknown>;
  expect(Object.keys(doc)).toEqual([root]);
  const problems: string[] = [];
  walk(doc[root], shape, root, problems);
  expect(problems, res.body.slice(0, 3000)).toEqual([]);
  const body = doc[root];
  // the list under the root, for reading values back (empty container: no items)
  if ('list' in shape) return (body === '' ? [] : ((body as Record<string, unknown[]>)[shape.list] ?? [])) as Record<string, unknown>[];
  return body as Record<string, unknown>;
}

/** The Open311 errors of an answer (XML), with the status. */
export function errorsXml(res: LightMyRequestResponse, status: number): { code: string; description: string }[] {
  expect(res.statusCode, res.body).toBe(status);
  const errs = xml(res, 'errors', XML_SHAPES.errors) as unknown as { code: string; description: string }[];
  expect(errs.length).toBeGreaterThan(0);
  for (const e of errs) expect(e.code).toBe(String(status));
  return errs;
}

export function errorsJson(res: LightMyRequestResponse, status: number): { code: number; description: string }[] {
  expect(res.statusCode, res.body).toBe(status);
  return json(res, ErrorsJ);
}

/** A row of the test database. */
export async function one<T>(tp: TestPlatform, sql: string, params: unknown[] = []): Promise<T> {
  const rows = await tp.platform.ctx.database.query<T>(sql, params);
  return rows[0]!;
}
