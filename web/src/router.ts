import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useSession } from './stores/session';

const found = import.meta.glob<{ default: RouteRecordRaw[] }>('./modules/*/routes.ts', { eager: true });
const routes = Object.values(found).flatMap((m) => m.default);
routes.push({ path: '/:rest(.*)*', redirect: '/' });

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  const session = useSession();
  if (!session.loaded) await session.load().catch(() => null);
  if (to.meta.public) return true;
  if (!session.me) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  const needs = to.meta.permission as string | undefined;
  if (needs && !session.can(needs)) return { name: 'home' };
  return true;
});
