import type { Workspace } from '../../workspaces';

export default [
  { to: '/people/committee', title: 'people.committee.title', description: 'people.committee.description', permission: 'people.elderly.read', order: 30 },
  { to: '/people/activities', title: 'people.activitiesAdmin.title', description: 'people.activitiesAdmin.description', permission: 'activities.manage', order: 32 },
  { to: '/people/volunteers', title: 'people.volunteersAdmin.title', description: 'people.volunteersAdmin.description', permission: 'volunteers.manage', order: 34 },
  { to: '/people/services', title: 'people.services.title', description: 'people.services.description', permission: 'people.orders.read', order: 36 },
  { to: '/me/life', title: 'people.resident.title', description: 'people.resident.description', permission: 'people.residentPage', order: 10, mobile: true },
] satisfies Workspace[];
