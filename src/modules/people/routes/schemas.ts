// TypeBox shapes shared by the people module's routes.
import { Type, type TLiteral, type TNull, type TSchema, type TUnion } from '@sinclair/typebox';
import { AGE_BANDS } from '../domain/age.js';
import { VISIT_OUTCOMES, VISIT_UNITS } from '../domain/visitPlan.js';
import { ORDER_KINDS, ORDER_STATUSES } from '../domain/orderStatus.js';
import { ACTIVITY_KINDS, AUDIENCES, TRAINING_FORMATS } from '../domain/activity.js';
import { DEVICE_KINDS } from '../commands/grantConsent.js';

/** Nullable, for responses. */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
// Nullable inputs use a type array: with coerceTypes, ajv would turn null into 0, "" or
// false in the first branch of an anyOf; with ['integer', 'null'] null stays null. Typed
// as the union it stands for.
export function NullableIn<T extends TSchema>(t: T): TUnion<[T, TNull]> {
  const s = t as unknown as { type?: string; anyOf?: { const?: unknown }[] };
  if (typeof s.type === 'string') return { ...t, type: [s.type, 'null'] } as unknown as TUnion<[T, TNull]>;
  if (s.anyOf?.every((b) => typeof b.const === 'string')) return { type: ['string', 'null'], enum: [...s.anyOf.map((b) => b.const), null] } as unknown as TUnion<[T, TNull]>;
  throw new Error('NullableIn takes a primitive or a list of string literals');
}
export const NullableInt = (opts: Parameters<typeof Type.Integer>[0] = {}) => NullableIn(Type.Integer(opts));
export const NullableBool = () => NullableIn(Type.Boolean());
export const NullableStr = (opts: Parameters<typeof Type.String>[0] = {}) => NullableIn(Type.String(opts));
export const Id = Type.Integer({ minimum: 1 });
export const IdParams = Type.Object({ id: Id });
/** One of a list of strings (typed as the union, validated and documented as an enum). */
export const Literals = <const T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }>;
export const DateTime = Type.String({ format: 'date-time' });
export const Day = Type.String({ format: 'date' });

export const RELATIONS = ['child', 'spouse', 'relative', 'neighbour', 'friend', 'guardian', 'other'] as const;
export const Contact = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 40 }),
  relation: Literals(RELATIONS),
  phone: Type.String({ pattern: '^[0-9+() -]{5,24}$' }),
});
export const ContactOut = Type.Object({ name: Type.String(), relation: Type.String(), phone: Type.String(), priority: Type.Integer() });

export const Band = Literals(AGE_BANDS);
export const VisitOutcome = Literals(VISIT_OUTCOMES);
export const VisitUnit = Literals(VISIT_UNITS);
export const OrderKind = Literals(ORDER_KINDS);
export const OrderStatus = Literals(ORDER_STATUSES);
export const ActivityKind = Literals(ACTIVITY_KINDS);
export const Audience = Literals(AUDIENCES);
export const TrainingFormat = Literals(TRAINING_FORMATS);
export const NullableFormat = NullableIn(TrainingFormat);
export const DeviceKind = Literals(DEVICE_KINDS);
export const DeviceCode = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{1,63}$' });
export const DueState = Literals(['overdue', 'due', 'planned', 'none'] as const);

export const ListItem = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  gender: Type.String(),
  age: Type.Integer(),
  band: Nullable(Type.String()),
  livesAlone: Type.Boolean(),
  careLevel: Type.Integer(),
  status: Type.String(),
  areaId: Type.Integer(),
  areaName: Type.String(),
  buildingName: Type.String(),
  unitCode: Type.String(),
  lastVisitAt: Nullable(Type.String()),
  nextVisitDue: Nullable(Type.String()),
  dueState: DueState,
  hasSensor: Type.Boolean(),
});
