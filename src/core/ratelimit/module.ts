// Keeps the rate-limit table to the windows still running (ADR 1012).
import type { Module } from '../context.js';
import { purge } from './store.js';

export const RATE_LIMIT_PURGE_SWEEP = 'core.ratelimit.purge';

export const rateLimitModule: Module = {
  name: 'ratelimit',
  async start(ctx) {
    ctx.sweeper.every(RATE_LIMIT_PURGE_SWEEP, 5 * 60_000, () => purge(ctx.database));
  },
};
