// Calls to the Jiedao API: same-origin cookie session, CSRF header on changes, the
// user's language, and RFC 9457 problems turned into ApiError.
import { currentLocale } from './i18n';

export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { code?: string; title?: string; detail?: string; errors?: FieldError[]; [k: string]: unknown },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

function cookie(name: string): string | undefined {
  return document.cookie
    .split('; ')
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}

type Handler = (e: ApiError) => void;
const unauthorizedHandlers: Handler[] = [];
export const onUnauthorized = (h: Handler) => unauthorizedHandlers.push(h);

export async function api<T = unknown>(method: string, url: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLocale() === 'en' ? 'en' : 'zh-CN' };
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = cookie('jd_csrf');
    if (csrf) headers['x-csrf-token'] = decodeURIComponent(csrf);
  }
  let payload: BodyInit | undefined;
  if (body instanceof FormData || body instanceof Blob) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  // extra headers (e.g. Idempotency-Key) are added to, not instead of, the ones above
  const { headers: extra, ...rest } = init;
  const res = await fetch(url, { method, headers: { ...headers, ...(extra as Record<string, string> | undefined) }, body: payload, credentials: 'same-origin', ...rest });
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const err = new ApiError(res.status, typeof data === 'object' ? data : { detail: String(data) });
    // /auth/me is the probe of whether anyone is signed in (public pages ask it too): its
    // 401 is an answer, not an expired session
    if (res.status === 401 && !url.endsWith('/auth/login') && !url.endsWith('/auth/me')) unauthorizedHandlers.forEach((h) => h(err));
    throw err;
  }
  return data as T;
}

export const get = <T>(url: string) => api<T>('GET', url);
export const post = <T>(url: string, body?: unknown) => api<T>('POST', url, body);
export const put = <T>(url: string, body?: unknown) => api<T>('PUT', url, body);
export const patch = <T>(url: string, body?: unknown) => api<T>('PATCH', url, body);
export const del = <T>(url: string) => api<T>('DELETE', url);
