// Private PostgreSQL and Mosquitto instances for the fault scripts: the same binaries as
// the shared services, on a free port and a temporary directory, so restarting them
// disturbs nobody else's tests (the shared services on 5432 and 1883 serve other suites
// running at the same time). Each is a process this test started and stops by its pid.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../process.js';

export const faultsEnabled = process.env.JIEDAO_FAULTS === '1';

function pgBin(name: string): string {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (fs.existsSync(path.join(base, v, 'bin', name))) return path.join(base, v, 'bin', name);
  throw new Error(`PostgreSQL ${name} not found under ${base}`);
}

export const havePostgresBinaries = (() => {
  try {
    pgBin('initdb');
    return true;
  } catch {
    return false;
  }
})();
export const haveMosquitto = spawnSync('sh', ['-c', 'command -v mosquitto'], { encoding: 'utf8' }).status === 0;

/** PostgreSQL refuses to run as root: run its tools as the postgres user when we are root. */
function asPostgres(args: string[]): string[] {
  return process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...args] : args;
}

function sh(args: string[]): void {
  const r = spawnSync(args[0]!, args.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr || r.stdout}`);
}

export interface PrivatePostgres {
  port: number;
  url(db: string): string;
  createDatabase(db: string): Promise<void>;
  /** stop (fast shutdown: open connections are cut), stay down `downMs`, start again */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function privatePostgres(): Promise<PrivatePostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiedao-pg-'));
  if (process.getuid?.() === 0) fs.chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()), Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()));
  const data = path.join(dir, 'data');
  const port = await freePort();
  sh(asPostgres([pgBin('initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-instructions']));
  const ctl = (...args: string[]) => sh(asPostgres([pgBin('pg_ctl'), '-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', ...args]));
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  ctl('-o', opts, 'start');
  const url = (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  return {
    port,
    url,
    async createDatabase(db) {
      const c = new pg.Client({ connectionString: url('postgres') });
      await c.connect();
      await c.query(`create database ${db}`);
      await c.end();
    },
    async restart(downMs = 1500) {
      ctl('-m', 'fast', 'stop');
      await new Promise((r) => setTimeout(r, downMs));
      ctl('-o', opts, 'start');
    },
    async stop() {
      try {
        ctl('-m', 'immediate', 'stop');
      } catch {
        /* already stopped */
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PrivateMosquitto {
  port: number;
  url: string;
  /** SIGTERM (it saves its persistent sessions), stay down `downMs`, start again */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function privateMosquitto(): Promise<PrivateMosquitto> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiedao-mosq-'));
  const port = await freePort();
  const conf = path.join(dir, 'mosquitto.conf');
  // as the packaged configuration: persistence on, anonymous clients on localhost
  fs.writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence true\npersistence_location ${dir}/\nautosave_interval 1\nmax_queued_messages 0\n${process.getuid?.() === 0 ? 'user root\n' : ''}`);
  let child: ChildProcess | undefined;
  const start = async () => {
    const c = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
    child = c;
    for (let i = 0; i < 100; i++) {
      if (c.exitCode !== null) throw new Error(`mosquitto exited ${c.exitCode}`);
      const ok = await new Promise<boolean>((r) => {
        const s = net.connect(port, '127.0.0.1', () => (s.destroy(), r(true)));
        s.on('error', () => r(false));
      });
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('mosquitto did not start');
  };
  const halt = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    async restart(downMs = 1500) {
      await halt();
      await new Promise((r) => setTimeout(r, downMs));
      await start();
    },
    async stop() {
      await halt();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
