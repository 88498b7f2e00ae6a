// Who may read and change places. Map layers are open to every signed-in user; grid
// details follow the inspector's grids; owners' personal data follows committee scope.
import { definePolicies, hasRole, inScope, OPERATOR_ROLES, type Actor } from '../../core/auth/index.js';

const isUser = (a: Actor) => a.kind === 'user';
const tenantWideStaff = (a: Actor) => hasRole(a, 'admin', ...OPERATOR_ROLES, 'district_viewer');

definePolicies({
  'places.read': isUser,
  'places.manage': (a) => hasRole(a, 'admin'),
  'places.tenant.manage': (a) => hasRole(a, 'admin'),
  'grids.lookup': (a) => isUser(a) || a.kind === 'apiKey',
  'grids.read': (a, grid?: { id: number }) => {
    if (tenantWideStaff(a) || hasRole(a, 'handler')) return true;
    if (!hasRole(a, 'inspector')) return false;
    return grid === undefined || inScope(a, 'grid', grid.id);
  },
  /** importing the unit and owner register: admin for the whole subdistrict, a committee
   * member for the buildings of its scope (checked row by row in the command) */
  'units.import': (a) => hasRole(a, 'admin', 'committee_member'),
  'units.read': (a, unit?: { buildingId: number; areaId: number | null }) => {
    if (hasRole(a, 'admin')) return true;
    if (!hasRole(a, 'committee_member')) return false;
    return unit === undefined || inScope(a, 'building', unit.buildingId) || inScope(a, 'area', unit.areaId);
  },
});
