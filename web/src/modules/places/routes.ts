import type { RouteRecordRaw } from 'vue-router';

export default [
  { path: '/places', name: 'places', component: () => import('./PlacesView.vue'), meta: { permission: 'places.read' } },
  { path: '/places/unit-register', name: 'unit-register', component: () => import('./UnitRegisterView.vue'), meta: { permission: 'units.import' } },
] satisfies RouteRecordRaw[];
