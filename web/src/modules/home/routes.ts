import type { RouteRecordRaw } from 'vue-router';

export default [
  { path: '/login', name: 'login', component: () => import('./LoginView.vue'), meta: { public: true } },
  { path: '/', name: 'home', component: () => import('./HomeView.vue') },
] satisfies RouteRecordRaw[];
