// An administrator gives a civic app its Open311 key in the browser (the grant is on the
// list by itself), and the app reports over real HTTP with it: multipart with a photo, as
// FixMyStreet posts, answered in XML with a token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../harness.js';
import { hasChromium, launch, loginPage, screenshot } from '../browser.js';
import { JPEG, SPOT } from '../../src/modules/open311/testkit.js';

let tp: TestPlatform;
let browser: Browser;
let base: string;

describe.skipIf(!hasChromium)('an Open311 client key from the admin pages', () => {
  beforeAll(async () => {
    tp = await startTestPlatform();
    base = await tp.platform.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await tp?.close();
  });

  it('is created with the open311.report grant and a rate limit, then used to report', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await loginPage(ctx, base, 'admin');
    await page.goto(`${base}/admin`);
    await page.locator('#tab-keys').click();
    // Element Plus puts a field's attributes on its <input> or on its wrapper
    const field = (name: string) => page.locator(`input[data-test=${name}], [data-test=${name}] input`).first();
    await field('key-name').fill('FixMyStreet 上海');
    await page.locator('[data-test=key-grants]').click();
    await page.locator('.el-select-dropdown__item', { hasText: 'open311.report' }).click();
    await page.keyboard.press('Escape');
    await field('key-rate').fill('30');
    await page.locator('[data-test=new-key-button]').click();
    const key = (await page.locator('[data-test=new-key]').textContent({ timeout: 10_000 }))!.trim();
    expect(key).toMatch(/^jdk_/);
    await expect.poll(() => page.locator('[data-test=keys-table]').textContent()).toContain('FixMyStreet 上海');
    expect(await page.locator('[data-test=keys-table]').textContent()).toContain('30');
    await screenshot(page, 'admin-open311-key');

    const form = new FormData();
    for (const [k, v] of Object.entries({ jurisdiction_id: 'shimen2', api_key: key, service_code: '06010', lat: String(SPOT.lat), long: String(SPOT.lng), description: '从 FixMyStreet 提交的反映' })) form.append(k, v);
    form.append('photo1', new Blob([new Uint8Array(JPEG)], { type: 'image/jpeg' }), 'photo1.jpeg');
    const res = await fetch(`${base}/open311/v2/requests.xml`, { method: 'POST', body: form });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(text).toMatch(/<token>[A-Za-z0-9_-]{22}<\/token>/);
  });
});
