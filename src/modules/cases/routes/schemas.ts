// TypeBox schemas of the case API: they validate input, shape output and document both.
import { Type, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { CASE_STATES, CLOSE_TYPES, GRADES, LIMIT_UNITS, SOURCES, STEPS, USER_ACTIONS } from '../domain/types.js';
import { EVIDENCE_KINDS } from '../domain/evidence.js';

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
type Lits<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };
/** A union of string literals from a const tuple, typed as that union. */
export const lit = <const T extends readonly [string, ...string[]]>(xs: T) => Type.Union(xs.map((x) => Type.Literal(x))) as unknown as TUnion<Lits<T>>;

export const StateT = lit(CASE_STATES);
export const GradeT = lit(GRADES);
export const SourceT = lit(SOURCES);
export const UserActionT = lit(USER_ACTIONS);
export const LocationT = Type.Object({ lng: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) }, { description: 'WGS-84 (GPS) coordinates' });
export const CodeT = Type.String({ pattern: '^[0-9]{2,5}$', description: 'category code (5 digits) or major class (2 digits)' });
export const LimitT = Type.Object({ amount: Type.Number({ exclusiveMinimum: 0, maximum: 10_000 }), unit: lit(LIMIT_UNITS) });
export const LimitsT = Type.Partial(Type.Object(Object.fromEntries(STEPS.map((s) => [s, LimitT]))));

export const EvidenceInT = Type.Object({
  kind: lit(EVIDENCE_KINDS),
  url: Type.Optional(Type.String({ format: 'uri', maxLength: 2000 })),
  contentBase64: Type.Optional(Type.String({ maxLength: 1_400_000, description: 'small files inline; larger photos through POST /cases/{id}/photos' })),
  caption: Type.Optional(Type.String({ maxLength: 200 })),
  alarmRef: Type.Optional(Type.String({ maxLength: 200 })),
  data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  takenAt: Type.Optional(Type.String({ format: 'date-time' })),
  location: Type.Optional(LocationT),
});

export const CreateCaseT = Type.Object({
  source: SourceT,
  categoryCode: Type.String({ pattern: '^[0-9]{5}$' }),
  description: Type.String({ minLength: 1, maxLength: 2000 }),
  location: LocationT,
  address: Type.Optional(Type.String({ maxLength: 200 })),
  sourceRef: Type.Optional(Type.String({ maxLength: 100 })),
  channel: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'the client or app the report came through' })),
  sceneKey: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  grade: Type.Optional(GradeT),
  reporter: Type.Optional(Type.Object({ name: Type.Optional(Type.String({ maxLength: 50 })), phone: Type.Optional(Type.String({ maxLength: 30, pattern: '^[0-9+\\- ]*$' })), anonymous: Type.Optional(Type.Boolean()) })),
  evidence: Type.Optional(Type.Array(EvidenceInT, { maxItems: 10 })),
  attributes: Type.Optional(Type.Record(Type.String({ maxLength: 50 }), Type.Unknown())),
  reportedAt: Type.Optional(Type.String({ format: 'date-time' })),
  trusted: Type.Optional(Type.Boolean({ description: 'sensing flows only: the scene rule trusts this alarm (auto-register)' })),
  register: Type.Optional(Type.Boolean({ description: 'shift leader: register at once' })),
  dispatch: Type.Optional(Type.Boolean({ description: 'also dispatch to the nearest on-duty handler' })),
});

export const ActionT = Type.Object({
  action: UserActionT,
  note: Type.Optional(Type.String({ maxLength: 2000 })),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
  publicNote: Type.Optional(Type.String({ maxLength: 500, description: 'shown to the public (Open311 status notes)' })),
  photos: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 20, description: 'evidence ids of this case' })),
  confirmed: Type.Optional(Type.Boolean({ description: 'verify: is the report true' })),
  passed: Type.Optional(Type.Boolean({ description: 'check: handled well (false = rework)' })),
  masterId: Type.Optional(Type.Integer({ minimum: 1, description: 'merge: the case this one duplicates' })),
  closeType: Type.Optional(lit(CLOSE_TYPES)),
  amount: Type.Optional(Type.Integer({ description: "request_postpone: how much longer, in the handling limit's unit" })),
  departmentId: Type.Optional(Type.Integer({ minimum: 1, description: 'dispatch: override routing' })),
  assigneeId: Type.Optional(Type.Integer({ minimum: 1, description: 'dispatch: a named person of that department' })),
  categoryCode: Type.Optional(Type.String({ pattern: '^[0-9]{5}$', description: 'register: re-classify' })),
  grade: Type.Optional(GradeT),
  location: Type.Optional(LocationT),
  expectedVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'the version you saw; 409 if the case changed since' })),
});

const ts = Nullable(Type.String());
const CaseOutStrict = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  state: Type.String(),
  stateLabel: Type.String(),
  source: Type.String(),
  sourceRef: Nullable(Type.String()),
  channel: Nullable(Type.String({ description: 'the client or app of the source (e.g. the Open311 client)' })),
  sceneKey: Nullable(Type.String()),
  categoryCode: Type.String(),
  categoryName: Type.String(),
  grade: Type.String(),
  description: Type.String(),
  address: Type.String(),
  lng: Type.Number(),
  lat: Type.Number(),
  gridId: Nullable(Type.Integer()),
  gridName: Nullable(Type.String()),
  unitGridId: Nullable(Type.Integer()),
  areaId: Nullable(Type.Integer()),
  departmentId: Nullable(Type.Integer()),
  departmentName: Nullable(Type.String()),
  assigneeId: Nullable(Type.Integer()),
  assigneeName: Nullable(Type.String()),
  inspectorId: Nullable(Type.Integer()),
  inspectorName: Nullable(Type.String()),
  step: Nullable(Type.String()),
  stepDueAt: ts,
  stepWarnAt: ts,
  warned: Type.Boolean(),
  overdue: Type.Boolean(),
  handleDueAt: ts,
  acceptDueAt: ts,
  escalated: Type.Boolean(),
  postponeRequest: Nullable(Type.Object({ amount: Type.Number(), unit: Type.String(), reason: Type.String(), by: Type.String(), at: Type.String() })),
  returns: Type.Integer(),
  reworks: Type.Integer(),
  postponements: Type.Integer(),
  urges: Type.Integer(),
  reportedAt: Type.String(),
  verifiedAt: ts,
  registeredAt: ts,
  dispatchedAt: ts,
  acceptedAt: ts,
  handledAt: ts,
  checkedAt: ts,
  closedAt: ts,
  cancelledAt: ts,
  closeType: Nullable(Type.String()),
  cancelReason: Nullable(Type.String()),
  masterId: Nullable(Type.Integer()),
  version: Type.Integer(),
  allowedActions: Type.Array(Type.String(), { description: 'what the current user may do now' }),
});
/** Response schemas this wide exceed the compiler's instantiation depth inside Fastify's
 * route types; they still validate and serialise (typed as schemas only). */
export const CaseOutT: TSchema = CaseOutStrict;

export const DuplicateT = Type.Object({ id: Type.Integer(), number: Type.String(), state: Type.String(), distanceM: Type.Number(), reportedAt: Type.String(), description: Type.String() });

export const EvidenceOutT = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  mediaType: Nullable(Type.String()),
  size: Nullable(Type.Integer()),
  url: Nullable(Type.String()),
  caption: Nullable(Type.String()),
  alarmRef: Nullable(Type.String()),
  data: Type.Unknown(),
  takenAt: ts,
  lng: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
  addedBy: Type.String(),
  public: Type.Boolean({ description: 'shown to the public with the case' }),
  originalCaseId: Nullable(Type.Integer()),
  createdAt: Type.String(),
  hasContent: Type.Boolean(),
  content: Nullable(Type.String({ description: 'URL of the bytes' })),
});

export const TimelineT = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: Type.Object({ kind: Type.String(), id: Nullable(Type.String()), name: Type.String() }),
  role: Type.String(),
  action: Type.String(),
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  note: Nullable(Type.String()),
  publicNote: Nullable(Type.String()),
  photos: Type.Array(Type.Integer()),
  location: Nullable(LocationT),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

export const CaseDetailT = Type.Intersect([
  CaseOutT,
  Type.Object({
    gradeReasons: Type.Array(Type.Unknown()),
    attributes: Type.Record(Type.String(), Type.Unknown()),
    timeline: Type.Array(TimelineT),
    evidence: Type.Array(EvidenceOutT),
    reporters: Type.Array(Type.Object({ id: Type.Integer(), anonymous: Type.Boolean(), source: Type.String(), name: Nullable(Type.String()), phone: Nullable(Type.String()), email: Nullable(Type.String()), originalCaseId: Nullable(Type.Integer()), createdAt: Type.String() })),
    duplicates: Type.Array(DuplicateT),
  }),
]);

export const ListQueryT = Type.Object({
  state: Type.Optional(Type.Array(StateT)),
  categoryCode: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{2,5}$' }))),
  grade: Type.Optional(Type.Array(GradeT)),
  source: Type.Optional(Type.Array(SourceT)),
  gridId: Type.Optional(Type.Integer({ minimum: 1 })),
  unitGridId: Type.Optional(Type.Integer({ minimum: 1 })),
  departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
  overdue: Type.Optional(Type.Boolean()),
  escalated: Type.Optional(Type.Boolean()),
  mine: Type.Optional(Type.Boolean({ description: 'assigned to me, or mine to verify/check' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'case number, or words in description or address' })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'reported at or after' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'reported before' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
