import './policies.js';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { Module } from '../../core/context.js';
import { registerMessages } from '../../core/http/i18n.js';
import { OPEN311_MESSAGES } from './messages.js';
import { installHooks } from './http/hooks.js';
import { makeOpen311ErrorHandler, sendErrors } from './http/errors.js';
import { t } from '../../core/http/i18n.js';
import { formatOfUrl } from './domain/format.js';
import { MAX_PHOTOS } from './commands/photos.js';
import { MAX_EVIDENCE_BYTES } from '../cases/index.js';
import { discoveryRoutes } from './routes/discovery.js';
import { serviceRoutes } from './routes/services.js';
import { requestRoutes } from './routes/requests.js';
import { tokenRoutes } from './routes/tokens.js';
import { updateRoutes } from './routes/updates.js';
import { mediaRoutes } from './routes/media.js';

registerMessages(OPEN311_MESSAGES);

export const open311Module: Module = {
  name: 'open311',
  prefix: '/open311/v2',
  async routes(app, ctx) {
    // form-encoded and multipart bodies are read only here (the rest of the API is JSON)
    await app.register(formbody);
    // one photo too many is reported by the photo check with its field name
    await app.register(multipart, { attachFieldsToBody: true, limits: { fileSize: MAX_EVIDENCE_BYTES, files: MAX_PHOTOS + 1, fields: 200, fieldSize: 64 * 1024, parts: 220 } });
    installHooks(app, ctx);
    app.setErrorHandler(makeOpen311ErrorHandler(ctx));
    app.setNotFoundHandler((request, reply) => sendErrors(reply, formatOfUrl(request.url), 404, [t(request.locale ?? 'zh', 'open311.resource_unknown', { url: request.url.split('?')[0] })]));
    discoveryRoutes(app, ctx);
    serviceRoutes(app, ctx);
    requestRoutes(app, ctx);
    tokenRoutes(app, ctx);
    updateRoutes(app, ctx);
    mediaRoutes(app, ctx);
  },
};
