// The hand-written half of the matrix: what must never be reachable, written from the
// domain and independent of the policy code (so the matrix is not the policies checking
// themselves). Patterns match "METHOD /url/pattern" of ROUTE_TABLE.

const WRITE = '(POST|PUT|PATCH|DELETE)';

/** System administration: only the administrator. */
export const ADMIN_ONLY: RegExp[] = [
  /^\w+ \/api\/v1\/users\b/,
  /^\w+ \/api\/v1\/api-keys\b/,
  /^\w+ \/api\/v1\/notify\//,
  /^PUT \/api\/v1\/places\/geojson\//,
  /^PUT \/api\/v1\/calendar\/years\//,
  new RegExp(`^${WRITE} /api/v1/sensing/devices`),
  new RegExp(`^${WRITE} /api/v1/sensing/zones`),
];

/** Records of elderly people (privacy, ADR 0100-people): committees and care staff only. */
const ELDERLY: RegExp[] = [/^\w+ \/api\/v1\/people\/elderly\b/, /^\w+ \/api\/v1\/people\/residents$/, /^\w+ \/api\/v1\/people\/devices\//, /^\w+ \/api\/v1\/people\/consents\//, /^GET \/api\/v1\/people\/alerts$/, /^GET \/api\/v1\/people\/overview$/];

/** Devices, alarms and dead letters: never residents or enterprises. */
const SENSING: RegExp[] = [/^\w+ \/api\/v1\/sensing\//, /^POST \/api\/v1\/ingest\//];

/** Configuration of the case engine and duty rosters. */
const CASE_CONFIG: RegExp[] = [new RegExp(`^${WRITE} /api/v1/case-`), /^GET \/api\/v1\/case-(routes|grading-rules)$/, new RegExp(`^${WRITE} /api/v1/staff/shifts`)];

/** The owners' register, consultations management and the whole enterprise back office. */
const COMMUNITY_MANAGE: RegExp[] = [
  /^POST \/api\/v1\/community\/consultations(\/:id\/(open|ballots|close|cancel))?$/,
  /^GET \/api\/v1\/community\/buildings\/:id\/owners$/,
  new RegExp(`^${WRITE} /api/v1/community/(plans|conventions|committees)`),
  /^\w+ \/api\/v1\/community\/consultations\/:id\/units$/,
  // importing the unit and owner register (owners' names, phones, shares)
  /^POST \/api\/v1\/places\/units\/import/,
];
const ENTERPRISE_BACK_OFFICE: RegExp[] = [
  /^POST \/api\/v1\/enterprise\/requests\/:id\/(claim|assign|steps|complete|handovers)/,
  /^PATCH \/api\/v1\/enterprise\/requests\/:id\/steps/,
  /^\w+ \/api\/v1\/enterprise\/visit-plans/,
  /^GET \/api\/v1\/enterprise\/requests\/export\.xlsx$/,
  new RegExp(`^${WRITE} /api/v1/enterprise/(items|categories|subcategories|offices|enterprises)`),
];

/** Exports of the case register (personal data of reporters). */
const CASE_EXPORTS: RegExp[] = [/^GET \/api\/v1\/cases\/(kpis\/)?export$/];

/** Role label (test/security/clients.ts) → route patterns that must always answer 403. */
export const NEVER: Record<string, RegExp[]> = {
  owner: [...ADMIN_ONLY, ...ELDERLY, ...SENSING, ...CASE_CONFIG, ...COMMUNITY_MANAGE, ...ENTERPRISE_BACK_OFFICE, ...CASE_EXPORTS, /^GET \/api\/v1\/cases$/, /^POST \/api\/v1\/cases\/:id\/actions$/],
  'enterprise user': [...ADMIN_ONLY, ...ELDERLY, ...SENSING, ...CASE_CONFIG, ...COMMUNITY_MANAGE, ...ENTERPRISE_BACK_OFFICE, ...CASE_EXPORTS, /^GET \/api\/v1\/cases$/, /^POST \/api\/v1\/cases\/:id\/actions$/],
  // the district roll-up viewer reads across modules (KPIs, registers, plans) and changes nothing
  'district viewer': [...ADMIN_ONLY, ...ELDERLY, ...CASE_CONFIG, new RegExp(`^${WRITE} /api/v1/(?!auth/)`)],
  inspector: [...ADMIN_ONLY, ...ELDERLY, ...CASE_CONFIG, ...COMMUNITY_MANAGE, ...ENTERPRISE_BACK_OFFICE],
  handler: [...ADMIN_ONLY, ...ELDERLY, ...CASE_CONFIG, ...COMMUNITY_MANAGE, ...ENTERPRISE_BACK_OFFICE],
  'enterprise agent': [...ADMIN_ONLY, ...ELDERLY, ...SENSING, ...CASE_CONFIG, ...COMMUNITY_MANAGE],
  'enterprise chief': [...ADMIN_ONLY, ...ELDERLY, ...SENSING, ...CASE_CONFIG, ...COMMUNITY_MANAGE],
  committee: [...ADMIN_ONLY, ...SENSING.slice(1), ...CASE_CONFIG, ...ENTERPRISE_BACK_OFFICE],
  'care staff': [...ADMIN_ONLY, ...SENSING.slice(1), ...CASE_CONFIG, ...COMMUNITY_MANAGE, ...ENTERPRISE_BACK_OFFICE],
  dispatcher: [...ADMIN_ONLY, ...ELDERLY, ...COMMUNITY_MANAGE, ...ENTERPRISE_BACK_OFFICE],
  acceptor: [...ADMIN_ONLY, ...ELDERLY, ...COMMUNITY_MANAGE, ...ENTERPRISE_BACK_OFFICE],
  'duty chief': [...ADMIN_ONLY, ...ELDERLY, ...COMMUNITY_MANAGE, ...ENTERPRISE_BACK_OFFICE],
  admin: [],
};

/** Routes every logged-in account must reach (the matrix checks these are not refused). */
export const EVERY_USER: RegExp[] = [/^GET \/api\/v1\/auth\/me$/];

/** Routes only a device reaches, with its own signed key (ADR 0402). */
export const DEVICE_ONLY: RegExp[] = [/^POST \/api\/v1\/ingest\/alarms$/];
