import type { Workspace } from '../../workspaces';

export default [{ to: '/district', title: 'district.title', description: 'district.description', permission: 'cases.district', order: 15 }] satisfies Workspace[];
