import type { RouteRecordRaw } from 'vue-router';

export default [{ path: '/admin', name: 'admin', component: () => import('./AdminView.vue'), meta: { permission: 'users.manage' } }] satisfies RouteRecordRaw[];
