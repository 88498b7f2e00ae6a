// The parameters of each Open311 resource, as TypeBox schemas: they validate what the
// hooks have read (empty = absent), type the handlers and document /docs. Parameters the
// standard does not name are let through (clients send their own, e.g. FixMyStreet's
// title); attributes are checked against the service definition in domain/params.ts.
import { Type, type TSchema } from '@sinclair/typebox';

const Str = (description: string, max = 200, extra: Record<string, unknown> = {}) => Type.String({ maxLength: max, description, ...extra });
const Opt = <T extends TSchema>(t: T) => Type.Optional(t);
const open = { additionalProperties: true };

export const FormatParam = { format: Type.Union([Type.Literal('xml'), Type.Literal('json')], { description: 'xml (required by the standard) or json' }) };

const jurisdiction = { jurisdiction_id: Opt(Str('the jurisdiction (tenant id, e.g. shimen2); needed when the deployment serves several', 64)) };
const apiKey = { api_key: Opt(Str("the client's API key (jdk_…), granted open311.report", 200)) };
const instant = (what: string) => Opt(Str(`${what}: ISO 8601 with a time zone, e.g. 2026-01-05T09:30:00+08:00`, 40));
const phone = Opt(Str('phone number of the person reporting', 40, { pattern: '^[0-9+()\\- ]+$' }));
const email = Opt(Str('e-mail of the person reporting', 200, { format: 'email' }));
const names = { first_name: Opt(Str('given name', 100)), last_name: Opt(Str('family name', 100)) };
const media = Opt(Type.Union([Str('link to a photo (http or https; may repeat)', 2000), Type.Array(Str('link to a photo', 2000), { maxItems: 10 })]));

export const JurisdictionQuery = Type.Object({ ...jurisdiction, ...apiKey }, open);

export const RequestsQuery = Type.Object(
  {
    ...jurisdiction,
    ...apiKey,
    service_request_id: Opt(Str('service request ids, comma separated; overrides every other filter', 20_000)),
    service_code: Opt(Str('service codes, comma separated', 2000)),
    start_date: instant('requested at or after'),
    end_date: instant('requested at or before (at most 90 days after start_date)'),
    status: Opt(Str('open, closed or both (comma separated)', 20)),
  },
  open,
);

export const UpdatesQuery = Type.Object({ ...jurisdiction, ...apiKey, start_date: instant('updated at or after'), end_date: instant('updated at or before (at most 90 days after start_date)') }, open);

export const PostRequestBody = Type.Object(
  {
    ...jurisdiction,
    ...apiKey,
    service_code: Str('the service (GET services)', 50),
    lat: Opt(Str('latitude, WGS-84 (with long)', 40)),
    long: Opt(Str('longitude, WGS-84 (with lat)', 40)),
    address_string: Opt(Str('address, most specific first (placed in the jurisdiction when no lat/long)', 500)),
    address_id: Opt(Str("a building's code in the jurisdiction's address register", 100)),
    email,
    device_id: Opt(Str('device id of the reporting phone', 200)),
    account_id: Opt(Str("the reporter's account with the client", 200)),
    ...names,
    phone,
    description: Opt(Type.String({ description: 'plain text, at most 4,000 characters, no HTML' })),
    media_url: media,
  },
  { ...open, description: 'Form-encoded, or multipart with photos as photo1, photo2, … (JPEG/PNG/WebP, up to 8 MB each, 6 at most). Attributes: attribute[code]=value, lists attribute[code][]=v1&attribute[code][]=v2.' },
);

export const PostUpdateBody = Type.Object(
  {
    ...jurisdiction,
    ...apiKey,
    service_request_id: Str('the request updated', 40),
    update_id: Str("the client's own id of this update (a retry returns the first)", 100),
    status: Str('OPEN, CLOSED, FIXED, IN_PROGRESS, ACTION_SCHEDULED, INVESTIGATING, DUPLICATE, NOT_COUNCILS_RESPONSIBILITY, NO_FURTHER_ACTION, INTERNAL_REFERRAL, CANCELLED, REOPEN or FOR_TRIAGE', 40),
    updated_datetime: Str('when it was written: ISO 8601 with a time zone', 40),
    description: Opt(Type.String({ description: 'plain text, at most 4,000 characters' })),
    email,
    ...names,
    phone,
    account_id: Opt(Str("the person's account with the client", 200)),
    media_url: media,
  },
  open,
);
