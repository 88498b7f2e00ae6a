// The enterprise service centre: the only entry other modules and flows may use.
export { enterpriseModule, LIMITS_SWEEP, VISIT_PLAN_SWEEP } from './module.js';
export { enterprises, entRequests, entStreetProblems } from './schema.js';
export { linkStreetProblemCase } from './commands/linkStreetProblemCase.js';
export { claimStreetProblems, CLAIM_TTL_MS, type StreetProblemClaim } from './commands/claimStreetProblems.js';
export type { StreetProblemReported } from './commands/reportStreetProblem.js';
/** Event type a flow subscribes to in order to open a case for a street problem. */
export const STREET_PROBLEM_REPORTED = 'enterprise.street_problem.reported';
