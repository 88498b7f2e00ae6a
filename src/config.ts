// Every setting the platform reads, from the environment, validated once at start.
// A bad value stops the start with one line naming the setting (see main.ts).
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** true when PORT was set: a taken port is then an error, not a reason to move */
  portExplicit: boolean;
  dataDir: string;
  databaseUrl?: string;
  /** repeated statements run as named statements on PostgreSQL (ADR 1004) */
  databaseNamedStatements: boolean;
  mqttUrl?: string;
  mqttHost: string;
  mqttPort: number;
  mqttPortExplicit: boolean;
  tenant: string;
  demo: boolean;
  simulator: boolean;
  simulatorSpeed: number;
  /** this node's stable name: its MQTT ingest sessions are named after it, so a
   * restarted node resumes the messages its broker kept for it */
  nodeId: string;
  /** first level of the native device topics: {prefix}/{tenant}/{device}/alarm|telemetry */
  mqttTopicPrefix: string;
  /** shared-subscription group of the app nodes on an external broker ($share/{group}/…) */
  mqttShareGroup: string;
  /** parallel ingest sessions per node on an external broker */
  mqttIngestConnections: number;
  /** how long an external broker keeps a disconnected ingest session (and its queue) */
  mqttSessionExpirySeconds: number;
  /** least time between the starts of two ingest transactions of a node (group commit window) */
  ingestBatchWindowMs: number;
  /** master key from which device secrets are derived; required in production */
  deviceKeySecret?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionTtlHours: number;
  cookieSecure: boolean;
  tileUrl?: string;
  tileCrs: 'wgs84' | 'gcj02';
  trustProxy: boolean;
  /** bearer token Prometheus sends for /metrics; without it /metrics answers loopback only */
  metricsToken?: string;
  webDist: string;
  /** requests per minute: log-in per address and user name, device HTTP ingest per
   * address, public pages per address (ADR 1010) */
  rateLimits: { login: number; ingest: number; public: number };
  /** first start without demo data: the subdistrict and its first administrator */
  bootstrap: { tenantName: string; tenantNameEn: string; district: string; city: string; adminUser: string; adminPassword?: string };
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function str(env: Env, key: string): string | undefined {
  const v = env[key];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function int(env: Env, key: string, def: number, min: number, max: number): number {
  const raw = str(env, key);
  if (raw === undefined) return def;
  if (!/^\d+$/.test(raw)) throw new ConfigError(key, `must be a whole number between ${min} and ${max} (got "${raw}")`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(key, `must be between ${min} and ${max} (got ${n})`);
  return n;
}

function num(env: Env, key: string, def: number, min: number, max: number): number {
  const raw = str(env, key);
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new ConfigError(key, `must be a number between ${min} and ${max} (got "${raw}")`);
  return n;
}

function bool(env: Env, key: string, def: boolean): boolean {
  const raw = str(env, key)?.toLowerCase();
  if (raw === undefined) return def;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(key, `must be true or false (got "${raw}")`);
}

function oneOf<T extends string>(env: Env, key: string, def: T, allowed: readonly T[]): T {
  const raw = str(env, key);
  if (raw === undefined) return def;
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(key, `must be one of ${allowed.join(', ')} (got "${raw}")`);
  return raw as T;
}

function url(env: Env, key: string, protocols: string[]): string | undefined {
  const raw = str(env, key);
  if (raw === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError(key, `is not a valid URL (expected ${protocols.map((p) => `${p}//…`).join(' or ')})`);
  }
  if (!protocols.includes(u.protocol)) throw new ConfigError(key, `must start with ${protocols.join(' or ')} (got "${u.protocol}")`);
  return raw;
}

/** One MQTT topic level: letters, digits, '_' and '-' (no wildcards or separators). */
function topicLevel(env: Env, key: string, def: string): string {
  const raw = str(env, key) ?? def;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(raw)) throw new ConfigError(key, `must be 1 to 64 letters, digits, "_" or "-" (got "${raw}")`);
  return raw;
}

function nodeId(env: Env, nodeEnv: string): string {
  const raw = str(env, 'NODE_ID');
  if (raw !== undefined) {
    if (!/^[A-Za-z0-9_.-]{1,40}$/.test(raw)) throw new ConfigError('NODE_ID', `must be 1 to 40 letters, digits, ".", "_" or "-" (got "${raw}")`);
    return raw;
  }
  // Tests start many platforms at once against one broker: each gets its own sessions.
  if (nodeEnv === 'test') return `test-${randomBytes(5).toString('hex')}`;
  return (os.hostname().replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 40) || 'node');
}

function metricsToken(env: Env): string | undefined {
  const raw = str(env, 'METRICS_TOKEN');
  if (raw !== undefined && !/^[\x21-\x7e]{16,200}$/.test(raw)) throw new ConfigError('METRICS_TOKEN', 'must be 16 to 200 printable characters without spaces');
  return raw;
}

function deviceKeySecret(env: Env, nodeEnv: string): string | undefined {
  const raw = str(env, 'DEVICE_KEY_SECRET');
  if (raw !== undefined && raw.length < 32) throw new ConfigError('DEVICE_KEY_SECRET', 'must be at least 32 characters');
  if (raw === undefined && nodeEnv === 'production') throw new ConfigError('DEVICE_KEY_SECRET', 'is required in production (device secrets are derived from it)');
  return raw;
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', 'development', ['development', 'production', 'test'] as const);
  const tenant = str(env, 'TENANT') ?? 'shimen2';
  if (!/^[a-z][a-z0-9-]{1,30}$/.test(tenant)) throw new ConfigError('TENANT', `must be a lower-case code like "shimen2" (got "${tenant}")`);
  const host = str(env, 'HOST') ?? '0.0.0.0';
  const tileUrl = str(env, 'TILE_URL');
  if (tileUrl !== undefined && !/^https?:\/\/.+\{z\}.*\{x\}.*\{y\}/.test(tileUrl)) {
    throw new ConfigError('TILE_URL', 'must be an http(s) URL template containing {z}, {x} and {y}');
  }
  return {
    env: nodeEnv,
    host,
    port: int(env, 'PORT', 3000, 0, 65535),
    portExplicit: str(env, 'PORT') !== undefined,
    dataDir: path.resolve(cwd, str(env, 'DATA_DIR') ?? 'data'),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    databaseNamedStatements: bool(env, 'DATABASE_NAMED_STATEMENTS', true),
    mqttUrl: url(env, 'MQTT_URL', ['mqtt:', 'mqtts:', 'tcp:', 'ws:', 'wss:']),
    mqttHost: str(env, 'MQTT_HOST') ?? '0.0.0.0',
    // JIEDAO_DEFAULT_MQTT_PORT only lets the start-up test stand in for a taken 1883
    mqttPort: int(env, 'MQTT_PORT', Number(env.JIEDAO_DEFAULT_MQTT_PORT) || 1883, 0, 65535),
    mqttPortExplicit: str(env, 'MQTT_PORT') !== undefined,
    tenant,
    demo: bool(env, 'DEMO', true),
    simulator: bool(env, 'SIMULATOR', nodeEnv !== 'test'),
    simulatorSpeed: num(env, 'SIMULATOR_SPEED', 1, 0.1, 3600),
    nodeId: nodeId(env, nodeEnv),
    mqttTopicPrefix: topicLevel(env, 'MQTT_TOPIC_PREFIX', 'jiedao'),
    // each test platform in a group of its own: a stopped one's sessions must not take a
    // share of anyone else's messages (a broker keeps them until they expire)
    mqttShareGroup: topicLevel(env, 'MQTT_SHARE_GROUP', nodeEnv === 'test' ? `test-${randomBytes(5).toString('hex')}` : 'jiedao'),
    mqttIngestConnections: int(env, 'MQTT_INGEST_CONNECTIONS', 8, 1, 64),
    mqttSessionExpirySeconds: int(env, 'MQTT_SESSION_EXPIRY_S', nodeEnv === 'test' ? 120 : 3600, 0, 4_294_967_295),
    ingestBatchWindowMs: int(env, 'INGEST_BATCH_WINDOW_MS', 20, 0, 1000),
    deviceKeySecret: deviceKeySecret(env, nodeEnv),
    logLevel: oneOf(env, 'LOG_LEVEL', nodeEnv === 'test' ? 'silent' : 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    sessionTtlHours: int(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 30),
    cookieSecure: bool(env, 'COOKIE_SECURE', nodeEnv === 'production'),
    tileUrl,
    tileCrs: oneOf(env, 'TILE_CRS', 'gcj02', ['wgs84', 'gcj02'] as const),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    metricsToken: metricsToken(env),
    webDist: path.resolve(cwd, str(env, 'WEB_DIST') ?? 'web/dist'),
    rateLimits: {
      login: int(env, 'RATE_LIMIT_LOGIN', 20, 1, 1_000_000),
      ingest: int(env, 'RATE_LIMIT_INGEST', 12_000, 1, 10_000_000),
      public: int(env, 'RATE_LIMIT_PUBLIC', 300, 1, 1_000_000),
    },
    bootstrap: {
      tenantName: str(env, 'TENANT_NAME') ?? tenant,
      tenantNameEn: str(env, 'TENANT_NAME_EN') ?? tenant,
      district: str(env, 'TENANT_DISTRICT') ?? '',
      city: str(env, 'TENANT_CITY') ?? '',
      adminUser: str(env, 'ADMIN_USER') ?? 'admin',
      adminPassword: env.ADMIN_PASSWORD,
    },
  };
}
