// The district roll-up page (/district) in headless Chromium: a district viewer sees the
// indicators of every subdistrict of its district side by side (and no other district);
// a subdistrict's own staff cannot open it. Two more subdistricts are added to the demo
// database with a day of indicators and some open cases (addNeighbourSubdistricts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../harness.js';
import { hasChromium, launch, loginPage, screenshot } from '../browser.js';
import { addNeighbourSubdistricts } from '../../src/modules/cases/testkit.js';

let tp: TestPlatform;
let browser: Browser;
let base: string;
const q = () => tp.db.database;

describe.skipIf(!hasChromium)('district roll-up page in headless Chromium', () => {
  beforeAll(async () => {
    tp = await startTestPlatform();
    await addNeighbourSubdistricts(q());
    base = await tp.platform.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await tp?.close();
  });

  it('a district viewer opens the roll-up from its landing page and sees each subdistrict of its district', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await loginPage(ctx, base, 'district');
    await page.locator('[data-test="workspace-/district"]').click();
    await page.waitForURL(/\/district$/);
    const rows = page.locator('[data-test=district-table] .el-table__body tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    const cells = async (i: number) => (await rows.nth(i).locator('td').allTextContents()).map((t) => t.trim());
    const table = [await cells(0), await cells(1)];
    const texts = table.map((r) => r.join(' '));
    // due 10, handled 8 of them 6 on time (60.0%), closed on time 5 of 10 due (50.0%), no handling hours, open 7, overdue 2
    expect(table.find((r) => r[0] === '南京西路街道')).toEqual(['南京西路街道', '10', '8', '60.0%', '50.0%', '0.0', '7', '2']);
    expect(texts.some((t) => t.includes('石门二路街道'))).toBe(true);
    // a subdistrict of another district is not in the roll-up
    expect(texts.join('')).not.toContain('外滩街道');
    const [{ open }] = (await q().query<{ open: number }>(`select count(*)::int as open from cases where tenant_id in ('shimen2', 'nanjingxi') and state not in ('closed', 'cancelled')`)) as [{ open: number }];
    await expect.poll(() => page.locator('.total').textContent()).toContain(`在办 ${open}`);
    await expect.poll(() => page.locator('h2').textContent()).toContain('各街道案件指标');
    await screenshot(page, 'district-rollup');
    // in English too
    await page.locator('[data-test=toggle-locale]').click();
    await expect.poll(() => page.locator('[data-test=district-table]').textContent()).toContain('Nanjing Road West');
    await page.locator('[data-test=toggle-locale]').click();
  });

  it('a subdistrict user has no roll-up card, is sent home from /district, and the API refuses it', async () => {
    for (const username of ['admin', 'dispatcher']) {
      const ctx = await browser.newContext();
      const page = await loginPage(ctx, base, username);
      await expect.poll(() => page.locator('[data-test=welcome]').count()).toBe(1);
      expect(await page.locator('[data-test="workspace-/district"]').count()).toBe(0);
      await page.goto(`${base}/district`);
      await page.waitForURL((u) => u.pathname === '/');
      expect(await page.locator('[data-test=district-table]').count()).toBe(0);
      const status = await page.evaluate(async () => (await fetch('/api/v1/district/kpis')).status);
      expect(status, username).toBe(403);
      await ctx.close();
    }
  });
});
