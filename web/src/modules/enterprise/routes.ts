import type { RouteRecordRaw } from 'vue-router';

export default [
  { path: '/enterprise/desk', name: 'ent-desk', component: () => import('./DeskView.vue'), meta: { permission: 'enterprise.requests.claim' } },
  { path: '/enterprise/self', name: 'ent-self', component: () => import('./SelfServiceView.vue'), meta: { permission: 'enterprise.requests.rate' } },
  { path: '/enterprise/leader', name: 'ent-leader', component: () => import('./LeaderView.vue'), meta: { permission: 'enterprise.stats.read' } },
  { path: '/enterprise/visits', name: 'ent-visits', component: () => import('./VisitsView.vue'), meta: { permission: 'enterprise.visits.read' } },
  { path: '/enterprise/events', name: 'ent-events', component: () => import('./EventsView.vue'), meta: { permission: 'enterprise.events.manage' } },
  { path: '/enterprise/catalogue', name: 'ent-catalogue', component: () => import('./CatalogueView.vue'), meta: { permission: 'enterprise.catalogue.read' } },
  { path: '/enterprise/enterprises', name: 'ent-enterprises', component: () => import('./EnterprisesView.vue'), meta: { permission: 'enterprise.enterprises.manage' } },
] satisfies RouteRecordRaw[];
