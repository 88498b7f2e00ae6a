// Who may do what with cases. The operations centre desk (受理员, 值班长, 派遣员), admins
// and district viewers see every case of their tenant; an inspector sees the cases of
// their grids and those they were asked to verify or check; department staff see their
// department's cases and those assigned to them. Which action a person may take on a case
// is the state machine's guard (domain/lifecycle.ts).
import { definePolicies, hasRole, OPERATOR_ROLES, type Actor } from '../../core/auth/index.js';
import { FIELD_ROLES } from './domain/lifecycle.js';

export interface CaseSubject {
  tenantId: string;
  gridId: number | null;
  departmentId: number | null;
  assigneeId: number | null;
  inspectorId: number | null;
}

const TENANT_WIDE = ['admin', ...OPERATOR_ROLES, 'district_viewer'] as const;
const CASE_ROLES = [...OPERATOR_ROLES, 'inspector', ...FIELD_ROLES] as const;

/** Does the actor see every case of the tenant (no row filter needed)? */
export const seesAllCases = (a: Actor) => hasRole(a, ...TENANT_WIDE) || (a.kind === 'apiKey' && a.grants.includes('cases.read')) || a.kind === 'system';

export function readsCase(a: Actor, c?: CaseSubject): boolean {
  if (seesAllCases(a)) return true;
  if (a.kind !== 'user') return false;
  const inspector = a.roles.includes('inspector');
  const field = FIELD_ROLES.some((r) => a.roles.includes(r));
  if (!inspector && !field) return false;
  if (!c) return true;
  if (c.assigneeId === a.id || c.inspectorId === a.id) return true;
  if (inspector && c.gridId !== null && a.scopes.grid.includes(c.gridId)) return true;
  if (field && c.departmentId !== null && (c.departmentId === a.departmentId || a.scopes.department.includes(c.departmentId))) return true;
  return false;
}

definePolicies({
  'cases.read': readsCase,
  'cases.create': (a) => hasRole(a, ...OPERATOR_ROLES, 'inspector') || a.kind === 'apiKey' || a.kind === 'system' || a.kind === 'device',
  'cases.act': (a, c?: CaseSubject) => (hasRole(a, ...CASE_ROLES) || a.kind === 'system') && (c === undefined || readsCase(a, c)),
  'cases.evidence': (a, c?: CaseSubject) => (hasRole(a, ...CASE_ROLES) || a.kind === 'system' || a.kind === 'device' || a.kind === 'apiKey') && (c === undefined || readsCase(a, c) || a.kind !== 'user'),
  'cases.kpi': (a) => hasRole(a, 'admin', ...OPERATOR_ROLES, 'district_viewer'),
  'cases.export': (a) => hasRole(a, 'admin', ...OPERATOR_ROLES, 'district_viewer'),
  // the roll-up across the subdistricts of the viewer's district (ADR 1002); read-only
  'cases.district': (a) => hasRole(a, 'district_viewer'),
  'cases.categories.read': (a) => a.kind === 'user' || a.kind === 'apiKey' || a.kind === 'system',
  'cases.config.manage': (a) => hasRole(a, 'admin'),
  'staff.position': (a) => hasRole(a, 'inspector', ...FIELD_ROLES),
  'staff.read': (a) => hasRole(a, 'admin', ...OPERATOR_ROLES),
  'staff.shifts.manage': (a) => hasRole(a, 'admin', 'shift_leader'),
});
