// Roles of the people who use Jiedao and the kinds of data scope they can be given.
export const ROLES = [
  'admin', // 系统管理员
  'acceptor', // 受理员
  'shift_leader', // 值班长
  'dispatcher', // 派遣员
  'inspector', // 网格监督员 / 网格员
  'handler', // 专业部门处置人员
  'agent_chief', // 首席代办专员
  'agent', // 一线代办专员
  'enterprise_user', // 企业用户
  'committee_member', // 居委会 / 楼委会 / 街委会 成员
  'care_staff', // 养老服务人员
  'resident', // 居民 / 业主
  'district_viewer', // 区级 roll-up viewer (read-only across tenants of a district)
] as const;
export type Role = (typeof ROLES)[number];

/** The three duties of the operations centre (城运中心) desk. */
export const OPERATOR_ROLES: readonly Role[] = ['acceptor', 'shift_leader', 'dispatcher'];

export const SCOPE_KINDS = ['grid', 'department', 'building', 'area', 'enterprise', 'unit', 'committee'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];
export type Scopes = Record<ScopeKind, number[]>;

export const emptyScopes = (): Scopes => ({ grid: [], department: [], building: [], area: [], enterprise: [], unit: [], committee: [] });

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  acceptor: { zh: '受理员', en: 'Call taker' },
  shift_leader: { zh: '值班长', en: 'Shift leader' },
  dispatcher: { zh: '派遣员', en: 'Dispatcher' },
  inspector: { zh: '网格监督员', en: 'Grid inspector' },
  handler: { zh: '部门处置人员', en: 'Department handler' },
  agent_chief: { zh: '首席代办专员', en: 'Chief enterprise agent' },
  agent: { zh: '一线代办专员', en: 'Frontline enterprise agent' },
  enterprise_user: { zh: '企业用户', en: 'Enterprise user' },
  committee_member: { zh: '委员会成员', en: 'Committee member' },
  care_staff: { zh: '养老服务人员', en: 'Care staff' },
  resident: { zh: '居民/业主', en: 'Resident / owner' },
  district_viewer: { zh: '区级查看', en: 'District viewer' },
};

/** Roles that only look: an account holding nothing else is refused every change. */
export const READ_ONLY_ROLES: readonly Role[] = ['district_viewer'];

export function isReadOnly(actor: { kind: string; roles?: readonly Role[] }): boolean {
  return actor.kind === 'user' && !!actor.roles?.length && actor.roles.every((r) => READ_ONLY_ROLES.includes(r));
}
