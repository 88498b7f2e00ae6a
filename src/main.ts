// Start-up: config → database → broker → modules → HTTP; graceful stop on SIGTERM/SIGINT.
import { loadConfig, ConfigError, type Config } from './config.js';
import { startPlatform, webIsBuilt } from './app.js';
import { PortInUseError, listenNet, redact } from './core/mqtt/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo/accounts.js';

function fail(line: string): never {
  process.stderr.write(`jiedao: ${line}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) fail(`invalid setting ${e.message}`);
    throw e;
  }

  let platform;
  try {
    platform = await startPlatform(config);
  } catch (e) {
    if (e instanceof PortInUseError) fail(`${e.setting}=${e.port} is already in use; choose another port or unset ${e.setting} to pick a free one`);
    if (e instanceof ConfigError) fail(`invalid setting ${e.message}`);
    const msg = (e as Error).message ?? String(e);
    if (config.databaseUrl && /ECONNREFUSED|password|does not exist|ENOTFOUND/.test(msg)) fail(`DATABASE_URL: cannot use ${redact(config.databaseUrl)}: ${msg}`);
    throw e;
  }
  const { app, ctx } = platform;

  let port: number;
  try {
    port = await listenNet(app.server, config.host, config.port, config.portExplicit, 'PORT');
  } catch (e) {
    await platform.close();
    if (e instanceof PortInUseError) fail(`PORT=${e.port} is already in use; choose another port or unset PORT to pick a free one`);
    throw e;
  }

  // the live device simulator of the demo (SIMULATOR=false turns it off)
  let simulator: { stop(): Promise<void> } | undefined;
  if (config.simulator) {
    try {
      const { startSimulator } = await import('../demo/simulator.js');
      simulator = await startSimulator(platform, { speed: config.simulatorSpeed });
    } catch (e) {
      ctx.log.warn({ err: e }, 'simulator not started (it needs the demo devices)');
    }
  }

  const url = `http://localhost:${port}`;
  const lines = [
    '',
    `  街道 Jiedao is running — ${url}`,
    '',
    `  database  ${config.databaseUrl ? `PostgreSQL ${redact(config.databaseUrl)}` : `PGlite (embedded) in ${config.dataDir}`}${platform.demoLoaded ? ' — demo data loaded' : ''}`,
    `  MQTT      ${platform.broker ? `embedded broker on mqtt://localhost:${platform.broker.port}${platform.broker.port !== config.mqttPort ? ` (port ${config.mqttPort} was taken)` : ''}` : redact(config.mqttUrl ?? '')}`,
    port !== config.port ? `  note      port ${config.port} was taken; serving on ${port}` : '',
    simulator ? `  simulator devices at 凤阳路/奉贤路 publish over MQTT${config.simulatorSpeed !== 1 ? ` (×${config.simulatorSpeed} speed)` : ''}; SIMULATOR=false turns it off` : '',
    `  API docs  ${url}/docs`,
    webIsBuilt(config) ? '' : '  web app   not built (run npm run build:web)',
    '',
    ...(config.demo
      ? [`  Demo log-ins (password ${DEMO_PASSWORD} for all):`, ...DEMO_ACCOUNTS.map((a) => `    ${a.username.padEnd(14)} ${a.label}`)]
      : [`  Log in as ${config.bootstrap.adminUser} with the ADMIN_PASSWORD of the first start.`]),
    '',
    '  Stop with Ctrl+C.',
    '',
  ].filter((l, i, all) => l !== '' || all[i - 1] !== '');
  process.stdout.write(lines.join('\n') + '\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.log.info({ signal }, 'stopping');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await simulator?.stop().catch(() => undefined);
    await platform.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((e: unknown) => {
  process.stderr.write(`jiedao: failed to start: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
