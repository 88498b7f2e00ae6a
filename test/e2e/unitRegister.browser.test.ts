// The unit and owner register import page in headless Chromium: a residents' committee
// member uploads the housing office's CSV as Excel saves it (GB18030), sees each problem
// named by row and column, fixes the file, previews the changes and imports them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import iconv from 'iconv-lite';
import { startTestPlatform, type TestPlatform } from '../harness.js';
import { hasChromium, launch, loginPage, screenshot } from '../browser.js';

let tp: TestPlatform;
let browser: Browser;
let base: string;
let building: string;

describe.skipIf(!hasChromium)('unit register import page in headless Chromium', () => {
  beforeAll(async () => {
    tp = await startTestPlatform();
    // a building of 新福康里, the committee account's residential area
    const [b] = await tp.db.database.query<{ code: string }>(`select b.code from buildings b join residential_areas a on a.id = b.area_id where a.code = 'XFKL' order by b.code limit 1`);
    building = b!.code;
    base = await tp.platform.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await tp?.close();
  });

  it('a committee member previews a GB18030 file, sees the bad rows, then imports the corrected file', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await loginPage(ctx, base, 'committee');
    await page.locator('[data-test="workspace-/places/unit-register"]').click();
    await page.waitForURL(/\/places\/unit-register$/);

    const gb = (lines: string[]) => iconv.encode(lines.join('\r\n'), 'gb18030');
    const header = '楼宇编码,房号,专有面积（m²）,业主,份额';
    await page.locator('[data-test=register-file]').setInputFiles({ name: '房屋名册.csv', mimeType: 'application/vnd.ms-excel', buffer: gb([header, `${building},9801,88.5,沈洁、沈明,50、40`, `B-KDK,9802,70,王磊,`]) });
    const issues = page.locator('[data-test=register-issues] .el-table__body tr');
    await expect.poll(() => issues.count(), { timeout: 15_000 }).toBe(2);
    const problems = await issues.allTextContents();
    expect(problems[0]).toContain('第 2 行「份额」：共有份额合计 90.00%，应为 100%');
    expect(problems[1]).toContain('第 3 行「楼宇编码」：楼宇 B-KDK 不在您的管辖范围内');
    expect(await page.locator('[data-test=register-commit]').count()).toBe(0);
    expect(await page.locator('[data-test=register-summary]').textContent()).toBe('共 2 行（编码 gb18030）');
    await screenshot(page, 'unit-register-problems');

    await page.locator('[data-test=register-file]').setInputFiles({ name: '房屋名册.csv', mimeType: 'text/csv', buffer: gb([header, `${building},9801,88.5,沈洁、沈明,60、40`]) });
    await expect.poll(() => page.locator('[data-test=register-summary]').textContent(), { timeout: 15_000 }).toContain('新增 1 户');
    expect(await page.locator('[data-test=register-summary]').textContent()).toContain('gb18030');
    expect(await page.locator('[data-test=register-changes]').textContent()).toContain('沈洁 60%、沈明 40%');
    await page.locator('[data-test=register-commit]').click();
    await expect.poll(() => page.locator('[data-test=register-done]').textContent()).toContain('新增 1 户');
    const [unit] = await tp.db.database.query<{ area: string; owners: string }>(
      `select u.area::text as area, string_agg(o.name || ' ' || uo.share::text, '、' order by uo.share desc) as owners from units u join buildings b on b.id = u.building_id join unit_owners uo on uo.unit_id = u.id join owners o on o.id = uo.owner_id where b.code = $1 and u.code = '9801' group by u.area`,
      [building],
    );
    expect(unit).toEqual({ area: '88.50', owners: '沈洁 60.00、沈明 40.00' });
  });
});
