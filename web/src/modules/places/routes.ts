import type { RouteRecordRaw } from 'vue-router';

export default [{ path: '/places', name: 'places', component: () => import('./PlacesView.vue'), meta: { permission: 'places.read' } }] satisfies RouteRecordRaw[];
