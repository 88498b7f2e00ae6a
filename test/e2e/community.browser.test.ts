// An owner votes on a phone-sized page and the committee member, watching the same
// consultation on the workbench, sees participation rise without reloading.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../harness.js';
import { hasChromium, launch, loginPage, screenshot, PHONE } from '../browser.js';

let tp: TestPlatform;
let browser: Browser;
let base: string;

describe.skipIf(!hasChromium)('community votes in headless Chromium', () => {
  beforeAll(async () => {
    tp = await startTestPlatform();
    base = await tp.platform.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await tp?.close();
  });

  it('an owner votes on a phone and the committee sees participation rise', async () => {
    const list = (await (await tp.as('committee')).get('/api/v1/community/consultations?status=open')).json() as { id: number; title: string; progress: { participating: { heads: number }; electorate: { heads: number } } }[];
    const c = list.find((x) => x.title.includes('新福康里1号楼加装电梯'))!;
    const before = c.progress.participating.heads;
    const total = c.progress.electorate.heads;

    // the committee member watches the consultation
    const desk = await loginPage(await browser.newContext({ viewport: { width: 1366, height: 900 } }), base, 'committee');
    await desk.goto(`${base}/community/consultations/${c.id}`);
    await expect.poll(() => desk.locator('[data-test=participating-heads]').first().textContent()).toContain(`${before} / ${total}`);
    await expect.poll(() => desk.locator('[data-test=live]').getAttribute('class')).toContain('success');

    // the owner, on a phone, in large text
    const phone = await loginPage(await browser.newContext(PHONE), base, 'owner');
    await phone.locator('[data-test=toggle-large]').click();
    await phone.goto(`${base}/my/votes`);
    const card = phone.locator(`[data-test=my-consultation-${c.id}]`);
    await expect.poll(() => card.locator('h3').textContent()).toContain('加装电梯');
    expect(await card.locator('[data-test=my-current]').textContent()).toContain('尚未投票');
    await card.locator('[data-test=vote-agree]').click();
    await card.locator('[data-test=confirm-vote]').click();
    await expect.poll(() => phone.locator('[data-test=my-notice]').textContent()).toContain('已投：同意');
    await expect.poll(() => card.locator('[data-test=my-current]').textContent()).toContain('同意');
    // the buttons are large enough to hit with a finger
    const box = await card.locator('[data-test=vote-disagree]').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(60);
    await screenshot(phone, 'community-owner-vote-phone');

    // the committee's screen moves by itself
    await expect.poll(() => desk.locator('[data-test=participating-heads]').first().textContent(), { timeout: 15_000 }).toContain(`${before + 1} / ${total}`);
    await screenshot(desk, 'community-consultation-live');

    // changing the vote does not count twice
    await card.locator('[data-test=vote-disagree]').click();
    await card.locator('[data-test=confirm-vote]').click();
    await expect.poll(() => card.locator('[data-test=my-current]').textContent()).toContain('反对');
    const after = (await (await tp.as('committee')).get(`/api/v1/community/consultations/${c.id}/progress`)).json();
    expect(after.progress.participating.heads).toBe(before + 1);
  });

  it('the public page of the 凯迪克 lift consultation shows the totals and nothing else', async () => {
    const list = (await (await tp.as('kdk')).get('/api/v1/community/consultations?status=closed')).json() as { id: number; title: string }[];
    const lift = list.find((x) => x.title.includes('电梯改造'))!;
    const code = (await (await tp.as('kdk')).get(`/api/v1/community/consultations/${lift.id}`)).json().publicCode;
    const page = await (await browser.newContext(PHONE)).newPage();
    await page.goto(`${base}/public/consultations/${code}`);
    await expect.poll(() => page.locator('[data-test=verdict]').textContent()).toContain('通过');
    const text = (await page.locator('[data-test=public-result]').textContent()) ?? '';
    expect(text).toContain('100.00%');
    expect(text).not.toMatch(/KDK-DT-\d+/);
    await screenshot(page, 'community-public-result');
  });

  it('the committee workbench lists consultations, plans, conventions and projects', async () => {
    const page = await loginPage(await browser.newContext({ viewport: { width: 1366, height: 900 } }), base, 'kdk');
    await page.goto(`${base}/community`);
    await expect.poll(() => page.locator('[data-test=consultations]').textContent()).toContain('凯迪克大厦电梯改造及出资方案征询');
    await page.getByRole('tab', { name: '出资方案' }).click();
    await expect.poll(() => page.locator('.el-table').first().textContent()).toContain('凯迪克大厦电梯改造出资方案');
    await page.locator('.el-table__row').first().click();
    await expect.poll(() => page.locator('[data-test=reconciles]').textContent()).toContain('分毫不差');
    await screenshot(page, 'community-plan');
  });
});
