import type { Workspace } from '../../workspaces';

export default [
  { to: '/field', title: 'field.tasks.title', description: 'field.tasks.description', permission: 'staff.position', order: 5, mobile: true },
  { to: '/field/report', title: 'field.report.title', description: 'field.report.description', permission: 'cases.create', order: 6, mobile: true },
] satisfies Workspace[];
