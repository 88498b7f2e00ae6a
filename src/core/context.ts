// What every module receives at start: settings, database, event bus, logger, clock.
import type { FastifyInstance, FastifyBaseLogger, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { Config } from '../config.js';
import type { Database, Db } from './db/index.js';
import type { EventBus } from './bus/index.js';
import type { SessionStore } from './auth/sessions.js';
import type { ApiKeyStore } from './auth/apiKeys.js';
import type { Logger } from 'pino';
import type { Sweeper } from './jobs/index.js';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  bus: EventBus;
  log: Logger;
  sessions: SessionStore;
  apiKeys: ApiKeyStore;
  metrics: Registry;
  clock: Clock;
  /** modules publish shared services here by name (e.g. the grid index) */
  services: Map<string, unknown>;
  /** periodic sweeps (timers); tests start the platform with sweeps off and call runNow */
  sweeper: Sweeper;
  /** health checks by part name (db, mqtt, …) */
  health: Map<string, () => Promise<void>>;
}

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

/** A module's manifest (module.ts): its routes and its background work. */
export interface Module {
  name: string;
  /** register routes; called inside the /api/v1 prefix unless `prefix` is set */
  routes?(app: App, ctx: AppContext): Promise<void> | void;
  prefix?: string;
  /** start background work after the database is migrated */
  start?(ctx: AppContext): Promise<void>;
  stop?(ctx: AppContext): Promise<void>;
}
