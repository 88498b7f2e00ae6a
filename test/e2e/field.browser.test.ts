// Field staff on a phone (375 px) in headless Chromium against the real server:
//  • the full chain — an MQTT smoke alarm becomes a case, the dispatcher dispatches it, the
//    handler accepts and finishes it with a photo on the phone, the grid inspector checks
//    it on the phone, the shift leader closes it; the phone shows it closed with its history;
//  • a patrol report by the inspector (category, photo, GPS, description) becomes a case;
//  • the offline queue: a finish made with no network survives a reload with the network
//    still down and is sent once when it returns — even when the first answer is lost;
//  • the task list is live: a case dispatched to me appears, my department's untaken case
//    is offered to me and leaves when a colleague accepts it, with no reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../harness.js';
import { hasChromium, launch, loginPage, PHONE, screenshot } from '../browser.js';
import { sensingConfig } from '../../src/modules/sensing/testkit.js';
import { HOT } from '../../src/modules/cases/testkit.js';
import { wgs84ToGcj02 } from '../../src/core/geo/coords.js';
import { caseOfScene, departmentId, dispatchToHandler, photoCount, smokeAlarm, timelineActions, userId } from '../fieldChain.js';

let tp: TestPlatform;
let browser: Browser;
let base: string;
const contexts: BrowserContext[] = [];

async function phone(username: string, extra: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const ctx = await browser.newContext({ ...PHONE, viewport: { width: 375, height: 812 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...extra });
  contexts.push(ctx);
  return loginPage(ctx, base, username);
}

/** A real JPEG, as a phone camera would hand it over (a screenshot of a coloured page). */
async function cameraPhoto(): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const p = await ctx.newPage();
  await p.setContent('<body style="margin:0;background:linear-gradient(135deg,#7a9,#cb6 50%,#369)"><h1 style="font:120px sans-serif;color:#fff;padding:200px">现场</h1></body>');
  const buffer = await p.screenshot({ type: 'jpeg', quality: 92 });
  await ctx.close();
  return { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer };
}

describe.skipIf(!hasChromium)('field staff on a phone', () => {
  beforeAll(async () => {
    tp = await startTestPlatform({ mqtt: true, config: sensingConfig() });
    base = await tp.platform.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await tp?.close();
  });

  it('alarm → case → dispatch → the handler accepts and finishes with a photo → the inspector checks → closed, with its history', async () => {
    const fired = await smokeAlarm(tp);
    const caseId = await caseOfScene(tp, fired);
    const dispatcher = await tp.as('dispatcher');
    const c = await dispatchToHandler(tp, dispatcher, caseId);
    const photo = await cameraPhoto();

    // the handler's phone: the task, at the top (urgent: minutes left on the clock)
    const h = await phone('handler');
    await h.goto(`${base}/field`);
    const task = h.locator(`[data-test=task-${caseId}]`);
    await expect.poll(() => task.count(), { timeout: 15_000 }).toBe(1);
    expect(await task.textContent()).toContain(c.categoryName);
    expect(await task.locator('[data-test=time-left]').textContent()).toMatch(/剩余 .*分钟|已超时/);
    // sorted by deadline (as the server counts time left); overdue ones stand out
    const due = ((await (await tp.as('handler')).get('/api/v1/field/deadlines')).json().items as { id: number; dueAt: string; leftMs: number }[]).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.id - b.id);
    const shown = await h.locator('a[data-test^=task-]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-test')!.slice(5))));
    expect(shown.slice(0, due.length)).toEqual(due.map((d) => d.id));
    const late = due.filter((d) => d.leftMs < 0).map((d) => d.id);
    const marked = await h.locator('a[data-test^=task-].overdue').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-test')!.slice(5))));
    expect(marked.sort()).toEqual(late.sort());
    await expect.poll(() => h.locator('[data-test=offline-ready]').count(), { timeout: 15_000 }).toBe(1);
    await screenshot(h, 'field-tasks');

    await task.click();
    await h.locator('[data-test=act-accept]').click();
    await expect.poll(async () => (await dispatcher.get(`/api/v1/cases/${caseId}`)).json().state, { timeout: 15_000 }).toBe('accepted');
    // the map apps get GCJ-02 (Amap) / BD-09 (Baidu) coordinates, not the raw GPS ones
    const amap = (await h.locator('[data-test=map-amap]').getAttribute('href'))!;
    const [gl, ga] = wgs84ToGcj02(fired.location!.lng, fired.location!.lat);
    expect(new URL(amap).searchParams.get('position')).toBe(`${gl.toFixed(6)},${ga.toFixed(6)}`);
    expect(await h.locator('[data-test=map-baidu]').getAttribute('href')).toContain('coord_type=bd09ll');
    await h.locator('[data-test=act-handle]').click();
    await h.locator('textarea[data-test=note]').fill('已到场排查：厨房油烟引起，已提醒住户开窗，烟感复位');
    await h.locator('[data-test=photo-input]').setInputFiles(photo);
    await expect.poll(() => h.locator('[data-test=photo-thumb]').count(), { timeout: 15_000 }).toBe(1);
    await screenshot(h, 'field-finish');
    await h.locator('[data-test=submit]').click();
    await expect.poll(async () => (await dispatcher.get(`/api/v1/cases/${caseId}`)).json().state, { timeout: 15_000 }).toBe('handled');
    await expect.poll(() => h.locator('[data-test=queue-count]').textContent()).toBe('0');
    // the photo was made smaller on the phone and stored once
    const ev = (await dispatcher.get(`/api/v1/cases/${caseId}`)).json().evidence.filter((e: { kind: string }) => e.kind === 'photo');
    expect(ev).toHaveLength(1);
    expect(ev[0].mediaType).toBe('image/jpeg');
    expect(ev[0].size).toBeLessThan(photo.buffer.length);

    // the inspector's phone: the check task, pass with a photo
    const i = await phone('inspector');
    await i.goto(`${base}/field`);
    await expect.poll(() => i.locator(`[data-test=task-${caseId}]`).count(), { timeout: 15_000 }).toBe(1);
    expect(await i.locator(`[data-test=task-${caseId}]`).textContent()).toContain('待核查');
    await i.locator(`[data-test=task-${caseId}]`).click();
    await i.locator('[data-test=act-check]').click();
    await i.locator('[data-test=choice-yes]').click();
    await i.locator('textarea[data-test=note]').fill('复查：烟感正常，无火情');
    await i.locator('[data-test=photo-input]').setInputFiles(photo);
    await expect.poll(() => i.locator('[data-test=photo-thumb]').count(), { timeout: 15_000 }).toBe(1);
    await i.locator('[data-test=submit]').click();
    await expect.poll(async () => (await dispatcher.get(`/api/v1/cases/${caseId}`)).json().state, { timeout: 15_000 }).toBe('checked');

    // the shift leader closes it (the workbench is another page; here through the API)
    const leader = await tp.as('leader');
    expect((await leader.post(`/api/v1/cases/${caseId}/actions`, { action: 'close' })).statusCode).toBe(200);

    // closed, with its full history — through the API and on the phone
    const actions = await timelineActions(dispatcher, caseId);
    expect(actions[0]).toBe('report');
    const tail = ['dispatch', 'accept', 'add_evidence', 'handle', 'add_evidence', 'check', 'close'];
    expect(actions.slice(-tail.length)).toEqual(tail);
    expect(await photoCount(tp, caseId)).toBe(2);
    await i.reload();
    await expect.poll(() => i.locator('[data-test=case-state]').textContent(), { timeout: 15_000 }).toBe('已结案');
    expect(await i.locator('[data-test=timeline] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).toEqual(actions);
    const history = await i.locator('[data-test=timeline]').textContent();
    expect(history).toContain('厨房油烟引起');
    expect(history).toContain('城管队员 顾磊');
    expect(history).toContain('网格员 沈佳');
    // and the task has left both lists
    await i.goto(`${base}/field`);
    await expect.poll(() => i.locator('[data-test=field-tasks]').count()).toBe(1);
    await expect.poll(() => i.locator(`[data-test=task-${caseId}]`).count()).toBe(0);
  });

  it('a patrol report: category, photo, GPS and description become a case from the inspector', async () => {
    const p = await phone('inspector', { geolocation: { longitude: HOT.lng, latitude: HOT.lat, accuracy: 10 }, permissions: ['geolocation'] });
    await p.goto(`${base}/field`);
    await p.locator('[data-test=to-report]').click();
    await p.waitForURL(/\/field\/report$/);
    await p.locator('[data-test=category]').click();
    await p.keyboard.type('暴露垃圾');
    await p.locator('.el-select-dropdown__item:visible').filter({ hasText: '暴露垃圾' }).first().click();
    await p.locator('[data-test=photo-input]').setInputFiles(await cameraPhoto());
    await expect.poll(() => p.locator('[data-test=photo-thumb]').count(), { timeout: 15_000 }).toBe(1);
    await p.locator('[data-test=use-gps]').click();
    await expect.poll(() => p.locator('[data-test=position]').textContent()).toContain(HOT.lng.toFixed(5));
    // without a description: named, nothing sent
    await p.locator('[data-test=submit-report]').click();
    expect(await p.locator('[data-test=report-error]').textContent()).toContain('描述');
    await p.locator('textarea[data-test=description]').fill('凤阳路 288 弄口人行道上堆了三袋生活垃圾');
    await p.evaluate(() => window.scrollTo(0, 0));
    await screenshot(p, 'field-patrol');
    await p.locator('[data-test=submit-report]').click();
    await expect.poll(() => p.locator('[data-test=report-notice]').textContent(), { timeout: 15_000 }).toMatch(/已上报，案件编号 \d{12}/);
    const number = (await p.locator('[data-test=report-notice]').textContent())!.match(/\d{12}/)![0];
    const leader = await tp.as('leader');
    const found = (await leader.get(`/api/v1/cases?q=${number}`)).json().items;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ source: 'inspector', channel: 'jiedao-field', categoryName: '暴露垃圾', description: '凤阳路 288 弄口人行道上堆了三袋生活垃圾' });
    expect(Math.abs(found[0].lng - HOT.lng)).toBeLessThan(1e-6);
    expect(await photoCount(tp, found[0].id)).toBe(1);
  });

  it('offline: a finish with a photo survives a reload without network and is sent exactly once when it returns, even if the first answer is lost', async () => {
    const leader = await tp.as('leader');
    const created = (await leader.post('/api/v1/cases', { source: 'hotline', categoryCode: '06036', description: '沿街店铺门口堆放纸箱', location: HOT, register: true })).json().case;
    await dispatchToHandler(tp, await tp.as('dispatcher'), created.id);
    const handler = await tp.as('handler');
    expect((await handler.post(`/api/v1/cases/${created.id}/actions`, { action: 'accept' })).statusCode).toBe(200);

    const h = await phone('handler');
    const ctx = h.context();
    await h.goto(`${base}/field`);
    await expect.poll(() => h.locator('[data-test=offline-ready]').count(), { timeout: 15_000 }).toBe(1);
    await h.locator(`[data-test=task-${created.id}]`).click();
    await h.locator('[data-test=act-handle]').click();

    await ctx.setOffline(true);
    await h.locator('textarea[data-test=note]').fill('纸箱已清走，门口已清扫');
    await h.locator('[data-test=photo-input]').setInputFiles(await cameraPhoto());
    await expect.poll(() => h.locator('[data-test=photo-thumb]').count(), { timeout: 15_000 }).toBe(1);
    await h.locator('[data-test=submit]').click();
    await expect.poll(() => h.locator('[data-test=case-notice]').textContent()).toContain('联网后自动发送');
    await expect.poll(() => h.locator('[data-test=queue-count]').textContent()).toBe('2');

    // reload with the network still down: the page opens from the phone, the queue is there
    await h.reload();
    await expect.poll(() => h.locator('[data-test=queue-count]').textContent(), { timeout: 15_000 }).toBe('2');
    expect(await h.locator('[data-test=queue-status]').textContent()).toContain('无网络');
    expect(await h.locator('[data-test=case-pending]').textContent()).toContain('2');
    expect(await photoCount(tp, created.id)).toBe(0);
    expect((await handler.get(`/api/v1/cases/${created.id}`)).json().state).toBe('accepted');

    // the network returns, but the answer to the photo upload is lost on the way back:
    // the phone retries with the same key and the server answers without storing it again
    let lost = 0;
    await h.route('**/api/v1/cases/*/evidence', async (route) => {
      if (lost++ > 0) return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await ctx.setOffline(false);
    await expect.poll(async () => (await handler.get(`/api/v1/cases/${created.id}`)).json().state, { timeout: 30_000 }).toBe('handled');
    expect(lost).toBeGreaterThanOrEqual(2);
    await expect.poll(() => h.locator('[data-test=queue-count]').textContent(), { timeout: 15_000 }).toBe('0');
    expect(await photoCount(tp, created.id)).toBe(1);
    const actions = await timelineActions(handler, created.id);
    expect(actions.filter((a) => a === 'handle')).toHaveLength(1);
    expect(actions.filter((a) => a === 'add_evidence')).toHaveLength(1);
  });

  it('live task list: a case dispatched to me appears, an untaken department case is offered and leaves when a colleague accepts it', async () => {
    const h = await phone('handler');
    await h.goto(`${base}/field`);
    await expect.poll(() => h.locator('[data-test=field-tasks]').getAttribute('data-stream'), { timeout: 15_000 }).toBe('live');
    const leader = await tp.as('leader');
    const dispatcher = await tp.as('dispatcher');
    const open = async (description: string) => (await leader.post('/api/v1/cases', { source: 'hotline', categoryCode: '06036', description, location: HOT, register: true })).json().case as { id: number };

    // dispatched to me by name: on my list without a reload
    const mine = await open('实时任务：派给我的案件');
    await dispatchToHandler(tp, dispatcher, mine.id);
    await expect.poll(() => h.locator(`[data-test=task-${mine.id}]`).count(), { timeout: 10_000 }).toBe(1);

    // nobody of 城管 on duty: dispatched to the department, nobody named, so any member may take it
    const admin = await tp.as('admin');
    const cg = await departmentId(tp, 'CG');
    const members = new Set((await tp.platform.ctx.database.query<{ id: number }>('select id from users where department_id = $1', [cg])).map((r) => r.id));
    for (const s of (await admin.get('/api/v1/staff/shifts')).json() as { id: number; userId: number }[]) if (members.has(s.userId)) expect((await admin.delete(`/api/v1/staff/shifts/${s.id}`)).statusCode).toBe(204);
    const untaken = await open('实时任务：派到部门、尚无人接单');
    const sent = await dispatcher.post(`/api/v1/cases/${untaken.id}/actions`, { action: 'dispatch', departmentId: cg });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ state: 'dispatched', assigneeId: null });
    const offered = h.locator(`[data-test=dept-task-${untaken.id}]`);
    await expect.poll(() => offered.count(), { timeout: 10_000 }).toBe(1);
    expect(await h.locator('[data-test=dept-open]').textContent()).toContain('本部门待接单');
    // offered exactly when the server lets me accept it
    expect((await (await tp.as('handler')).get(`/api/v1/cases/${untaken.id}`)).json().allowedActions).toContain('accept');
    await h.locator('[data-test=dept-open]').scrollIntoViewIfNeeded();
    await screenshot(h, 'field-tasks-live');

    // a colleague takes it: gone from my phone, and not on my own list either
    const colleague = await tp.as('cg02');
    expect((await colleague.post(`/api/v1/cases/${untaken.id}/actions`, { action: 'accept' })).statusCode).toBe(200);
    await expect.poll(() => offered.count(), { timeout: 10_000 }).toBe(0);
    expect(await h.locator(`[data-test=task-${untaken.id}]`).count()).toBe(0);
    expect(await h.locator(`[data-test=task-${mine.id}]`).count()).toBe(1);
    expect((await colleague.get(`/api/v1/cases/${untaken.id}`)).json().assigneeId).toBe(await userId(tp, 'cg02'));
  });
});
