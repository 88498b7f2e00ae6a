// Life of a small renewal project (三微 / 领跑一件事): proposed → approved → in progress
// → done; a proposal can be rejected, and anything not finished can be cancelled.
export const PROJECT_STATUSES = ['proposed', 'approved', 'in_progress', 'done', 'rejected', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_ACTIONS = ['approve', 'reject', 'start', 'complete', 'cancel'] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

const MOVES: Record<ProjectAction, { from: readonly ProjectStatus[]; to: ProjectStatus }> = {
  approve: { from: ['proposed'], to: 'approved' },
  reject: { from: ['proposed'], to: 'rejected' },
  start: { from: ['approved'], to: 'in_progress' },
  complete: { from: ['in_progress'], to: 'done' },
  cancel: { from: ['proposed', 'approved', 'in_progress'], to: 'cancelled' },
};

export const allowedProjectActions = (s: ProjectStatus): ProjectAction[] => PROJECT_ACTIONS.filter((a) => MOVES[a].from.includes(s));

/** The next status, or null when the action is not allowed from `s`. */
export function nextProjectStatus(s: ProjectStatus, a: ProjectAction): ProjectStatus | null {
  return MOVES[a].from.includes(s) ? MOVES[a].to : null;
}

export const KINDS = ['sanwei', 'lead_one', 'renovation'] as const;
export type ProjectKind = (typeof KINDS)[number];
export const PLEDGE_KINDS = ['plants', 'money', 'labour', 'materials'] as const;
export type PledgeKind = (typeof PLEDGE_KINDS)[number];
