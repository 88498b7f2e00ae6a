// Care staff edit the subdistrict's visit rules in the browser: add a rule, put it first,
// are told on the row what is wrong when the server refuses it (and nothing is saved),
// then save and every elder on the register is replanned. A committee worker sees the
// rules read-only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../harness.js';
import { hasChromium, launch, loginPage, screenshot } from '../browser.js';

let tp: TestPlatform;
let browser: Browser;
let base: string;

const rulesInDb = async () => tp.platform.ctx.database.query<{ name: string; min_age: number; max_age: number | null; every: number; unit: string }>(`select name, min_age, max_age, every, unit from visit_rules where tenant_id = 'shimen2' order by position`);

async function confirmDialog(page: Page) {
  const ok = page.locator('.el-message-box__btns .el-button--primary');
  await ok.waitFor({ state: 'visible', timeout: 10_000 });
  await ok.click();
}

/** The input of a rule's field (Element Plus puts the attribute on the input or its wrapper). */
const field = (page: Page, row: number, name: string) => page.locator(`[data-test=rule-${row}]`).locator(`input[data-test=${name}], [data-test=${name}] input`).first();

async function setField(page: Page, row: number, name: string, value: string) {
  const input = field(page, row, name);
  await input.fill(value);
  await input.press('Tab');
}

describe.skipIf(!hasChromium)('visit rules in headless Chromium', () => {
  beforeAll(async () => {
    tp = await startTestPlatform();
    base = await tp.platform.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await tp?.close();
  });

  it('care staff add a rule, put it first, fix what the server refuses, and save: the register is replanned', { timeout: 120_000 }, async () => {
    const before = await rulesInDb();
    expect(before.length).toBe(5);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await loginPage(ctx, base, 'care');
    await page.goto(`${base}/people/committee`);
    await page.locator('#tab-rules').click();
    const editor = page.locator('[data-test=visit-rules-editor]');
    await expect.poll(() => editor.locator('.rule').count(), { timeout: 10_000 }).toBe(5);
    expect(await page.locator('[data-test=rules-save]').isDisabled()).toBe(true);

    // a new rule for centenarians, every three days, moved to the top
    await page.locator('[data-test=rule-add]').click();
    await setField(page, 5, 'rule-name', '百岁老人：每三天走访');
    await setField(page, 5, 'rule-name-en', 'Centenarians: every three days');
    await setField(page, 5, 'rule-min-age', '100');
    await setField(page, 5, 'rule-every', '3');
    await page.locator('[data-test=rule-5] [data-test=rule-unit]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: /^天$/ }).click();
    for (let i = 5; i > 0; i--) await page.locator(`[data-test=rule-${i}] [data-test=rule-up]`).click();
    expect(await field(page, 0, 'rule-name').inputValue()).toBe('百岁老人：每三天走访');
    // the demo's first rule, now second, is for those living alone; the new one for anyone
    expect(await page.locator('[data-test=rule-1] .el-select').first().textContent()).toContain('仅独居');
    expect(await page.locator('[data-test=rule-0] .el-select').first().textContent()).toContain('不限');

    // a maximum age below the minimum: the server refuses, the row says why, nothing is saved
    await setField(page, 0, 'rule-max-age', '90');
    await page.locator('[data-test=rules-save]').click();
    await confirmDialog(page);
    await expect.poll(() => page.locator('[data-test=rule-0] [data-test=rule-error]').textContent(), { timeout: 10_000 }).toContain('最大年龄 90 小于最小年龄 100');
    expect(await rulesInDb()).toEqual(before);

    // no upper age: saved, and every elder on the register replanned
    await setField(page, 0, 'rule-max-age', '');
    await page.locator('[data-test=rules-save]').click();
    await confirmDialog(page);
    const [{ n }] = (await tp.platform.ctx.database.query<{ n: number }>(`select count(*)::int as n from elderly where tenant_id = 'shimen2' and status = 'active'`)) as [{ n: number }];
    await expect.poll(() => page.locator('.el-message--success').first().textContent(), { timeout: 10_000 }).toContain(`已保存 6 条规则，${n} 位老人已重新排期`);
    const after = await rulesInDb();
    expect(after[0]).toEqual({ name: '百岁老人：每三天走访', min_age: 100, max_age: null, every: 3, unit: 'day' });
    expect(after.slice(1)).toEqual(before);
    await expect.poll(() => page.locator('[data-test=rule-0] [data-test=rule-error]').count()).toBe(0);
    await screenshot(page, 'people-visit-rules');
    await ctx.close();
  });

  it('a committee worker sees the rules but cannot change them', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await loginPage(ctx, base, 'committee');
    await page.goto(`${base}/people/committee`);
    await page.locator('#tab-rules').click();
    await expect.poll(() => page.locator('[data-test=visit-rules] li').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.locator('[data-test=visit-rules-editor]').count()).toBe(0);
    const committee = await tp.as('committee');
    expect((await committee.put('/api/v1/people/visit-rules', { rules: [{ name: 'x', nameEn: 'x', minAge: 60, maxAge: null, livesAlone: null, minCareLevel: null, every: 1, unit: 'week' }] })).statusCode).toBe(403);
    await ctx.close();
  });
});
