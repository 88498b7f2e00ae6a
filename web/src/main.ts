import { createApp } from 'vue';
import { createPinia } from 'pinia';
import './styles.css';
import App from './App.vue';
import { router } from './router';
import { i18n } from './i18n';
import { onUnauthorized } from './api';
import { useSession } from './stores/session';

const app = createApp(App).use(createPinia()).use(i18n).use(router);
onUnauthorized(() => {
  const s = useSession();
  s.me = null;
  if (router.currentRoute.value.name !== 'login') void router.push({ name: 'login', query: { next: router.currentRoute.value.fullPath } });
});
app.mount('#app');
