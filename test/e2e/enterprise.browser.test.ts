import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../harness.js';
import { hasChromium, launch, loginPage, screenshot, PHONE } from '../browser.js';

let tp: TestPlatform;
let browser: Browser;
let base: string;

describe.skipIf(!hasChromium)('enterprise service centre in headless Chromium', () => {
  beforeAll(async () => {
    tp = await startTestPlatform();
    base = await tp.platform.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await tp?.close();
  });

  it('an enterprise submits a request on a phone, the agent runs its steps, the enterprise sees it done and rates it', async () => {
    // the enterprise, on a phone
    const phone = await loginPage(await browser.newContext(PHONE), base, 'ent');
    await phone.locator('[data-test="workspace-/enterprise/self"]').click();
    await phone.waitForURL(/\/enterprise\/self/);
    await expect.poll(() => phone.locator('.who strong').textContent()).toBe('上海锦创网络科技有限公司');
    await phone.locator('[data-test=compose]').click();
    await phone.locator('[data-test=item-picker] input').click();
    await phone.locator('[data-test=item-picker] input').fill('设立登记');
    await phone.locator('.el-cascader__suggestion-item', { hasText: '设立登记（营业执照办理）' }).click();
    // the materials to bring are told in full before submitting
    await expect.poll(() => phone.locator('[data-test=materials] li').count()).toBe(6);
    await phone.locator('textarea[data-test=description]').fill('新设一家子公司，需要营业执照');
    await screenshot(phone, 'enterprise-self-submit');
    await phone.locator('[data-test=submit-request]').click();
    const card = phone.locator('[data-test^="my-QF"]').first();
    await expect.poll(() => card.locator('[data-test=status]').textContent()).toBe('待接收');
    const code = (await card.getAttribute('data-test'))!.slice(3);

    // the agent at the desk claims it and runs the errand
    const desk = await loginPage(await browser.newContext({ viewport: { width: 1366, height: 900 } }), base, 'agent');
    await desk.goto(`${base}/enterprise/desk`);
    await desk.locator('[data-test=view-none]').click();
    await desk.locator(`[data-test="row-${code}"]`).click();
    const panel = desk.locator(`[data-test="request-${code}"]`);
    await panel.locator('[data-test=claim]').click();
    await expect.poll(() => panel.locator('[data-test=owner]').textContent()).toBe('代办专员 吴涛');
    await expect.poll(() => panel.locator('[data-test=received-by]').textContent()).toBe('代办专员 吴涛');
    await panel.locator('[data-test=step-start-1]').click();
    await expect.poll(() => panel.locator('[data-test=step-1] [data-test=step-status]').textContent()).toBe('办理中');
    for (const seq of [1, 2, 3]) {
      await panel.locator(`[data-test=step-done-${seq}]`).click();
      await expect.poll(() => panel.locator(`[data-test=step-${seq}] [data-test=step-status]`).textContent()).toBe('已完成');
    }
    await panel.locator('[data-test=complete]').click();
    await desk.locator('textarea[data-test=dialog-note]').fill('营业执照已送达企业');
    await desk.locator('[data-test=dialog-confirm]').click();
    await expect.poll(() => panel.locator('[data-test=status]').first().textContent()).toBe('已办结');
    await screenshot(desk, 'enterprise-request');
    await desk.keyboard.press('Escape');
    await desk.locator('[data-test=view-open]').click();
    await expect.poll(() => desk.locator('[data-test^="row-QF"]').count()).toBeGreaterThan(0);
    await desk.waitForTimeout(500); // the drawer's closing transition
    await screenshot(desk, 'enterprise-desk');

    // the enterprise sees it done, step by step, and rates it
    await phone.reload();
    const done = phone.locator(`[data-test="my-${code}"]`);
    await expect.poll(() => done.locator('[data-test=status]').textContent()).toBe('已办结');
    await done.locator('.req-head').click();
    await expect.poll(() => done.locator('[data-test=my-step-3]').textContent()).toBe('已完成');
    await expect.poll(() => done.locator('[data-test=log-completed]').count()).toBe(1);
    await done.locator('[data-test=rate-stars] .el-rate__item').nth(3).click();
    await done.locator('textarea[data-test=rate-comment]').fill('一次告知、全程代办，很省心');
    await done.locator('[data-test=rate-submit]').click();
    await expect.poll(() => done.locator('[data-test=my-rating]').textContent()).toContain('4 ★');
    await expect.poll(() => done.locator('[data-test=rate-form]').count()).toBe(0);
    await screenshot(phone, 'enterprise-self-rated');

    const rows = await tp.platform.ctx.database.query<{ rating_score: number; rating_comment: string; status: string }>(`select rating_score, rating_comment, status from ent_requests where id = $1`, [Number(code.split('-')[1])]);
    expect(rows[0]).toMatchObject({ rating_score: 4, rating_comment: '一次告知、全程代办，很省心', status: 'completed' });
  });

  it("the leader's view shows the indicators and the buildings not yet visited", async () => {
    const page = await loginPage(await browser.newContext({ viewport: { width: 1440, height: 1000 } }), base, 'chief');
    await page.goto(`${base}/enterprise/leader`);
    await expect.poll(() => page.locator('[data-test=kpi-ontime] strong').textContent()).toMatch(/^\d+\.\d%$/);
    await expect.poll(() => page.locator('[data-test=kpi-coverage] strong').textContent()).toMatch(/^\d+\/31$/);
    await expect.poll(() => page.locator('canvas').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
    await page.waitForTimeout(1500); // let the charts finish their entry animation
    await screenshot(page, 'enterprise-leader');
  });
});
