import type { Workspace } from '../../workspaces';

export default [
  { to: '/ops/screen', title: 'ops.screen.title', description: 'ops.screen.description', permission: 'cases.kpi', order: 5 },
  { to: '/ops/cases', title: 'ops.bench.title', description: 'ops.bench.description', permission: 'cases.act', order: 6 },
] satisfies Workspace[];
