// The two-command start, as a newcomer runs it: a real process, real ports, real files.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freshDatabase, onPostgres, type TestDb } from './harness.js';
import { run, waitFor } from './process.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiedao-start-'));
const dbs: TestDb[] = [];
afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  for (const d of dbs) await d.drop();
});

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
