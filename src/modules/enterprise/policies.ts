// Who may do what in the enterprise service centre. Staff of the centre (chief and
// frontline agents) work on every enterprise of the subdistrict; an enterprise user acts
// only for the enterprises in their scope (user_scopes kind 'enterprise').
import { definePolicies, hasRole, inScope, type Actor } from '../../core/auth/index.js';

export const isAgent = (a: Actor): boolean => hasRole(a, 'agent', 'agent_chief');
export const isChief = (a: Actor): boolean => hasRole(a, 'agent_chief');
const isEnterpriseUser = (a: Actor): boolean => hasRole(a, 'enterprise_user');
const isLeader = (a: Actor): boolean => hasRole(a, 'agent_chief', 'admin', 'district_viewer');
/** read-only staff views: the centre, admins, district */
const isStaffReader = (a: Actor): boolean => hasRole(a, 'agent', 'agent_chief', 'admin', 'district_viewer');

/** An enterprise user may act for this enterprise. */
export const forOwnEnterprise = (a: Actor, enterpriseId: number | null | undefined): boolean => isEnterpriseUser(a) && inScope(a, 'enterprise', enterpriseId);

type EntSubject = { enterpriseId: number };
type Responsible = { ownerId: number | null };
const ownerOrChief = (a: Actor, r?: Responsible): boolean => isChief(a) || (isAgent(a) && (r === undefined || (a.kind === 'user' && r.ownerId === a.id)));

definePolicies({
  'enterprise.catalogue.read': (a) => a.kind === 'user',
  'enterprise.catalogue.manage': (a) => hasRole(a, 'admin'),
  'enterprise.offices.read': (a) => isStaffReader(a),
  'enterprise.offices.manage': (a) => hasRole(a, 'admin'),
  'enterprise.enterprises.read': (a, e?: { id: number }) => isStaffReader(a) || (isEnterpriseUser(a) && (e === undefined || inScope(a, 'enterprise', e.id))),
  'enterprise.enterprises.manage': (a) => isAgent(a) || hasRole(a, 'admin'),
  'enterprise.requests.read': (a, r?: EntSubject) => isStaffReader(a) || (isEnterpriseUser(a) && (r === undefined || forOwnEnterprise(a, r.enterpriseId))),
  'enterprise.requests.create': (a, r?: EntSubject) => isAgent(a) || (isEnterpriseUser(a) && (r === undefined || forOwnEnterprise(a, r.enterpriseId))),
  'enterprise.requests.claim': (a) => isAgent(a),
  'enterprise.requests.assign': (a) => isChief(a),
  'enterprise.requests.work': (a, r?: Responsible) => ownerOrChief(a, r),
  // the taker answers a hand-over; its initiator, the giver or the chief may withdraw it
  'enterprise.requests.handover.answer': (a, h?: { toUserId: number }) => isAgent(a) && (h === undefined || (a.kind === 'user' && h.toUserId === a.id)),
  'enterprise.requests.handover.withdraw': (a, h?: { initiatedBy: number; fromUserId: number | null }) => isChief(a) || (isAgent(a) && (h === undefined || (a.kind === 'user' && (h.initiatedBy === a.id || h.fromUserId === a.id)))),
  'enterprise.requests.cancel': (a, r?: EntSubject & Responsible) => (r === undefined ? isAgent(a) || isEnterpriseUser(a) : ownerOrChief(a, r) || forOwnEnterprise(a, r.enterpriseId)),
  'enterprise.requests.rate': (a, r?: EntSubject) => isEnterpriseUser(a) && (r === undefined || forOwnEnterprise(a, r.enterpriseId)),
  'enterprise.requests.export': (a) => isAgent(a) || isLeader(a),
  'enterprise.street_problems.report': (a) => isAgent(a),
  'enterprise.street_problems.read': (a) => isStaffReader(a),
  'enterprise.visits.read': (a) => isStaffReader(a),
  'enterprise.visits.record': (a) => isAgent(a),
  'enterprise.visits.plan': (a) => isChief(a),
  'enterprise.events.read': (a) => isStaffReader(a) || isEnterpriseUser(a),
  'enterprise.events.manage': (a) => isAgent(a),
  'enterprise.events.register': (a, r?: EntSubject) => isAgent(a) || (isEnterpriseUser(a) && (r === undefined || forOwnEnterprise(a, r.enterpriseId))),
  'enterprise.stats.read': (a) => isLeader(a),
});
