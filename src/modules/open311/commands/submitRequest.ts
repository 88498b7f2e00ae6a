// POST requests: a report from an Open311 client becomes a case (source open311, the
// client's name as its channel), with the reporter's contact, attributes checked against
// the service definition, photos (multipart photo1…) and media links as public evidence,
// and a token the client follows until verification is over and the request has its
// public number (ADR 0900). The token row is written in the case's transaction. A client
// posting the same report again (a retry) gets the first token back, not a second case.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { ApiKeyActor } from '../../../core/auth/index.js';
import { Problem, type FieldError } from '../../../core/http/problem.js';
import { createCase, expectedCompletion, publicCategories, type CaseRow, type Category, type EvidenceInput } from '../../cases/index.js';
import { open311Requests } from '../schema.js';
import { all, attributes, location, mediaUrls, one, personName, plainText, MAX_DESCRIPTION, type Form, type Issue, type Location } from '../domain/params.js';
import { fingerprint } from '../domain/fingerprint.js';
import { placeAddress } from '../domain/address.js';
import { buildingByCode, gazetteer } from '../queries/places.js';
import type { Upload } from '../http/context.js';
import { photosOf } from './photos.js';

/** How long a repeated post finds the first one. */
const REPEAT_WINDOW_MS = 30 * 86_400_000;

export interface Submitted {
  token: string;
  caseRow: CaseRow | null;
  caseId: number;
  accountId: string | null;
  expected: Date | null;
  repeated: boolean;
}

export const invalid = (issues: Issue[]) => new Problem(400, 'problem.validation', {}, issues.map((i): FieldError => ({ field: i.field, in: 'body', code: i.code, params: i.params })));

/** A public, active category of the jurisdiction by its code (404 otherwise). */
export async function serviceOf(ctx: AppContext, tenantId: string, code: string): Promise<Category> {
  const c = (await publicCategories(ctx, tenantId)).find((x) => x.code === code);
  if (!c) throw new Problem(404, 'open311.service_unknown', { code });
  return c;
}

/** The point and address of a location (lat/long, a building's code, or a place by name). */
async function place(ctx: AppContext, tenantId: string, loc: Location, addressText: string | undefined): Promise<{ lng: number; lat: number; address: string; addressId: string | null }> {
  if (loc.kind === 'point') return { lng: loc.lng, lat: loc.lat, address: addressText ?? '', addressId: null };
  if (loc.kind === 'address_id') {
    const b = await buildingByCode(ctx, tenantId, loc.id);
    if (!b) throw invalid([{ field: 'address_id', code: 'open311.address_id_unknown', params: { id: loc.id } }]);
    return { lng: b.lng, lat: b.lat, address: addressText ?? `${b.address}（${b.name}）`, addressId: b.code };
  }
  const m = placeAddress(loc.text, await gazetteer(ctx, tenantId));
  if (!m) throw invalid([{ field: 'address_string', code: 'open311.address_unplaced', params: { text: loc.text.slice(0, 100) } }]);
  return { lng: m.place.lng, lat: m.place.lat, address: loc.text, addressId: null };
}

function isUniqueViolation(e: unknown): boolean {
  for (let x: unknown = e; x && typeof x === 'object'; x = (x as { cause?: unknown }).cause) if ((x as { code?: unknown }).code === '23505') return true;
  return false;
}

async function earlier(ctx: AppContext, client: ApiKeyActor, fp: string) {
  const [r] = await ctx.db
    .select()
    .from(open311Requests)
    .where(and(eq(open311Requests.tenantId, client.tenantId), eq(open311Requests.keyId, client.keyId), eq(open311Requests.fingerprint, fp)));
  return r;
}

const repeatOf = (r: typeof open311Requests.$inferSelect): Submitted => ({ token: r.token, caseRow: null, caseId: r.caseId, accountId: r.accountId, expected: null, repeated: true });

export async function submitRequest(ctx: AppContext, client: ApiKeyActor, form: Form, files: readonly Upload[]): Promise<Submitted> {
  const tenantId = client.tenantId;
  const issues: Issue[] = [];
  const service = await serviceOf(ctx, tenantId, one(form, 'service_code', issues) ?? '');
  const loc = location(form, issues);
  const attrs = attributes(form, service.attributes, issues);
  const description = plainText(one(form, 'description', issues) ?? '', 'description', MAX_DESCRIPTION, issues);
  const links = mediaUrls(form, 'media_url', issues);
  const photos = photosOf(files, issues);
  const addressText = one(form, 'address_string', issues);
  if (issues.length || !loc) throw invalid(issues);

  const fp = fingerprint(form, photos);
  const prior = await earlier(ctx, client, fp);
  if (prior && ctx.clock.now().getTime() - prior.createdAt.getTime() < REPEAT_WINDOW_MS) return repeatOf(prior);
  // an old identical report is a new one: the old row stops answering to the fingerprint
  if (prior) await ctx.db.update(open311Requests).set({ fingerprint: `${fp}:${prior.id}` }).where(eq(open311Requests.id, prior.id));

  const where = await place(ctx, tenantId, loc, addressText);
  const token = randomBytes(16).toString('base64url');
  const accountId = one(form, 'account_id', issues) ?? null;
  const evidence: EvidenceInput[] = [...photos.map((content) => ({ kind: 'photo' as const, content, public: true })), ...links.map((url) => ({ kind: 'photo' as const, url, public: true }))];
  try {
    const r = await createCase(ctx, client, {
      source: 'open311',
      channel: client.name,
      sourceRef: token,
      categoryCode: service.code,
      // the engine wants words; a report without a description is its service and place
      description: description.trim() || `${service.name}${where.address ? `：${where.address}` : ''}`,
      location: { lng: where.lng, lat: where.lat },
      address: where.address,
      reporter: { name: personName(one(form, 'first_name', issues), one(form, 'last_name', issues)), phone: one(form, 'phone', issues), email: one(form, 'email', issues) },
      evidence,
      attributes: attrs,
      alsoWrite: async (tx, c) => {
        await tx.insert(open311Requests).values({ tenantId, token, keyId: client.keyId, caseId: c.id, fingerprint: fp, accountId, deviceId: all(form, 'device_id')[0] ?? null, addressId: where.addressId, createdAt: ctx.clock.now() });
      },
    });
    return { token, caseRow: r.case, caseId: r.case.id, accountId, expected: await expectedCompletion(ctx, tenantId, { caseRow: r.case }), repeated: false };
  } catch (e) {
    // the same report posted twice at once: the first one's token answers both
    if (isUniqueViolation(e)) {
      const won = await earlier(ctx, client, fp);
      if (won) return repeatOf(won);
    }
    if (e instanceof Problem && e.code === 'case.outside_tenant') throw invalid([{ field: loc.kind === 'point' ? 'lat' : loc.kind, code: 'open311.outside' }]);
    throw e;
  }
}
