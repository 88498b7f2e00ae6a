// The standard's shapes, from the case engine's public views. Field order follows the
// published examples; an absent value is null (an empty element in XML). Times are W3C
// date-times in China time.
import type { Category, PublicCase, PublicMedia, PublicUpdate } from '../../cases/index.js';
import { w3c, type Value } from './format.js';
import { updateStatusOf } from './statuses.js';

export interface Presenting {
  locale: 'zh' | 'en';
  /** the jurisdiction's name: the agency while no department holds the case */
  agency: string;
  /** absolute URL of the Open311 base, for media links */
  base: string;
  tenantId: string;
}

const DATATYPE_HINT: Record<string, { zh: string; en: string }> = {
  string: { zh: '单行文字', en: 'one line of text' },
  number: { zh: '数字', en: 'a number' },
  datetime: { zh: '带时区的日期时间，如 2026-01-05T09:30:00+08:00', en: 'a date-time with a time zone, e.g. 2026-01-05T09:30:00+08:00' },
  text: { zh: '文字，可换行', en: 'text, may span lines' },
  singlevaluelist: { zh: '单选', en: 'choose one' },
  multivaluelist: { zh: '多选', en: 'choose any' },
};

const nameOf = (c: Pick<Category, 'name' | 'nameEn'>, p: Presenting) => (p.locale === 'en' ? c.nameEn : c.name);

/** GET services: one entry per public category; every service is "batch" (a token first,
 * the request id once verification is over; see ADR 0900). */
export function presentService(c: Category, p: Presenting): Value {
  return {
    service_code: c.code,
    service_name: nameOf(c, p),
    description: c.description ?? `${c.majorName} · ${c.name}`,
    metadata: c.attributes.length > 0,
    type: 'batch',
    keywords: c.keywords.join(','),
    group: c.majorName,
  };
}

/** GET services/{code}: the service's attributes, in order. */
export function presentDefinition(c: Category, p: Presenting): Value {
  return {
    service_code: c.code,
    attributes: c.attributes.map((a, i) => ({
      variable: true,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: DATATYPE_HINT[a.datatype]?.[p.locale] ?? null,
      order: i + 1,
      description: a.description,
      values: (a.values ?? []).map((v) => ({ key: v.key, name: v.name })),
    })),
  };
}

export function mediaUrl(m: PublicMedia | undefined, p: Presenting): string | null {
  if (!m) return null;
  return m.url ?? `${p.base}/media/${m.evidenceId}?jurisdiction_id=${encodeURIComponent(p.tenantId)}`;
}

/** One service request (GET requests, GET requests/{id}). */
export function presentRequest(c: PublicCase, p: Presenting, addressId: string | null): Value {
  return {
    service_request_id: c.number,
    status: c.status,
    status_notes: c.statusNote,
    service_name: nameOf(c.category, p),
    service_code: c.category.code,
    description: c.description,
    agency_responsible: c.departmentName ?? p.agency,
    service_notice: null,
    requested_datetime: w3c(c.reportedAt),
    updated_datetime: w3c(c.updatedAt),
    expected_datetime: c.expectedAt ? w3c(c.expectedAt) : null,
    address: c.address || null,
    address_id: addressId,
    zipcode: null,
    lat: c.lat,
    long: c.lng,
    media_url: mediaUrl(c.media[0], p),
  };
}

/** One update of mySociety's servicerequestupdates. */
export function presentUpdate(u: PublicUpdate, p: Presenting): Value {
  return {
    update_id: String(u.id),
    service_request_id: u.caseNumber,
    status: updateStatusOf(u),
    updated_datetime: w3c(u.at),
    description: u.note,
    media_url: mediaUrl(u.media[0], p),
    external_status_code: u.action === 'public_update' ? null : u.state,
  };
}
