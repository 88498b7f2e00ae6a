// mySociety's service request updates: the status names clients post (upper case) and the
// status an update carries when read back (lower case), derived from what the entry did
// on the case's lifecycle.
export const UPDATE_STATUSES = ['OPEN', 'CLOSED', 'FIXED', 'IN_PROGRESS', 'ACTION_SCHEDULED', 'INVESTIGATING', 'DUPLICATE', 'NOT_COUNCILS_RESPONSIBILITY', 'NO_FURTHER_ACTION', 'INTERNAL_REFERRAL', 'CANCELLED', 'REOPEN', 'FOR_TRIAGE'] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

/** A posted status, any case; null when it is not one of the names. */
export function parseUpdateStatus(s: string): UpdateStatus | null {
  const u = s.trim().toUpperCase();
  return (UPDATE_STATUSES as readonly string[]).includes(u) ? (u as UpdateStatus) : null;
}

/** What the state of a case means as an update status. */
const BY_STATE: Record<string, UpdateStatus> = {
  reported: 'OPEN',
  verifying: 'INVESTIGATING',
  verified: 'INVESTIGATING',
  registered: 'ACTION_SCHEDULED',
  dispatched: 'ACTION_SCHEDULED',
  accepted: 'IN_PROGRESS',
  handled: 'IN_PROGRESS',
  checked: 'FIXED',
  suspended: 'ACTION_SCHEDULED',
  closed: 'CLOSED',
  cancelled: 'CLOSED',
};

export interface UpdateEntry {
  action: string;
  /** the state the case moved to (or stayed in) */
  state: string;
  detail: Record<string, unknown>;
}

/** The lower-case status an update reads as. A closing says how it ended (fixed, a false
 * report, special circumstances); a cancellation whether it was a duplicate or turned down;
 * a member of the public's update keeps the status they gave. */
export function updateStatusOf(e: UpdateEntry): string {
  if (e.action === 'public_update') {
    const posted = typeof e.detail.status === 'string' ? parseUpdateStatus(e.detail.status) : null;
    return (posted ?? 'OPEN').toLowerCase();
  }
  if (e.state === 'closed') {
    const how = e.detail.closeType;
    return (how === 'error' ? 'NO_FURTHER_ACTION' : how === 'special' ? 'CLOSED' : 'FIXED').toLowerCase();
  }
  if (e.state === 'cancelled') return (e.action === 'merge' ? 'DUPLICATE' : 'NO_FURTHER_ACTION').toLowerCase();
  return (BY_STATE[e.state] ?? 'OPEN').toLowerCase();
}
