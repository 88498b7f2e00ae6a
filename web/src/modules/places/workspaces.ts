import type { Workspace } from '../../workspaces';

export default [
  { to: '/places', title: 'places.title', description: 'places.description', permission: 'places.read', order: 80 },
  { to: '/places/unit-register', title: 'unitRegister.title', description: 'unitRegister.description', permission: 'units.import', order: 85 },
] satisfies Workspace[];
