// Who may see and change sensing: the operations centre sees everything of its tenant;
// inspectors see the devices and alarms of their grids, handlers those of their
// department; only admins change the registry and the scene rules. Devices may only post
// alarms (their HMAC signature is their log-in).
import { definePolicies, hasRole, inScope, OPERATOR_ROLES, type Actor } from '../../core/auth/index.js';

const centre = (a: Actor) => hasRole(a, 'admin', ...OPERATOR_ROLES, 'district_viewer');

/** Data scope of a device, zone or alarm: its grid and its responsible department. */
export interface SensingSubject {
  tenantId: string;
  gridId: number | null;
  departmentId: number | null;
}

const scoped = (a: Actor, s?: SensingSubject) => {
  if (centre(a)) return true;
  if (!hasRole(a, 'inspector', 'handler')) return false;
  if (!s) return true;
  return inScope(a, 'grid', s.gridId) || inScope(a, 'department', s.departmentId);
};

definePolicies({
  'sensing.devices.read': scoped,
  'sensing.alarms.read': scoped,
  // acknowledging an alarm pop-up is the operations centre's (viewers only look)
  'sensing.alarms.ack': (a, s?: SensingSubject) => hasRole(a, 'admin', ...OPERATOR_ROLES) && (s === undefined || s.tenantId === a.tenantId),
  'sensing.devices.manage': (a) => hasRole(a, 'admin'),
  'sensing.scenes.read': (a) => centre(a),
  'sensing.scenes.manage': (a) => hasRole(a, 'admin'),
  'sensing.deadletters.read': (a) => hasRole(a, 'admin'),
  'sensing.ingest': (a) => a.kind === 'device',
});
