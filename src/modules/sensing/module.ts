import './policies.js';
import { Gauge } from 'prom-client';
import type { Module } from '../../core/context.js';
import { registerMessages } from '../../core/http/i18n.js';
import { CALENDAR_SERVICE, type CalendarService } from '../../core/calendar/index.js';
import type { EmbeddedBroker } from '../../core/mqtt/index.js';
import { SENSING_MESSAGES } from './messages.js';
import { SensingRegistry } from './ingest/registry.js';
import { KeyRing } from './ingest/keys.js';
import { Ingestor } from './ingest/pipeline.js';
import { installEmbeddedIngest } from './ingest/embedded.js';
import { ExternalIngest } from './ingest/external.js';
import { flushLastSeen, pruneNonces, sweepInactivity, sweepOffline, sweepSceneTimers } from './ingest/sweeps.js';
import { SENSING_SERVICE, type SensingRuntime } from './service.js';
import { deviceRoutes } from './routes/devices.js';
import { sceneRoutes } from './routes/scenes.js';
import { alarmRoutes } from './routes/alarms.js';
import { ingestRoutes } from './routes/ingest.js';

registerMessages(SENSING_MESSAGES);

export const sensingModule: Module = {
  name: 'sensing',
  async start(ctx) {
    const registry = new SensingRegistry(ctx.database);
    registry.attach(ctx.bus);
    await registry.loadAll();
    const keys = new KeyRing(ctx.database, ctx.config.deviceKeySecret);
    for (const t of registry.tenantIds()) await keys.load(t);
    const calendars = ctx.services.get(CALENDAR_SERVICE) as CalendarService;
    const deps: SensingRuntime['deps'] = {
      registry,
      calendar: (tenantId) => {
        const cal = calendars.cached(tenantId);
        if (!cal) throw new Error(`calendar of ${tenantId} not loaded`);
        return cal;
      },
      ensureCalendars: async (tenantIds) => {
        for (const t of tenantIds) if (!calendars.cached(t)) await calendars.forTenant(t);
      },
    };
    // two transactions in flight on PostgreSQL (their scene locks are taken in arrival
    // order); PGlite has one connection anyway
    const ingestor = new Ingestor(ctx, registry, deps, {
      nativePrefix: ctx.config.mqttTopicPrefix,
      concurrency: ctx.database.kind === 'postgres' ? 2 : 1,
      maxBatch: 2000,
      minIntervalMs: ctx.config.ingestBatchWindowMs,
      // only the crash test sets this (see test/sensing-crash.test.ts)
      ackDelayMs: Number(process.env.JIEDAO_FAULT_ACK_DELAY_MS) || 0,
    });
    const runtime: SensingRuntime = { registry, keys, ingestor, deps };
    ctx.services.set(SENSING_SERVICE, runtime);

    const broker = ctx.services.get('mqtt.broker') as EmbeddedBroker | undefined;
    if (broker) installEmbeddedIngest(broker, { registry, keys, ingestor, defaultTenant: ctx.config.tenant, nativePrefix: ctx.config.mqttTopicPrefix, log: ctx.log });
    else if (ctx.config.mqttUrl && ctx.services.has('mqtt.connection')) {
      const ext = new ExternalIngest(
        { url: ctx.config.mqttUrl, nodeId: ctx.config.nodeId, group: ctx.config.mqttShareGroup, nativePrefix: ctx.config.mqttTopicPrefix, connections: ctx.config.mqttIngestConnections, sessionExpirySeconds: ctx.config.mqttSessionExpirySeconds },
        registry,
        ingestor,
        ctx.log,
      );
      await ext.start();
      runtime.external = ext;
      new Gauge({
        name: 'sensing_ingest_sessions_connected',
        help: 'MQTT ingest sessions of this node connected to the external broker',
        registers: [ctx.metrics],
        collect() {
          this.set(ext.connected());
        },
      });
    }

    ctx.sweeper.every('sensing.devices.seen', 2_000, () => flushLastSeen(ctx, deps, ingestor));
    ctx.sweeper.every('sensing.devices.offline', 15_000, async () => {
      await flushLastSeen(ctx, deps, ingestor);
      return sweepOffline(ctx, deps);
    });
    ctx.sweeper.every('sensing.scenes.timers', 1_000, () => sweepSceneTimers(ctx, deps));
    ctx.sweeper.every('sensing.scenes.inactivity', 60_000, () => sweepInactivity(ctx, deps));
    ctx.sweeper.every('sensing.nonces.prune', 300_000, () => pruneNonces(ctx));
  },
  async stop(ctx) {
    const rt = ctx.services.get(SENSING_SERVICE) as SensingRuntime | undefined;
    await rt?.external?.stop();
    await rt?.ingestor.committer.idle();
  },
  routes(app, ctx) {
    deviceRoutes(app, ctx);
    sceneRoutes(app, ctx);
    alarmRoutes(app, ctx);
    ingestRoutes(app, ctx);
  },
};
