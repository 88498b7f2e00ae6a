// Who may do what in community co-governance. Committee members act for the buildings,
// residential areas and committees in their scope; owners (role resident) vote, sign
// conventions and pledge for their own units only (checked against the unit register in
// the commands); the published result of a consultation is public.
import { definePolicies, hasRole, inScope, type Actor } from '../../core/auth/index.js';

export interface CommunitySubject {
  tenantId: string;
  buildingId?: number | null;
  areaId?: number | null;
  committeeId?: number | null;
}

function inCommunityScope(a: Actor, s?: CommunitySubject): boolean {
  if (s === undefined) return true;
  return inScope(a, 'building', s.buildingId) || inScope(a, 'area', s.areaId) || inScope(a, 'committee', s.committeeId);
}

const manages = (a: Actor, s?: CommunitySubject) => hasRole(a, 'admin') || (hasRole(a, 'committee_member') && inCommunityScope(a, s));

definePolicies({
  /** the committee workbench: consultations, plans, conventions, projects, committees */
  'community.read': (a, s?: CommunitySubject) => hasRole(a, 'district_viewer') || manages(a, s),
  'community.manage': manages,
  /** an owner voting for their own units */
  'community.vote': (a) => hasRole(a, 'resident'),
  /** an owner signing a convention, pledging to or adopting in a project */
  'community.participate': (a) => hasRole(a, 'resident'),
  /** renewal projects are shown to every signed-in user */
  'community.projects.read': (a) => a.kind === 'user',
});
