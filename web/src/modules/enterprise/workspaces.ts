import type { Workspace } from '../../workspaces';

export default [
  { to: '/enterprise/desk', title: 'ent.desk.title', description: 'ent.desk.description', permission: 'enterprise.requests.claim', order: 20 },
  { to: '/enterprise/self', title: 'ent.self.title', description: 'ent.self.description', permission: 'enterprise.requests.rate', order: 20, mobile: true },
  { to: '/enterprise/leader', title: 'ent.leader.title', description: 'ent.leader.description', permission: 'enterprise.stats.read', order: 21 },
  { to: '/enterprise/visits', title: 'ent.visits.title', description: 'ent.visits.description', permission: 'enterprise.visits.read', order: 22 },
  { to: '/enterprise/events', title: 'ent.events.title', description: 'ent.events.description', permission: 'enterprise.events.manage', order: 23 },
  { to: '/enterprise/enterprises', title: 'ent.enterprises.title', description: 'ent.enterprises.description', permission: 'enterprise.enterprises.manage', order: 24 },
  { to: '/enterprise/catalogue', title: 'ent.catalogue.title', description: 'ent.catalogue.description', permission: 'enterprise.catalogue.manage', order: 25 },
] satisfies Workspace[];
