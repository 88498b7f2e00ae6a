// What every Open311 request carries once its hooks have run: the format it asked for,
// the jurisdiction (tenant), the client (API key) when one was sent, and its parameters
// as the standard reads them (empty = absent; uploaded photos apart).
import type { ApiKeyActor } from '../../../core/auth/index.js';
import type { Format } from '../domain/format.js';
import type { Form } from '../domain/params.js';

export interface Upload {
  field: string;
  content: Buffer;
}

export interface Open311Request {
  format: Format;
  tenantId: string;
  client: ApiKeyActor | null;
  /** the client's requests per minute (null: the default) */
  rateLimit: number | null;
  /** requests per minute per address without a key, and of reads (RATE_LIMIT_PUBLIC) */
  publicLimit: number;
  form: Form;
  files: Upload[];
}

declare module 'fastify' {
  interface FastifyRequest {
    open311: Open311Request;
  }
  interface FastifyContextConfig {
    /** key: whether the route needs an api_key (POSTs) or reads one if sent;
     * jurisdiction: false for the routes that serve the whole deployment */
    open311?: { key?: 'required' | 'optional'; jurisdiction?: false };
  }
}
