import type { RouteRecordRaw } from 'vue-router';

export default [{ path: '/district', name: 'district', component: () => import('./DistrictView.vue'), meta: { permission: 'cases.district' } }] satisfies RouteRecordRaw[];
