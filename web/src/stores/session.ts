// The logged-in user, their roles and the actions the server allows them.
import { defineStore } from 'pinia';
import { ref, computed } from 'vue';
import { get, post, ApiError } from '../api';

export interface Me {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  roleLabels: string[];
  departmentId: number | null;
  scopes: Record<string, number[]>;
  tenant: { id: string; name: string; nameEn: string };
  permissions: string[];
}

export const useSession = defineStore('session', () => {
  const me = ref<Me | null>(null);
  const loaded = ref(false);

  async function load(): Promise<Me | null> {
    try {
      me.value = await get<Me>('/api/v1/auth/me');
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      me.value = null;
    }
    loaded.value = true;
    return me.value;
  }

  async function login(username: string, password: string): Promise<Me> {
    me.value = await post<Me>('/api/v1/auth/login', { username, password });
    loaded.value = true;
    return me.value;
  }

  async function logout(): Promise<void> {
    await post('/api/v1/auth/logout').catch(() => undefined);
    me.value = null;
  }

  /** A user never sees an action the server would refuse. */
  const can = computed(() => (action: string) => !!me.value?.permissions.includes(action));
  const hasRole = computed(() => (...roles: string[]) => !!me.value?.roles.some((r) => roles.includes(r)));

  return { me, loaded, load, login, logout, can, hasRole };
});
