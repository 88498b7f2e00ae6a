// What can happen to a request, and who may do it. Pure: the commands ask these rules
// and answer 409 with the allowed actions when a state does not permit the change.

export const REQUEST_STATUSES = ['submitted', 'accepted', 'in_progress', 'completed', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const OPEN_STATUSES: readonly RequestStatus[] = ['submitted', 'accepted', 'in_progress'];
export const CHANNELS = ['window', 'phone', 'visit', 'online'] as const;
export type Channel = (typeof CHANNELS)[number];

export const STEP_STATUSES = ['pending', 'in_progress', 'done', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export type RequestAction = 'claim' | 'assign' | 'handover' | 'respond_handover' | 'work' | 'complete' | 'cancel' | 'rate' | 'report_street_problem';

export interface RequestFacts {
  status: RequestStatus;
  ownerId: number | null;
  rated: boolean;
  /** steps not yet done or skipped */
  openSteps: number;
  pendingHandover: { toUserId: number; initiatedBy: number } | null;
}

export interface Who {
  userId: number | null;
  agent: boolean;
  chief: boolean;
  /** an enterprise user acting for the enterprise of this request */
  ownEnterprise: boolean;
}

export const isOpen = (s: RequestStatus) => OPEN_STATUSES.includes(s);

/** Every action `who` may take on the request now. */
export function requestActions(r: RequestFacts, who: Who): RequestAction[] {
  const out: RequestAction[] = [];
  const open = isOpen(r.status);
  const owner = who.userId != null && r.ownerId === who.userId;
  const responsible = owner || who.chief;
  if (open && r.ownerId == null && who.agent) out.push('claim');
  if (open && r.ownerId == null && who.chief) out.push('assign');
  if (open && r.ownerId != null && responsible && !r.pendingHandover) out.push('handover');
  if (open && r.pendingHandover && who.userId != null && (r.pendingHandover.toUserId === who.userId || r.pendingHandover.initiatedBy === who.userId)) out.push('respond_handover');
  if (open && r.ownerId != null && responsible) out.push('work');
  if (open && r.ownerId != null && responsible && r.openSteps === 0) out.push('complete');
  if (open && (responsible || who.ownEnterprise)) out.push('cancel');
  if (r.status === 'completed' && !r.rated && who.ownEnterprise) out.push('rate');
  if (r.status !== 'cancelled' && who.agent) out.push('report_street_problem');
  return out;
}

/** The status after a step changes: the first step started or done puts the request in progress. */
export function statusAfterStepChange(current: RequestStatus): RequestStatus {
  return current === 'accepted' ? 'in_progress' : current;
}

const STEP_MOVES: Record<StepStatus, StepStatus[]> = {
  pending: ['in_progress', 'done', 'skipped'],
  in_progress: ['done', 'skipped', 'pending'],
  done: [],
  skipped: ['pending'],
};

export function stepMoves(from: StepStatus): StepStatus[] {
  return STEP_MOVES[from];
}

export function canMoveStep(from: StepStatus, to: StepStatus): boolean {
  return STEP_MOVES[from].includes(to);
}

export const stepFinished = (s: StepStatus) => s === 'done' || s === 'skipped';
