// What the public may see of a case (Open311 and other public channels). A report becomes
// public once its verification step is over: registered (立案), or turned down or merged
// during verification, so the reporter learns the outcome. Until then it is only a report
// under verification, with no public number. A report turned down is shown without its
// text (it may be abuse or spam); a merged duplicate keeps it.
import type { CaseState } from './types.js';

/** The states of the verification step (受理 → 核实 → 立案). */
export const UNVERIFIED_STATES: readonly CaseState[] = ['reported', 'verifying', 'verified'];

/** Timeline actions written by the public (their text is not the office's status note). */
export const PUBLIC_UPDATE_ACTION = 'public_update';

export function isPubliclyVisible(state: CaseState, category: { public: boolean } | undefined): boolean {
  return !!category?.public && !UNVERIFIED_STATES.includes(state);
}

export function publicOpenClosed(state: CaseState): 'open' | 'closed' {
  return state === 'closed' || state === 'cancelled' ? 'closed' : 'open';
}

/** A cancelled case that is not a merged duplicate was turned down: its text is withheld. */
export function publicDescription(c: { state: string; masterId: number | null; description: string }): string | null {
  return c.state === 'cancelled' && c.masterId === null ? null : c.description;
}
