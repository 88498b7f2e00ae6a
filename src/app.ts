// Assembles the platform: database (migrated, demo data on first start), event bus,
// MQTT (embedded broker or MQTT_URL), modules, HTTP. Used by main.ts and by the tests.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Config } from './config.js';
import { openDatabase, migrateDatabase, type Database } from './core/db/index.js';
import { EventBus } from './core/bus/index.js';
import { SessionStore, ApiKeyStore } from './core/auth/index.js';
import { startEmbeddedBroker, connectMqtt, type EmbeddedBroker, type MqttConnection } from './core/mqtt/index.js';
import { createHttpServer } from './core/http/server.js';
import { systemClock, type App, type AppContext, type Clock } from './core/context.js';
import { modules } from './modules.js';
import { Sweeper } from './core/jobs/index.js';
import { tenants } from './core/db/schema.js';

export interface StartOptions {
  /** test harness: a ready database instead of opening one from the config */
  database?: Database;
  log?: Logger;
  clock?: Clock;
  /** skip loading demo data even on an empty database */
  skipDemo?: boolean;
  /** skip MQTT entirely (unit-level HTTP tests) */
  noMqtt?: boolean;
  /** run periodic sweeps on their own (default true; tests call ctx.sweeper.runNow) */
  sweeps?: boolean;
}

export interface Platform {
  ctx: AppContext;
  app: App;
  broker?: EmbeddedBroker;
  mqtt?: MqttConnection;
  demoLoaded: boolean;
  close(): Promise<void>;
}

export async function startPlatform(config: Config, opts: StartOptions = {}): Promise<Platform> {
  const log = opts.log ?? pino({ level: config.logLevel, base: { node: process.pid } });
  const database =
    opts.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, namedStatements: config.databaseNamedStatements, dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite') }));
  const cleanups: (() => Promise<void>)[] = [];
  try {
    await migrateDatabase(database);

    let demoLoaded = false;
    const [anyTenant] = await database.db.select({ id: tenants.id }).from(tenants).limit(1);
    if (!anyTenant && config.demo && !opts.skipDemo) {
      const { loadDemo } = await import('../demo/load.js');
      await loadDemo(database, { tenant: config.tenant, log });
      demoLoaded = true;
    } else if (!anyTenant && !config.demo) {
      const { bootstrapTenant } = await import('./core/bootstrap.js');
      await bootstrapTenant(database, config);
    }

    const metrics = new Registry();
    collectDefaultMetrics({ register: metrics });
    const bus = new EventBus(database);
    await bus.start();
    cleanups.push(() => bus.stop());
    const sessions = new SessionStore(database, config.sessionTtlHours);
    sessions.attach(bus);

    const ctx: AppContext = {
      config,
      database,
      db: database.db,
      bus,
      log,
      sessions,
      apiKeys: new ApiKeyStore(database),
      metrics,
      clock: opts.clock ?? systemClock,
      sweeper: new Sweeper(log, metrics, opts.sweeps ?? true),
      services: new Map(),
      health: new Map([['db', () => database.ping()]]),
    };

    let broker: EmbeddedBroker | undefined;
    let mqtt: MqttConnection | undefined;
    if (!opts.noMqtt) {
      let url = config.mqttUrl;
      if (!url) {
        broker = await startEmbeddedBroker(config.mqttHost, config.mqttPort, config.mqttPortExplicit);
        cleanups.push(() => broker!.close());
        url = `mqtt://127.0.0.1:${broker.port}`;
        ctx.services.set('mqtt.broker', broker);
      }
      mqtt = await connectMqtt(url, `jiedao-${config.tenant}-${process.pid}-${randomUUID().slice(0, 8)}`, broker?.internalCredentials);
      cleanups.push(() => mqtt!.close());
      ctx.services.set('mqtt.connection', mqtt);
      ctx.health.set('mqtt', () => mqtt!.ping());
    }

    for (const m of modules) {
      if (m.start) await m.start(ctx);
      if (m.stop) cleanups.push(() => m.stop!(ctx));
    }
    cleanups.push(() => ctx.sweeper.stop());
    const app = await createHttpServer(ctx, modules);
    await app.ready();

    let closed = false;
    return {
      ctx,
      app,
      broker,
      mqtt,
      demoLoaded,
      async close() {
        if (closed) return;
        closed = true;
        // finish in-flight requests first, then background work, broker, database
        await app.close();
        for (const c of cleanups.reverse()) await c().catch((e: unknown) => log.warn({ err: e }, 'error while stopping'));
        if (!opts.database) await database.close();
      },
    };
  } catch (e) {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    if (!opts.database) await database.close().catch(() => {});
    throw e;
  }
}

export function webIsBuilt(config: Config): boolean {
  return fs.existsSync(path.join(config.webDist, 'index.html'));
}
