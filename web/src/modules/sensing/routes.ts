import type { RouteRecordRaw } from 'vue-router';

export default [{ path: '/sensing', name: 'sensing', component: () => import('./SensingView.vue'), meta: { permission: 'sensing.devices.read' } }] satisfies RouteRecordRaw[];
