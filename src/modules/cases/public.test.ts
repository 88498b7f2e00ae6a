// The public face of the case engine (used by Open311): which cases the public sees and
// what of them, a member of the public's update, the channel and the caller's own record
// written in a case's transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import type { ApiKeyActor } from '../../core/auth/index.js';
import { HOT, JPEG, act, as, detail } from './testkit.js';
import { addPublicUpdate, createCase, getPublicCase, listPublicCases, listPublicUpdates, publicEvidenceContent, type NewCase } from './index.js';

let tp: TestPlatform;
let t = new Date('2030-05-14T10:00:00+08:00');
const later = (minutes: number) => (t = new Date(t.getTime() + minutes * 60_000));
const client: ApiKeyActor = { kind: 'apiKey', keyId: 999, tenantId: 'shimen2', name: '市民应用', grants: [] };
const photo = Buffer.from(JPEG, 'base64');

beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => t } });
});
afterAll(async () => tp?.close());

const make = (extra: Partial<NewCase> = {}) => createCase(tp.platform.ctx, client, { source: 'open311', channel: '市民应用', categoryCode: '06010', description: '路边有垃圾', location: HOT, ...extra }).then((r) => r.case);
const visible = (number: string) => getPublicCase(tp.platform.ctx, 'shimen2', number);

describe('creating through a channel', () => {
  it('records the channel and the reporter’s e-mail; the caller’s own record shares the transaction', async () => {
    const c = await make({ reporter: { name: '李明', email: 'li@example.com' } });
    const d = await detail(await as(tp, 'leader'), c.id);
    expect(d).toMatchObject({ source: 'open311', channel: '市民应用' });
    expect(d.reporters[0]).toMatchObject({ name: '李明', email: 'li@example.com' });

    const before = await tp.platform.ctx.database.query<{ n: string }>('select count(*) as n from cases');
    await expect(
      make({
        alsoWrite: async () => {
          throw new Error('the caller could not write its record');
        },
      }),
    ).rejects.toThrow('the caller could not write its record');
    const afterwards = await tp.platform.ctx.database.query<{ n: string }>('select count(*) as n from cases');
    expect(afterwards[0]!.n).toBe(before[0]!.n);
  });
});

describe('what the public sees', () => {
  it('a case once its verification is over; a turned-down report without its text; a duplicate with it; never a private category', async () => {
    const leader = await as(tp, 'leader');
    const fresh = await make({ description: '刚报的' });
    expect(await visible(fresh.number)).toBeUndefined();
    await act(await as(tp, 'acceptor'), fresh.id, { action: 'request_verify' });
    expect(await visible(fresh.number)).toBeUndefined(); // being verified

    const registered = await make({ description: '立案的' });
    later(5);
    await act(leader, registered.id, { action: 'register' });
    expect(await visible(registered.number)).toMatchObject({ status: 'open', description: '立案的', statusNote: '已立案', departmentName: null, updatedAt: t, category: { code: '06010', name: '暴露垃圾', nameEn: 'Exposed rubbish' } });

    const spam = await make({ description: '加微信领红包' });
    await act(leader, spam.id, { action: 'cancel', reason: '广告' });
    expect(await visible(spam.number)).toMatchObject({ status: 'closed', description: null, statusNote: '经核实，不予立案', expectedAt: null });

    const dup = await make({ description: '同一堆垃圾' });
    await act(leader, dup.id, { action: 'merge', masterId: registered.id });
    expect(await visible(dup.number)).toMatchObject({ status: 'closed', description: '同一堆垃圾' });

    const internal = await createCase(tp.platform.ctx, client, { source: 'open311', categoryCode: '90020', description: '设备离线', location: HOT });
    await act(leader, internal.case.id, { action: 'register' });
    expect(await visible(internal.case.number)).toBeUndefined();

    const list = await listPublicCases(tp.platform.ctx, 'shimen2', { from: new Date(t.getTime() - 3600_000), to: t, limit: 100 });
    expect(list.map((c) => c.number)).toEqual([dup.number, spam.number, registered.number]);
    expect((await listPublicCases(tp.platform.ctx, 'shimen2', { from: new Date(t.getTime() - 3600_000), to: t, status: ['open'], limit: 100 })).map((c) => c.number)).toEqual([registered.number]);
  });

  it('only the photos a reporter shared, and only once the case is public', async () => {
    const c = await createCase(tp.platform.ctx, client, { source: 'open311', categoryCode: '06010', description: '有照片', location: HOT, evidence: [{ kind: 'photo', content: photo, public: true }, { kind: 'photo', url: 'https://example.com/a.jpg', public: true }] });
    const [shared] = c.evidenceIds;
    expect(await publicEvidenceContent(tp.platform.ctx, 'shimen2', shared!)).toBeUndefined(); // not public yet
    const leader = await as(tp, 'leader');
    await act(leader, c.case.id, { action: 'register' });
    const up = await leader.post(`/api/v1/cases/${c.case.id}/evidence`, { evidence: [{ kind: 'photo', contentBase64: JPEG }] });
    const office = up.json().ids[0];
    expect((await publicEvidenceContent(tp.platform.ctx, 'shimen2', shared!))?.content.equals(photo)).toBe(true);
    expect(await publicEvidenceContent(tp.platform.ctx, 'shimen2', office)).toBeUndefined();
    expect(await publicEvidenceContent(tp.platform.ctx, 'other', shared!)).toBeUndefined();
    expect((await visible(c.case.number))!.media).toEqual([
      { evidenceId: shared, url: null, mediaType: 'image/jpeg' },
      { evidenceId: c.evidenceIds[1], url: 'https://example.com/a.jpg', mediaType: null },
    ]);
  });
});

describe("a member of the public's update", () => {
  it('is a public timeline entry that never moves the case, told to the desk, once per client reference, closed cases included', async () => {
    const leader = await as(tp, 'leader');
    later(60);
    const from = t;
    const c = await make({ description: '公众补充' });
    await act(leader, c.id, { action: 'register' });
    later(5);
    const u = await addPublicUpdate(tp.platform.ctx, client, c.id, { text: '还没有处理', status: 'OPEN', author: { name: '李明' }, clientRef: 'c-1', evidence: [{ kind: 'photo', content: photo }] });
    expect(u.created).toBe(true);
    expect(await addPublicUpdate(tp.platform.ctx, client, c.id, { text: '还没有处理', status: 'OPEN', clientRef: 'c-1' })).toEqual({ id: u.id, created: false });
    const d = await detail(leader, c.id);
    expect(d).toMatchObject({ state: 'registered', version: 2 });
    expect(d.timeline.at(-1)).toMatchObject({ id: u.id, action: 'public_update', role: 'public', from: 'registered', to: 'registered', publicNote: '还没有处理', detail: expect.objectContaining({ status: 'OPEN', clientRef: 'c-1' }) });
    expect(d.evidence.at(-1)).toMatchObject({ public: true, mediaType: 'image/jpeg' });
    // the status note stays the office's word
    expect((await visible(c.number))!.statusNote).toBe('已立案');
    const updates = await listPublicUpdates(tp.platform.ctx, 'shimen2', { from, to: t, limit: 100 });
    expect(updates.map((x) => [x.caseNumber, x.action, x.note])).toEqual([
      [c.number, 'register', '已立案'],
      [c.number, 'public_update', '还没有处理'],
    ]);
    expect(updates[1]!.media).toHaveLength(1);
    const events = await tp.platform.ctx.database.query<{ type: string }>(`select type from events where subject_type = 'case' and subject_id = $1 order by id`, [String(c.id)]);
    expect(events.map((e) => e.type).at(-1)).toBe('case.public_update');

    await act(leader, c.id, { action: 'force_close', closeType: 'special', reason: '已由物业处理' });
    const late = await addPublicUpdate(tp.platform.ctx, client, c.id, { text: '又出现了', status: 'REOPEN', clientRef: 'c-2' });
    expect(late.created).toBe(true);
    expect((await detail(leader, c.id)).state).toBe('closed');
    await expect(addPublicUpdate(tp.platform.ctx, client, c.id, { text: '  ' })).rejects.toMatchObject({ status: 400 });
  });
});
