// The real process, as a newcomer (or an operator) starts it: `node --import tsx src/main.ts`
// with real ports and files. Used by the start-up and crash tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export interface Run {
  child: ChildProcess;
  out: string;
  err: string;
  /** the exit code, or -1 when a signal ended it */
  exited: Promise<number | null>;
}

/** Its own MQTT topics and sessions on a shared broker, kept only briefly. */
const mqttIsolation = () => ({ MQTT_TOPIC_PREFIX: `t${randomBytes(4).toString('hex')}`, MQTT_SHARE_GROUP: `t${randomBytes(4).toString('hex')}`, NODE_ID: `t-${randomBytes(4).toString('hex')}`, MQTT_SESSION_EXPIRY_S: '120' });

/** Extra Node flags for the app processes, e.g. JIEDAO_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
 * to profile the nodes of the soak (Node refuses --cpu-prof in NODE_OPTIONS). */
const nodeArgs = () => (process.env.JIEDAO_NODE_ARGS ?? '').split(' ').filter(Boolean);

export function run(env: Record<string, string | undefined>): Run {
  const child = spawn(process.execPath, [...nodeArgs(), '--import', 'tsx', 'src/main.ts'], {
    cwd: path.resolve('.'),
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', SIMULATOR: 'false', DATABASE_URL: undefined, MQTT_URL: process.env.MQTT_URL, ...mqttIsolation(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const r: Run = { child, out: '', err: '', exited: new Promise((res) => child.on('exit', (code, signal) => res(code ?? (signal ? -1 : null)))) };
  child.stdout!.on('data', (d) => (r.out += String(d)));
  child.stderr!.on('data', (d) => (r.err += String(d)));
  return r;
}

export async function waitFor(r: Run, re: RegExp, ms = 90_000): Promise<RegExpMatchArray> {
  const start = Date.now();
  for (;;) {
    const m = re.exec(r.out);
    if (m) return m;
    if (r.child.exitCode !== null) throw new Error(`process exited ${r.child.exitCode}: ${r.err}`);
    if (Date.now() - start > ms) throw new Error(`timeout waiting for ${re}: ${r.out} ${r.err}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}
