import type { Workspace } from '../../workspaces';

export default [{ to: '/places', title: 'places.title', description: 'places.description', permission: 'places.read', order: 80 }] satisfies Workspace[];
