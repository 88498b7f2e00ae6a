import type { RouteRecordRaw } from 'vue-router';
import { prefetchOnBoot, prefetchScreen } from './screenData';

const screen = () => import('./OpsScreen.vue');
// opened straight on the wall screen (its usual start): fetch its code while the app
// boots and checks the session, instead of after (the code is the same for everyone)
if (typeof location !== 'undefined' && location.pathname === '/ops/screen') {
  void screen().catch(() => undefined);
  prefetchOnBoot();
}

export default [
  // the wall screen is full-bleed (no shell header); it has its own language switch
  {
    path: '/ops/screen',
    name: 'ops-screen',
    component: screen,
    meta: { permission: 'cases.kpi', bare: true, fullscreen: true },
    // start the screen's requests while its code loads (runs after the permission check)
    beforeEnter: () => prefetchScreen(),
  },
  { path: '/ops/cases', name: 'ops-cases', component: () => import('./WorkbenchView.vue'), meta: { permission: 'cases.read' } },
] satisfies RouteRecordRaw[];
