// TypeBox shapes shared by the routes: they validate input, shape output and document
// the API at /docs.
import { Type, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { CHANNELS, REQUEST_STATUSES, STEP_STATUSES } from '../domain/requestRules.js';

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const Id = Type.Integer({ minimum: 1 });
export const IdParams = Type.Object({ id: Id });
type LiteralTuple<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };
/** One of a list of strings. */
export const Literals = <const T extends readonly [string, ...string[]]>(values: T) => Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<LiteralTuple<T>>;
export const Time = Type.String({ format: 'date-time' });
export const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });
export const Ok = Type.Object({ ok: Type.Boolean() });

export const RequestListItem = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  enterprise: Type.Object({ id: Type.Integer(), name: Type.String(), buildingId: Type.Integer(), building: Type.String() }),
  item: Type.Object({ id: Type.Integer(), name: Type.String(), level: Type.String(), subcategory: Type.String(), categoryId: Type.Integer(), category: Type.String(), version: Type.Integer() }),
  channel: Literals(CHANNELS),
  status: Literals(REQUEST_STATUSES),
  description: Type.String(),
  owner: Nullable(Ref),
  receivedBy: Nullable(Ref),
  createdAt: Time,
  receivedAt: Nullable(Time),
  limitDays: Type.Integer(),
  dueAt: Time,
  warnAt: Time,
  completedAt: Nullable(Time),
  limitState: Literals(['running', 'warning', 'overdue', 'done_on_time', 'done_late', 'none'] as const),
  rating: Nullable(Type.Object({ score: Type.Integer(), comment: Nullable(Type.String()), at: Time })),
  stepsDone: Type.Integer(),
  stepsTotal: Type.Integer(),
  pendingHandoverTo: Nullable(Ref),
});

export const RequestDetail = Type.Composite([
  RequestListItem,
  Type.Object({
    contactName: Nullable(Type.String()),
    contactPhone: Nullable(Type.String()),
    materials: Type.Array(Type.String()),
    completionNote: Nullable(Type.String()),
    cancelReason: Nullable(Type.String()),
    visitId: Nullable(Type.Integer()),
    steps: Type.Array(
      Type.Object({
        id: Type.Integer(),
        seq: Type.Integer(),
        office: Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String(), address: Nullable(Type.String()), phone: Nullable(Type.String()) }),
        task: Type.String(),
        status: Literals(STEP_STATUSES),
        note: Nullable(Type.String()),
        documents: Type.Array(Type.Object({ name: Type.String(), direction: Type.String(), reference: Nullable(Type.String()), at: Time })),
        startedAt: Nullable(Time),
        finishedAt: Nullable(Time),
      }),
    ),
    handovers: Type.Array(
      Type.Object({
        id: Type.Integer(),
        kind: Type.String(),
        from: Nullable(Ref),
        to: Ref,
        initiatedBy: Ref,
        note: Nullable(Type.String()),
        status: Type.String(),
        createdAt: Time,
        respondedAt: Nullable(Time),
        responseNote: Nullable(Type.String()),
      }),
    ),
    log: Type.Array(Type.Object({ at: Time, kind: Type.String(), actor: Nullable(Type.String()), detail: Type.Record(Type.String(), Type.Unknown()) })),
    streetProblems: Type.Array(Type.Object({ id: Type.Integer(), categoryHint: Nullable(Type.String()), description: Type.String(), lng: Type.Number(), lat: Type.Number(), address: Nullable(Type.String()), reportedAt: Time, caseRef: Nullable(Type.String()) })),
    allowedActions: Type.Array(Type.String()),
  }),
]);

export const StreetProblemBody = Type.Object({
  categoryHint: Type.Optional(Nullable(Type.String({ maxLength: 20, description: 'event/component code of the case classification, e.g. 03007' }))),
  description: Type.String({ minLength: 2, maxLength: 1000 }),
  lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
  lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
});

export const Phone = Type.String({ maxLength: 32, pattern: '^[0-9+\\- ]{5,32}$' });
