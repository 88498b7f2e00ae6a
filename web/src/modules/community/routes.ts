import type { RouteRecordRaw } from 'vue-router';

export default [
  { path: '/community', name: 'community', component: () => import('./WorkbenchView.vue'), meta: { permission: 'community.read' } },
  { path: '/community/consultations/:id', name: 'community-consultation', component: () => import('./ConsultationView.vue'), meta: { permission: 'community.read' } },
  { path: '/community/plans/:id', name: 'community-plan', component: () => import('./PlanView.vue'), meta: { permission: 'community.read' } },
  { path: '/community/projects/:id', name: 'community-project', component: () => import('./ProjectView.vue'), meta: { permission: 'community.projects.read' } },
  { path: '/my/votes', name: 'my-votes', component: () => import('./MyVotesView.vue'), meta: { permission: 'community.vote' } },
  { path: '/public/consultations/:code', name: 'public-consultation', component: () => import('./PublicResultView.vue'), meta: { public: true, bare: true } },
] satisfies RouteRecordRaw[];
