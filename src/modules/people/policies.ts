// Who may do what in people's livelihood. Personal data of the elderly register is seen
// only by the responsible residents' committee (area or committee scope) and by care
// staff for the areas they serve; administrators manage rules and places, not people.
import { definePolicies, hasRole, inScope, type Actor } from '../../core/auth/index.js';

/** A register entry (or anything hanging off one) as a policy subject. */
export interface CareSubject {
  tenantId: string;
  areaId: number;
  committeeId: number;
}
export interface ActivitySubject {
  tenantId: string;
  areaId: number | null;
  organiserUserId: number;
  audience: string;
}
export interface AreaSubject {
  tenantId: string;
  areaId: number | null;
}

const isUser = (a: Actor) => a.kind === 'user';

/** the responsible committee or care staff for that area */
export function caresFor(a: Actor, s?: CareSubject): boolean {
  if (hasRole(a, 'care_staff')) return s === undefined || inScope(a, 'area', s.areaId);
  if (hasRole(a, 'committee_member')) return s === undefined || inScope(a, 'area', s.areaId) || inScope(a, 'committee', s.committeeId);
  return false;
}

/** organisers: care staff anywhere, committee members for their own area */
function organises(a: Actor, s?: AreaSubject): boolean {
  if (hasRole(a, 'admin', 'care_staff')) return true;
  if (!hasRole(a, 'committee_member')) return false;
  return s === undefined || (s.areaId !== null && inScope(a, 'area', s.areaId));
}

definePolicies({
  'people.elderly.read': caresFor,
  'people.elderly.manage': caresFor,
  'people.visits.record': caresFor,
  'people.alerts.read': caresFor,
  'people.visitRules.read': (a) => caresFor(a) || hasRole(a, 'admin'),
  'people.visitRules.manage': (a) => hasRole(a, 'admin', 'care_staff'),

  'people.servicePoints.read': isUser,
  'people.servicePoints.manage': (a) => hasRole(a, 'admin', 'care_staff'),
  'people.orders.read': caresFor,
  /** care staff and the committee for their elderly; a resident for themself (checked in the command) */
  'people.orders.create': (a, s?: CareSubject & { self?: boolean }) => (s === undefined ? hasRole(a, 'resident') || caresFor(a) : s.self ? hasRole(a, 'resident') : caresFor(a, s)),
  'people.orders.update': (a, s?: CareSubject) => hasRole(a, 'care_staff') && (s === undefined || inScope(a, 'area', s.areaId)),

  'activities.read': isUser,
  'activities.manage': organises,
  'activities.register': (a, s?: ActivitySubject) => isUser(a) && (s === undefined || s.audience !== 'social_workers' || hasRole(a, 'committee_member', 'care_staff')),
  'activities.organise': (a, s?: ActivitySubject) => {
    if (s === undefined) return organises(a) || hasRole(a, 'committee_member');
    return (a.kind === 'user' && a.id === s.organiserUserId) || organises(a, s);
  },
  'activities.stats': (a) => organises(a),

  /** the caller's own things: home, registrations, volunteer profile and hours */
  'people.self': isUser,
  /** the resident's phone page appears on the landing page of residents */
  'people.residentPage': (a) => hasRole(a, 'resident'),
  'volunteers.read': organises,
  'volunteers.manage': organises,
  'volunteers.ranking': isUser,
});
