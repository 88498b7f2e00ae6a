// Rate limits counted in the database, shared by every node (ADR 1012).
export { databaseStore, hit, peek, purge } from './store.js';
export { rateLimitModule, RATE_LIMIT_PURGE_SWEEP } from './module.js';
export { rateLimitHits } from './schema.js';
