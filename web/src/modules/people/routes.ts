import type { RouteRecordRaw } from 'vue-router';

export default [
  { path: '/people/committee', name: 'people-committee', component: () => import('./CommitteeView.vue'), meta: { permission: 'people.elderly.read' } },
  { path: '/people/activities', name: 'people-activities', component: () => import('./ActivitiesAdminView.vue'), meta: { permission: 'activities.manage' } },
  { path: '/people/volunteers', name: 'people-volunteers', component: () => import('./VolunteersAdminView.vue'), meta: { permission: 'volunteers.manage' } },
  { path: '/people/services', name: 'people-services', component: () => import('./ServicesView.vue'), meta: { permission: 'people.servicePoints.read' } },
  { path: '/me/life', name: 'people-resident', component: () => import('./ResidentView.vue'), meta: { permission: 'people.self' } },
] satisfies RouteRecordRaw[];
