import type { RouteRecordRaw } from 'vue-router';

export default [
  // the wall screen is full-bleed (no shell header); it has its own language switch
  { path: '/ops/screen', name: 'ops-screen', component: () => import('./OpsScreen.vue'), meta: { permission: 'cases.kpi', bare: true } },
  { path: '/ops/cases', name: 'ops-cases', component: () => import('./WorkbenchView.vue'), meta: { permission: 'cases.read' } },
] satisfies RouteRecordRaw[];
