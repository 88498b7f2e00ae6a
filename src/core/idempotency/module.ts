// Keeps the idempotency table small: keys are answered for a day (ADR 0510).
import type { Module } from '../context.js';
import { purge } from './store.js';

export const KEEP_KEYS_MS = 24 * 60 * 60_000;
export const PURGE_SWEEP = 'core.idempotency.purge';

export const idempotencyModule: Module = {
  name: 'idempotency',
  async start(ctx) {
    ctx.sweeper.every(PURGE_SWEEP, 60 * 60_000, () => purge(ctx.db, new Date(ctx.clock.now().getTime() - KEEP_KEYS_MS)));
  },
};
