// Small pieces the resources share.
import { Type, type TString } from '@sinclair/typebox';
import { w3c } from '../domain/format.js';
export { FormatParam } from '../http/schemas.js';

/** A database time (Date or text, by driver) as a W3C date-time, or the fallback's. */
export function w3cOr(v: Date | string | null, fallback: Date): string {
  const d = v === null ? fallback : new Date(v);
  return w3c(Number.isNaN(d.getTime()) ? fallback : d);
}

export const summaryOf = (what: string) => `${what} (.xml or .json)`;
export const IdParam = <N extends string>(name: N, description: string) => ({ [name]: Type.String({ minLength: 1, maxLength: 100, description }) }) as Record<N, TString>;
