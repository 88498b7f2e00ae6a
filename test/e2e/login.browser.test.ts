import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../harness.js';
import { hasChromium, launch, loginPage, screenshot, PHONE } from '../browser.js';

let tp: TestPlatform;
let browser: Browser;
let base: string;

describe.skipIf(!hasChromium)('web shell in headless Chromium', () => {
  beforeAll(async () => {
    tp = await startTestPlatform();
    base = await tp.platform.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await tp?.close();
  });

  it('an unauthenticated visit goes to the log-in page, in Chinese', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/places`);
    await page.waitForURL(/\/login\?next=(%2F|\/)places/);
    await expect.poll(() => page.locator('h1').textContent()).toBe('登录');
    await screenshot(page, 'login');
  });

  it('a wrong password shows the server message', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/login`);
    await page.locator('input[data-test=username]').fill('admin');
    await page.locator('input[data-test=password]').fill('wrong-password');
    await page.locator('[data-test=submit]').click();
    await expect.poll(() => page.locator('[data-test=login-error]').textContent()).toContain('用户名或密码错误');
  });

  it('a dispatcher logs in, lands on a page for their role, switches to English and back', async () => {
    const ctx = await browser.newContext();
    const page = await loginPage(ctx, base, 'dispatcher');
    await expect.poll(() => page.locator('[data-test=welcome]').textContent()).toContain('派遣员 李强');
    expect(await page.locator('[data-test=roles]').textContent()).toBe('派遣员');
    await expect.poll(() => page.locator('[data-test="workspace-/places"]').count()).toBe(1);
    await page.locator('[data-test=toggle-locale]').click();
    await expect.poll(() => page.locator('[data-test=roles]').textContent()).toBe('Dispatcher');
    await page.locator('[data-test=toggle-locale]').click();
    await screenshot(page, 'home-dispatcher');
    // the session cookie is not readable by page scripts
    const visible = await page.evaluate(() => document.cookie);
    expect(visible).not.toContain('jd_session');
  });

  it('the map page draws the subdistrict from its own GeoJSON and finds the grid of a clicked point', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await loginPage(ctx, base, 'admin');
    await page.goto(`${base}/places`);
    await expect.poll(() => page.locator('.leaflet-overlay-pane canvas').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    await page.locator('[data-test=map]').click({ position: { x: 640, y: 400 } });
    await expect.poll(() => page.locator('[data-test=lookup-result]').textContent()).toMatch(/SM2-G\d\d|不在/);
    await screenshot(page, 'places-map');
  });

  it('an administrator sees the accounts and the warning about next year\'s calendar', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await loginPage(ctx, base, 'admin');
    await page.goto(`${base}/admin`);
    await expect.poll(() => page.locator('[data-test=users-table]').textContent()).toContain('dispatcher');
    await page.locator('#tab-calendar').click();
    const year = new Date().getFullYear() + 1;
    await expect.poll(() => page.locator('[data-test=calendar-warning]').textContent()).toContain(String(year));
    await screenshot(page, 'admin-calendar');
  });

  it('a resident on a phone sees the large-text switch and logs out', async () => {
    const ctx = await browser.newContext(PHONE);
    const page = await loginPage(ctx, base, 'owner');
    await page.locator('[data-test=toggle-large]').click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('large-text'))).toBe(true);
    await page.locator('[data-test=logout]').click();
    await page.waitForURL(/\/login/);
  });
});
