// Server-side messages (errors, notices) in Simplified Chinese first and English.
// Modules add their own with registerMessages(); {name} placeholders are filled in.
export type Locale = 'zh' | 'en';
type Catalog = Record<string, string>;

const catalogs: Record<Locale, Catalog> = { zh: {}, en: {} };

export function registerMessages(messages: { zh: Catalog; en: Catalog }): void {
  Object.assign(catalogs.zh, messages.zh);
  Object.assign(catalogs.en, messages.en);
}

export function hasMessage(code: string): boolean {
  return code in catalogs.zh;
}

export function t(locale: Locale, code: string, params: Record<string, unknown> = {}): string {
  const template = catalogs[locale][code] ?? catalogs.zh[code] ?? code;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) return `{${k}}`;
    // a parameter can itself be a message: { $t: 'thing.grid' }
    if (v && typeof v === 'object' && '$t' in v) return t(locale, String((v as { $t: string }).$t));
    return String(v);
  });
}

/** Chinese unless the client prefers English (Accept-Language or ?lang=en). */
export function pickLocale(acceptLanguage: string | undefined, override?: string): Locale {
  if (override === 'en' || override === 'zh') return override;
  if (!acceptLanguage) return 'zh';
  const langs = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of langs) {
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh';
}

registerMessages({
  zh: {
    'problem.validation': '请求参数有误',
    'problem.not_found': '未找到',
    'problem.route_not_found': '接口不存在：{method} {url}',
    'problem.internal': '服务器内部错误，请稍后再试',
    'problem.conflict': '操作冲突',
    'problem.payload_too_large': '请求体过大',
    'problem.unsupported_media_type': '不支持的内容类型',
    'problem.rate_limited': '请求过于频繁，请稍后再试',
    'problem.bad_json': '请求体不是有效的 JSON',
    'auth.required': '请先登录',
    'auth.forbidden': '无权执行此操作',
    'auth.invalid': '用户名或密码错误',
    'auth.locked': '账号因连续 {count} 次登录失败已被锁定，请于 {until} 后再试，或联系管理员解锁',
    'auth.inactive': '账号已停用，请联系管理员',
    'auth.csrf': '请求缺少有效的 CSRF 令牌，请刷新页面后重试',
    'auth.api_key_invalid': 'API 密钥无效或已吊销',
    'field.invalid': '字段 {field}：{message}',
    'problem.not_found_thing': '{what} {id} 不存在',
    'problem.validation_message': '请求有误：{message}',
  },
  en: {
    'problem.validation': 'Invalid request',
    'problem.not_found': 'Not found',
    'problem.route_not_found': 'No such endpoint: {method} {url}',
    'problem.internal': 'Internal server error, please try again later',
    'problem.conflict': 'Conflict',
    'problem.payload_too_large': 'Request body too large',
    'problem.unsupported_media_type': 'Unsupported content type',
    'problem.rate_limited': 'Too many requests, please slow down',
    'problem.bad_json': 'The request body is not valid JSON',
    'auth.required': 'Please log in first',
    'auth.forbidden': 'You are not allowed to do this',
    'auth.invalid': 'Wrong user name or password',
    'auth.locked': 'Account locked after {count} failed log-ins in a row; try again after {until} or ask an administrator to unlock it',
    'auth.inactive': 'This account is disabled; contact an administrator',
    'auth.csrf': 'Missing or invalid CSRF token; reload the page and try again',
    'auth.api_key_invalid': 'Invalid or revoked API key',
    'field.invalid': 'Field {field}: {message}',
    'problem.not_found_thing': '{what} {id} not found',
    'problem.validation_message': 'Bad request: {message}',
  },
});
