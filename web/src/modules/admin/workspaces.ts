import type { Workspace } from '../../workspaces';

export default [{ to: '/admin', title: 'admin.title', description: 'admin.description', permission: 'users.manage', order: 90 }] satisfies Workspace[];
