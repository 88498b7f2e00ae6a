// The operations centre in headless Chromium against the real server and MQTT broker:
// a smoke detector publishes an alarm over MQTT, the pop-up appears on two wall screens,
// is acknowledged on one and disappears from the other; an unacknowledged one is back
// after a reload. The dispatcher filters the workbench, opens a case and dispatches it
// with the keyboard; a grid inspector never sees a dispatch button.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { MqttClient } from 'mqtt';
import { startTestPlatform, type TestPlatform } from '../harness.js';
import { hasChromium, launch, loginPage, screenshot, WALL } from '../browser.js';
import { connectDevice, nativeTopic, sensingConfig, unique, type Credentials } from '../../src/modules/sensing/testkit.js';

let tp: TestPlatform;
let browser: Browser;
let base: string;
const devices: { id: number; code: string; creds: Credentials; client: MqttClient }[] = [];

async function live(page: Page) {
  await expect.poll(() => page.locator('[data-test=stream-status]').getAttribute('data-status'), { timeout: 15_000 }).toBe('live');
}

async function alarm(i: number) {
  const d = devices[i]!;
  await d.client.publishAsync(nativeTopic(tp, d.code, 'alarm'), JSON.stringify({ type: 'smoke', id: unique('e2e-'), value: 0.3, ts: new Date().toISOString() }), { qos: 1 });
}

describe.skipIf(!hasChromium)('operations centre', () => {
  beforeAll(async () => {
    tp = await startTestPlatform({ mqtt: true, config: sensingConfig() });
    base = await tp.platform.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
    const admin = await tp.as('admin');
    const smokes = (admin.get('/api/v1/sensing/devices?kind=smoke').then((r) => r.json()) as Promise<{ id: number; code: string }[]>);
    for (const s of (await smokes).slice(0, 2)) {
      const creds = (await admin.post(`/api/v1/sensing/devices/${s.id}/credentials`)).json() as Credentials;
      devices.push({ id: s.id, code: s.code, creds, client: await connectDevice(tp, creds) });
    }
  });
  afterAll(async () => {
    for (const d of devices) await d.client.endAsync().catch(() => undefined);
    await browser?.close();
    await tp?.close();
  });

  it('an MQTT alarm pops up on every wall screen; acknowledged on one, it is gone on the other; unacknowledged ones survive a reload', async () => {
    const one = await loginPage(await browser.newContext(WALL), base, 'dispatcher');
    await one.goto(`${base}/ops/screen`);
    const two = await loginPage(await browser.newContext(WALL), base, 'leader');
    await two.goto(`${base}/ops/screen`);
    await live(one);
    await live(two);

    await alarm(0);
    for (const page of [one, two]) await expect.poll(() => page.locator('[data-test=alarm-popup]').allTextContents(), { timeout: 10_000 }).toEqual([expect.stringContaining('烟感报警')]);
    const id = await one.locator('[data-test=alarm-popup]').first().getAttribute('data-episode');

    await one.locator(`[data-test=alarm-popup][data-episode="${id}"] [data-test=alarm-ack]`).click();
    await expect.poll(() => one.locator('[data-test=alarm-popup]').count()).toBe(0);
    await expect.poll(() => two.locator('[data-test=alarm-popup]').count(), { timeout: 10_000 }).toBe(0);
    const ep = ((await (await tp.as('leader')).get('/api/v1/sensing/episodes?acked=true')).json() as { id: number; ackedBy: { name: string } }[]).find((e) => String(e.id) === id);
    expect(ep?.ackedBy.name).toBe('派遣员 李强');

    // a second alarm nobody acknowledges is still there after a reload
    await alarm(1);
    await expect.poll(() => two.locator('[data-test=alarm-popup]').count(), { timeout: 10_000 }).toBe(1);
    await two.reload();
    await expect.poll(() => two.locator('[data-test=alarm-popup]').count(), { timeout: 10_000 }).toBe(1);
    expect(await two.locator('[data-test=alarm-popup]').textContent()).toContain('烟感报警');

    // the panels are drawn: KPI tiles, charts, the hotspot heatmap, the map with cases
    await expect.poll(() => two.locator('[data-test=today-total]').textContent()).toMatch(/^\d+$/);
    await expect.poll(() => two.locator('[data-test=chart-hotspot] canvas').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => two.locator('[data-test=chart-source] canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => two.evaluate(() => performance.getEntriesByName('ops:map').length + performance.getEntriesByName('ops:kpi').length)).toBe(2);
    await two.waitForTimeout(800); // let the charts finish their entry animation for the picture
    await screenshot(two, 'ops-screen');

    // English switch on the wall screen
    await two.locator('[data-test=toggle-locale]').click();
    await expect.poll(() => two.locator('[data-test=ops-screen]').textContent()).toContain('Operations screen');
  });

  it('the large-text switch on the wall screen enlarges its text, charts and map labels, and stays on for this user after a reload', async () => {
    const page = await loginPage(await browser.newContext(WALL), base, 'leader');
    await page.goto(`${base}/ops/screen`);
    await expect.poll(() => page.locator('[data-test=today-total]').textContent(), { timeout: 10_000 }).toMatch(/^\d+$/);
    await expect.poll(() => page.locator('[data-test=chart-category] canvas').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(1200); // the charts' entry animation
    const size = (sel: string) => page.locator(sel).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    const parts = ['[data-test=screen-title]', '[data-test=today-total]', '[data-test=kpi-tiles] .l', '[data-test=overdue-list]', '.panel h3'];
    const before = await Promise.all(parts.map(size));
    const chartBefore = await page.locator('[data-test=chart-category]').screenshot();

    await page.locator('[data-test=toggle-large]').click();
    const after = await Promise.all(parts.map(size));
    after.forEach((a, i) => expect(a, parts[i]).toBeGreaterThanOrEqual(before[i]! * 1.25));
    // the charts are drawn again with larger text
    await page.waitForTimeout(1200);
    expect((await page.locator('[data-test=chart-category]').screenshot()).equals(chartBefore)).toBe(false);
    // map labels (a grid's name under the pointer)
    const box = (await page.locator('[data-test=map]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width / 2 + 3, box.y + box.height / 2 + 3);
    await expect.poll(() => page.locator('.leaflet-tooltip').count()).toBeGreaterThan(0);
    expect(await size('.leaflet-tooltip')).toBeGreaterThanOrEqual(15);
    await screenshot(page, 'ops-screen-large-text');

    // kept on this device for this user
    await page.reload();
    await expect.poll(() => page.locator('[data-test=today-total]').textContent(), { timeout: 10_000 }).toMatch(/^\d+$/);
    expect(await size('[data-test=screen-title]')).toBeGreaterThanOrEqual(before[0]! * 1.25);
    expect(await page.locator('[data-test=toggle-large]').getAttribute('aria-pressed')).toBe('true');
    await page.locator('[data-test=toggle-large]').click();
    expect(await size('[data-test=screen-title]')).toBe(before[0]);
  });

  it('the dispatcher filters the workbench, opens a case and dispatches it with the keyboard', async () => {
    const acceptor = await tp.as('acceptor');
    const created = await acceptor.post('/api/v1/cases', { source: 'hotline', categoryCode: '06010', description: '工作台键盘派遣测试：凤阳路人行道乱堆物', location: { lng: 121.4567, lat: 31.2331 } });
    expect(created.statusCode).toBe(201);
    const c = created.json().case as { id: number; number: string };
    expect((await (await tp.as('leader')).post(`/api/v1/cases/${c.id}/actions`, { action: 'register' })).statusCode).toBe(200);

    const page = await loginPage(await browser.newContext({ viewport: { width: 1600, height: 900 } }), base, 'dispatcher');
    await page.goto(`${base}/ops/cases`);
    await expect.poll(() => page.locator('[data-test=case-row]').count(), { timeout: 10_000 }).toBeGreaterThan(1);
    expect(await page.locator('[data-test=shortcuts]').textContent()).toContain('d 派遣');

    await page.keyboard.press('/');
    await page.keyboard.type(c.number);
    await expect.poll(() => page.locator('[data-test=case-row]').count()).toBe(1);
    await page.keyboard.press('Escape'); // leave the search box
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-test=case-detail]').getAttribute('data-id')).toBe(String(c.id));
    expect(await page.locator('[data-test=case-state]').textContent()).toBe('待派遣');
    // exactly the actions the server allows this dispatcher
    const allowed = (await (await tp.as('dispatcher')).get(`/api/v1/cases/${c.id}`)).json().allowedActions as string[];
    const shown = await page.locator('[data-test=case-actions] [data-test^=action-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-test')!.slice(7)));
    expect(shown).toEqual(allowed);
    expect(shown).toContain('dispatch');

    await page.keyboard.press('d');
    await expect.poll(() => page.locator('[data-test=nearest]').isVisible()).toBe(true);
    await screenshot(page, 'ops-workbench-dispatch');
    await page.waitForTimeout(300); // the dialog's focus lands on its confirm button
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-test=case-state]').textContent(), { timeout: 10_000 }).toBe('待接单');
    expect(await page.locator('[data-test=timeline]').textContent()).toContain('派遣');
    const after = (await (await tp.as('dispatcher')).get(`/api/v1/cases/${c.id}`)).json();
    expect(after.state).toBe('dispatched');
    expect(after.departmentName).toBeTruthy();
    expect(await page.locator('[data-test=case-department]').textContent()).toBe(after.departmentName);
    // the list row follows
    await expect.poll(() => page.locator(`[data-test=case-row][data-id="${c.id}"] [data-test=row-state]`).textContent()).toBe('待接单');
    await page.keyboard.press('Escape');
    await page.locator('[data-test=filter-q]').fill('');
    await expect.poll(() => page.locator('[data-test=case-row]').count()).toBeGreaterThan(1);
    await page.keyboard.press('Escape'); // out of the search box again
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-test=case-detail]').count()).toBe(1);
    await screenshot(page, 'ops-workbench');
  });

  it('a grid inspector sees the workbench without dispatch buttons and no wall screen', async () => {
    const acceptor = await tp.as('acceptor');
    const created = await acceptor.post('/api/v1/cases', { source: 'hotline', categoryCode: '06010', description: '网格员不可派遣', location: { lng: 121.4567, lat: 31.2331 } });
    const c = created.json().case as { id: number; number: string };
    expect((await (await tp.as('leader')).post(`/api/v1/cases/${c.id}/actions`, { action: 'register' })).statusCode).toBe(200);

    const page = await loginPage(await browser.newContext({ viewport: { width: 1600, height: 900 } }), base, 'inspector');
    await expect.poll(() => page.locator('[data-test="workspace-/ops/cases"]').count()).toBe(1);
    expect(await page.locator('[data-test="workspace-/ops/screen"]').count()).toBe(0);
    await page.goto(`${base}/ops/cases?id=${c.id}`);
    await expect.poll(() => page.locator('[data-test=case-detail]').getAttribute('data-state')).toBe('registered');
    expect(await page.locator('[data-test=action-dispatch]').count()).toBe(0);
    await page.keyboard.press('d');
    await page.waitForTimeout(300);
    expect(await page.locator('[data-test=action-form]').count()).toBe(0);
    await page.goto(`${base}/ops/screen`);
    await page.waitForURL((u) => !u.pathname.startsWith('/ops/screen'));
  });
});
