// One demo account per role (printed at start), plus the pool of field staff that
// dispatch chooses from. Scopes name grids, departments, areas and buildings by code.
import type { Role } from '../src/core/auth/roles.js';

/** Public demo password: the demo data set is for trying the platform, not for production. */
export const DEMO_PASSWORD = 'jiedao2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  label: string;
  roles: Role[];
  department?: string;
  grids?: string[];
  areas?: string[];
  buildings?: string[];
  committees?: string[];
  departments?: string[];
  /** shown in the start message */
  listed?: boolean;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', label: '系统管理员 administrator', roles: ['admin'] },
  { username: 'acceptor', displayName: '受理员 陈静', label: '城运中心受理员 call taker', roles: ['acceptor'], department: 'OPS' },
  { username: 'dispatcher', displayName: '派遣员 李强', label: '城运中心派遣员 dispatcher', roles: ['dispatcher'], department: 'OPS' },
  { username: 'leader', displayName: '值班长 王建华', label: '城运中心值班长 shift leader', roles: ['shift_leader', 'acceptor', 'dispatcher'], department: 'OPS' },
  { username: 'inspector', displayName: '网格员 沈佳', label: '网格监督员 grid inspector (凤阳路/奉贤路)', roles: ['inspector'], grids: ['SM2-G02', 'SM2-G05'] },
  { username: 'handler', displayName: '城管队员 顾磊', label: '城管中队处置人员 department handler', roles: ['handler'], department: 'CG', departments: ['CG'] },
  { username: 'chief', displayName: '首席代办 周敏', label: '首席代办专员 chief enterprise agent', roles: ['agent_chief', 'agent'], department: 'QF', departments: ['QF'] },
  { username: 'agent', displayName: '代办专员 吴涛', label: '一线代办专员 frontline agent', roles: ['agent'], department: 'QF', departments: ['QF'] },
  { username: 'ent', displayName: '企业联系人 郑怡', label: '企业用户 enterprise user', roles: ['enterprise_user'] },
  { username: 'committee', displayName: '居委会 魏瑛', label: '新福康里居委会 committee member', roles: ['committee_member'], department: 'JW-XFKL', areas: ['XFKL'], committees: ['JW-XFKL'] },
  { username: 'kdk', displayName: '楼委会召集人 宣旭', label: '凯迪克大厦楼委会 building committee', roles: ['committee_member'], department: 'LW-KDK', buildings: ['B-KDK'], committees: ['LW-KDK'] },
  { username: 'care', displayName: '养老顾问 蔡琪', label: '养老服务人员 care staff', roles: ['care_staff'], department: 'YL', departments: ['YL'] },
  { username: 'owner', displayName: '业主 张根娣', label: '居民/业主 resident owner', roles: ['resident'] },
  { username: 'district', displayName: '静安区城运中心', label: '区级查看 district viewer', roles: ['district_viewer'] },
].map((a) => ({ ...a, listed: true }) as DemoAccount);

/** Field staff for dispatch: an inspector per grid and handlers in each department. */
export function staffPool(gridCodes: string[]): DemoAccount[] {
  const out: DemoAccount[] = [];
  const taken = new Set(['SM2-G02', 'SM2-G05']);
  let n = 1;
  for (const g of gridCodes) {
    if (taken.has(g)) continue;
    out.push({ username: `insp${String(n).padStart(2, '0')}`, displayName: `网格员${n}号`, label: 'grid inspector', roles: ['inspector'], grids: [g] });
    n++;
  }
  const teams: [string, string, number][] = [
    ['CG', '城管队员', 7],
    ['SJ', '市场监管员', 3],
    ['FG', '房管员', 2],
    ['PCS', '社区民警', 2],
    ['LH', '市容保洁员', 5],
    ['XF', '消防员', 2],
  ];
  for (const [dept, title, count] of teams) {
    // the listed "handler" account is CG's first member
    for (let i = dept === 'CG' ? 2 : 1; i <= count; i++) {
      out.push({ username: `${dept.toLowerCase()}${String(i).padStart(2, '0')}`, displayName: `${title}${i}号`, label: 'department handler', roles: ['handler'], department: dept, departments: [dept] });
    }
  }
  return out;
}
