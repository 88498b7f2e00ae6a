// The two-command start, as a newcomer runs it: a real process, real ports, real files.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freshDatabase, onPostgres, type TestDb } from './harness.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiedao-start-'));
const dbs: TestDb[] = [];
afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  for (const d of dbs) await d.drop();
});

interface Run {
  child: ChildProcess;
  out: string;
  err: string;
  exited: Promise<number | null>;
}

function run(env: Record<string, string | undefined>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.resolve('.'),
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', SIMULATOR: 'false', DATABASE_URL: undefined, MQTT_URL: process.env.MQTT_URL, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const r: Run = { child, out: '', err: '', exited: new Promise((res) => child.on('exit', (code) => res(code))) };
  child.stdout!.on('data', (d) => (r.out += String(d)));
  child.stderr!.on('data', (d) => (r.err += String(d)));
  return r;
}

async function waitFor(r: Run, re: RegExp, ms = 90_000): Promise<RegExpMatchArray> {
  const start = Date.now();
  for (;;) {
    const m = re.exec(r.out);
    if (m) return m;
    if (r.child.exitCode !== null) throw new Error(`process exited ${r.child.exitCode}: ${r.err}`);
    if (Date.now() - start > ms) throw new Error(`timeout waiting for ${re}: ${r.out} ${r.err}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

async function dbEnv(): Promise<Record<string, string>> {
  if (!onPostgres) return { DATA_DIR: fs.mkdtempSync(path.join(dataDir, 'run-')) };
  const d = await freshDatabase('blank');
  await d.database.close();
  dbs.push(d);
  return { DATABASE_URL: d.url! };
}

describe('npm start', () => {
  let env: Record<string, string>;

  it('first start: creates the database, loads the demo, prints URL and log-ins; /healthz ok within 10 s', async () => {
    env = await dbEnv();
    const r = run({ ...env, PORT: '0' });
    const m = await waitFor(r, /is running — (http:\/\/localhost:(\d+))/);
    const announced = Date.now();
    expect(r.out).toContain('demo data loaded');
    expect(r.out).toMatch(/admin\s+系统管理员/);
    expect(r.out).toContain('password jiedao2026');
    let health: unknown;
    while (Date.now() - announced < 10_000) {
      const res = await fetch(`${m[1]}/healthz`).catch(() => null);
      if (res?.ok) {
        health = await res.json();
        break;
      }
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(health).toEqual({ status: 'ok', db: 'ok', mqtt: 'ok' });
    const page = await fetch(m[1]!, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('<div id="app">');
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
  });

  it('second start reuses the data without reloading the demo', async () => {
    const r = run({ ...env, PORT: '0' });
    const m = await waitFor(r, /is running — (http:\/\/localhost:(\d+))/);
    expect(r.out).not.toContain('demo data loaded');
    const res = await fetch(`${m[1]}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'jiedao2026' }) });
    expect(res.status).toBe(200);
    r.child.kill('SIGINT');
    expect(await r.exited).toBe(0);
  });

  it.skipIf(!!process.env.MQTT_URL)('a taken default MQTT port moves to a free one and says so', async () => {
    const blocker = net.createServer();
    const taken = await new Promise<number>((res) => blocker.listen(0, '0.0.0.0', () => res((blocker.address() as net.AddressInfo).port)));
    // MQTT_PORT is not set: the default moves. Simulate the default being taken by pointing the default at it.
    const r = run({ ...env, PORT: '0', JIEDAO_DEFAULT_MQTT_PORT: String(taken) });
    await waitFor(r, /embedded broker on mqtt:\/\/localhost:(\d+) \(port (\d+) was taken\)/);
    r.child.kill('SIGTERM');
    await r.exited;
    blocker.close();
  });

  it('an explicit port that is taken stops the start with one clear line', async () => {
    const blocker = net.createServer();
    const taken = await new Promise<number>((res) => blocker.listen(0, '0.0.0.0', () => res((blocker.address() as net.AddressInfo).port)));
    const r = run({ ...env, PORT: String(taken) });
    expect(await r.exited).toBe(1);
    expect(r.err.trim()).toBe(`jiedao: PORT=${taken} is already in use; choose another port or unset PORT to pick a free one`);
    blocker.close();
  });

  it('without demo data the first start needs ADMIN_PASSWORD, then creates the subdistrict and its administrator', async () => {
    const fresh = await dbEnv();
    const refused = run({ ...fresh, PORT: '0', DEMO: 'false' });
    expect(await refused.exited).toBe(1);
    expect(refused.err.trim()).toBe('jiedao: invalid setting ADMIN_PASSWORD: is required on the first start without demo data (DEMO=false), to create the first administrator');
    const r = run({ ...fresh, PORT: '0', DEMO: 'false', ADMIN_PASSWORD: 'a-long-secret-1', TENANT_NAME: '测试街道' });
    const m = await waitFor(r, /is running — (http:\/\/localhost:(\d+))/);
    const res = await fetch(`${m[1]}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'a-long-secret-1' }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { tenant: { name: string } }).tenant.name).toBe('测试街道');
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
  });

  it('a bad setting stops the start with one line naming it', async () => {
    const r = run({ ...env, PORT: 'eighty' });
    expect(await r.exited).toBe(1);
    expect(r.err.trim()).toBe('jiedao: invalid setting PORT: must be a whole number between 0 and 65535 (got "eighty")');
  });
});
