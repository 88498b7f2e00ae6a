import type { Workspace } from '../../workspaces';

export default [{ to: '/sensing', title: 'sensing.title', description: 'sensing.description', permission: 'sensing.devices.read', order: 20 }] satisfies Workspace[];
