import type { Workspace } from '../../workspaces';

export default [
  { to: '/community', title: 'community.title', description: 'community.description', permission: 'community.read', order: 40 },
  { to: '/my/votes', title: 'community.myTitle', description: 'community.myDescription', permission: 'community.vote', order: 10, mobile: true },
] satisfies Workspace[];
