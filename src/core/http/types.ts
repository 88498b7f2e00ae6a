import type { Actor } from '../auth/actor.js';
import type { Locale } from './i18n.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
  }
  interface FastifyContextConfig {
    /** policy action checked (role level) before the handler; the handler checks scope */
    policy?: string;
    /** true for routes anyone may call (log-in, health, public pages) */
    public?: boolean;
    /** cookie-authenticated unsafe requests need the CSRF header unless this is set */
    csrfExempt?: boolean;
    /** the route reads its own bearer token (/metrics): not taken for an API key */
    ownBearer?: boolean;
  }
}
export {};
