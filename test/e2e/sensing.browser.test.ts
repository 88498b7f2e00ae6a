// The sensors page in headless Chromium: an operator sees a scene fired by a smoke alarm,
// the alarm itself, the zone counts and the devices; an admin also sees the dead letters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../harness.js';
import { hasChromium, launch, loginPage, screenshot } from '../browser.js';
import { signBody } from '../../src/modules/sensing/index.js';

let tp: TestPlatform;
let browser: Browser;
let base: string;

describe.skipIf(!hasChromium)('sensors page', () => {
  beforeAll(async () => {
    tp = await startTestPlatform();
    base = await tp.platform.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
    const admin = await tp.as('admin');
    const smoke = ((await admin.get('/api/v1/sensing/devices?kind=smoke')).json() as { id: number; code: string }[])[0]!;
    const creds = (await admin.post(`/api/v1/sensing/devices/${smoke.id}/credentials`)).json();
    const body = JSON.stringify({ id: 'e2e-smoke-1', type: 'smoke', value: 0.12, ts: new Date().toISOString() });
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await tp.request({ method: 'POST', url: '/api/v1/ingest/alarms', headers: { 'content-type': 'application/json', 'x-jiedao-device': creds.httpDeviceKey, 'x-jiedao-timestamp': ts, 'x-jiedao-signature': signBody(creds.httpSecret, ts, body) }, payload: body });
    expect(res.statusCode).toBe(200);
    // and one the platform refuses
    await tp.request({ method: 'POST', url: '/api/v1/ingest/alarms', headers: { 'content-type': 'application/json', 'x-jiedao-device': creds.httpDeviceKey, 'x-jiedao-timestamp': ts, 'x-jiedao-signature': 'f'.repeat(64) }, payload: body });
  });
  afterAll(async () => {
    await browser?.close();
    await tp?.close();
  });

  it('a dispatcher sees the smoke scene firing, the alarm, zone counts and the devices', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await loginPage(ctx, base, 'dispatcher');
    await expect.poll(() => page.locator('[data-test="workspace-/sensing"]').count()).toBe(1);
    await page.goto(`${base}/sensing`);
    await expect.poll(() => page.locator('[data-test=episode]').allTextContents(), { timeout: 10_000 }).toEqual(expect.arrayContaining([expect.stringContaining('烟感报警')]));
    expect(await page.locator('[data-test=episode]').first().textContent()).toContain('紧急');
    await expect.poll(() => page.locator('[data-test=alarms]').textContent()).toContain('smoke');
    expect(await page.locator('[data-test=zones]').textContent()).toContain('凤阳路北侧人行道');
    await screenshot(page, 'sensing-live');
    await page.getByRole('tab', { name: '设备' }).click();
    await expect.poll(() => page.locator('[data-test=devices]').textContent()).toContain('WM-XFKL-0001');
    expect(await page.getByRole('tab', { name: '死信' }).count()).toBe(0);
  });

  it('an admin also sees the scene rules and the dead letters with their reason', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await loginPage(ctx, base, 'admin');
    await page.goto(`${base}/sensing`);
    await page.getByRole('tab', { name: '场景规则' }).click();
    await expect.poll(() => page.locator('[data-test=scenes]').textContent()).toContain('凤阳路/奉贤路非机动车乱停放');
    expect(await page.locator('[data-test=scenes]').textContent()).toContain('工作日 07:30–09:30');
    await page.getByRole('tab', { name: '死信' }).click();
    await expect.poll(() => page.locator('[data-test=dead-letters]').textContent()).toContain('bad_signature');
  });
});
