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

const ME_KEY = 'jd.me';
function remember(m: Me | null): void {
  if (typeof localStorage === 'undefined') return;
  if (m) localStorage.setItem(ME_KEY, JSON.stringify(m));
  else localStorage.removeItem(ME_KEY);
}
function recalled(): Me | null {
  try {
    return typeof localStorage === 'undefined' ? null : (JSON.parse(localStorage.getItem(ME_KEY) ?? 'null') as Me | null);
  } catch {
    return null;
  }
}

// a page opened straight on a data-heavy screen asks who is signed in before it asks for
// its data, so the router's check is not queued behind those requests (ADR 0503)
let early: Promise<Me> | null = null;
export function askWhoEarly(): void {
  early ??= get<Me>('/api/v1/auth/me');
  early.catch(() => undefined);
}

export const useSession = defineStore('session', () => {
  const me = ref<Me | null>(null);
  const loaded = ref(false);

  async function load(): Promise<Me | null> {
    try {
      const asked = early;
      early = null;
      me.value = await (asked ?? get<Me>('/api/v1/auth/me'));
      remember(me.value);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        me.value = null;
        remember(null);
      } else if (!(e instanceof ApiError) && recalled()) {
        // no network (a phone in the street, the offline upload queue): the last known
        // user, so queued work stays visible; the server still checks every request
        me.value = recalled();
      } else throw e;
    }
    loaded.value = true;
    return me.value;
  }

  async function login(username: string, password: string): Promise<Me> {
    me.value = await post<Me>('/api/v1/auth/login', { username, password });
    remember(me.value);
    loaded.value = true;
    return me.value;
  }

  async function logout(): Promise<void> {
    await post('/api/v1/auth/logout').catch(() => undefined);
    me.value = null;
    remember(null);
  }

  /** A user never sees an action the server would refuse. */
  const can = computed(() => (action: string) => !!me.value?.permissions.includes(action));
  const hasRole = computed(() => (...roles: string[]) => !!me.value?.roles.some((r) => roles.includes(r)));

  return { me, loaded, load, login, logout, can, hasRole };
});
