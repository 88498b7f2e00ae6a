// Small renewal projects (三微 / 领跑一件事) and the committees that run them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { departments, residentialAreas } from '../places/index.js';

let tp: TestPlatform;
let dataDir: string;
let xfkl: number;
let jwXfkl: number;
let jwh: number;

// the smallest valid PNG (1×1)
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) {
  const boundary = '----jd' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`));
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jd-community-'));
  tp = await startTestPlatform({ config: { DATA_DIR: dataDir } });
  const db = tp.platform.ctx.db;
  xfkl = (await db.select({ id: residentialAreas.id }).from(residentialAreas).where(eq(residentialAreas.code, 'XFKL')))[0]!.id;
  jwXfkl = (await db.select({ id: departments.id }).from(departments).where(and(eq(departments.code, 'JW-XFKL'))))[0]!.id;
  jwh = (await db.select({ id: departments.id }).from(departments).where(eq(departments.code, 'JWH')))[0]!.id;
});
afterAll(async () => {
  await tp?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a 三微 garden project from proposal to done', () => {
  let id: number;

  it('is proposed by the residents’ committee with the street committee as partner', async () => {
    const com = await tp.as('committee');
    const res = await com.post('/api/v1/community/projects', { kind: 'sanwei', title: '新福康里口袋花园', areaId: xfkl, location: '小区中心斑驳空地', sizeM2: 80, budget: '12000', committeeIds: [jwXfkl, jwh] });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    const p = (await com.get(`/api/v1/community/projects/${id}`)).json();
    expect(p).toMatchObject({ status: 'proposed', sizeM2: 80, budget: '12000.00', allowed: ['approve', 'reject', 'cancel'] });
    expect(p.committees.map((c: { kind: string }) => c.kind).sort()).toEqual(['committee', 'street_committee']);
  });

  it('the proposer cannot approve it; an administrator can; work cannot start twice', async () => {
    const com = await tp.as('committee');
    const self = await com.post(`/api/v1/community/projects/${id}/approve`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('project.four_eyes');
    const early = await com.post(`/api/v1/community/projects/${id}/complete`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'project.state', allowed: ['approve', 'reject', 'cancel'] });
    expect((await (await tp.as('admin')).post(`/api/v1/community/projects/${id}/approve`, { note: '街道同意' })).json().status).toBe('approved');
    expect((await com.post(`/api/v1/community/projects/${id}/start`, {})).json().status).toBe('in_progress');
    expect((await com.post(`/api/v1/community/projects/${id}/start`, {})).statusCode).toBe(409);
  });

  it('residents pledge plants, money and labour; the committee records a pledge for a neighbour', async () => {
    const owner = await tp.as('owner');
    expect((await owner.post(`/api/v1/community/projects/${id}/pledges`, { kind: 'plants', description: '月季盆栽', quantity: 4 })).statusCode).toBe(201);
    expect((await owner.post(`/api/v1/community/projects/${id}/pledges`, { kind: 'money', description: '捐款' })).json().errors[0].field).toBe('amount');
    expect((await owner.post(`/api/v1/community/projects/${id}/pledges`, { kind: 'money', description: '捐款', amount: '200' })).statusCode).toBe(201);
    // a resident cannot pledge in someone else's name
    expect((await owner.post(`/api/v1/community/projects/${id}/pledges`, { kind: 'labour', description: '浇水', hours: 10, pledger: '别人' })).statusCode).toBe(403);
    expect((await (await tp.as('committee')).post(`/api/v1/community/projects/${id}/pledges`, { kind: 'labour', description: '每周浇水', hours: 20, pledger: '王阿姨' })).statusCode).toBe(201);
    const p = (await owner.get(`/api/v1/community/projects/${id}`)).json();
    expect(p.pledgeList.map((x: { kind: string; pledger: string }) => [x.kind, x.pledger])).toEqual([
      ['plants', '业主 张根娣'],
      ['money', '业主 张根娣'],
      ['labour', '王阿姨'],
    ]);
  });

  it('milestones count progress; photos before and after are stored under DATA_DIR with type and size checked', async () => {
    const com = await tp.as('committee');
    const m1 = (await com.post(`/api/v1/community/projects/${id}/milestones`, { title: '清理杂物' })).json().id;
    await com.post(`/api/v1/community/projects/${id}/milestones`, { title: '铺设绿地', dueOn: '2026-05-01' });
    expect((await com.put(`/api/v1/community/projects/${id}/milestones/${m1}`, { done: true })).statusCode).toBe(200);
    expect((await com.get(`/api/v1/community/projects/${id}`)).json().milestones).toEqual({ done: 1, total: 2 });

    const before = multipart({ phase: 'before', caption: '改造前' }, { name: 'before.png', type: 'image/png', bytes: PNG });
    const up = await com.post(`/api/v1/community/projects/${id}/photos`, before.body, before.headers);
    expect(up.statusCode, up.body).toBe(201);
    const photoId = up.json().id;
    const got = await com.get(`/api/v1/community/photos/${photoId}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(PNG)).toBe(true);
    const files = fs.readdirSync(path.join(dataDir, 'uploads', 'community'), { recursive: true }).map(String);
    expect(files.some((x) => x.endsWith('.png'))).toBe(true);

    // an SVG named .png is refused by its content, not its name
    const svg = multipart({ phase: 'after' }, { name: 'x.png', type: 'image/png', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') });
    const bad = await com.post(`/api/v1/community/projects/${id}/photos`, svg.body, svg.headers);
    expect(bad.statusCode).toBe(415);
    expect(bad.json().code).toBe('photo.type');
    // over 5 MB
    const big = multipart({ phase: 'after' }, { name: 'big.png', type: 'image/png', bytes: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]) });
    const tooBig = await com.post(`/api/v1/community/projects/${id}/photos`, big.body, big.headers);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().code).toBe('photo.too_large');
    // a resident cannot upload
    expect((await (await tp.as('owner')).post(`/api/v1/community/projects/${id}/photos`, before.body, before.headers)).statusCode).toBe(403);
    // nothing but the one good photo was kept
    expect((await com.get(`/api/v1/community/projects/${id}`)).json().photos).toHaveLength(1);
  });

  it('volunteers adopt items and tend them under their name; the project completes', async () => {
    const owner = await tp.as('owner');
    expect((await owner.post(`/api/v1/community/projects/${id}/adoptions`, { item: '月季花坛 1 号' })).statusCode).toBe(201);
    expect((await (await tp.as('committee')).post(`/api/v1/community/projects/${id}/adoptions`, { item: '木椅', adopter: '李爷叔', note: '每天擦拭' })).statusCode).toBe(201);
    expect((await (await tp.as('committee')).post(`/api/v1/community/projects/${id}/complete`, {})).json().status).toBe('done');
    const p = (await owner.get(`/api/v1/community/projects/${id}`)).json();
    expect(p.adoptionList.map((a: { item: string; adopter: string }) => `${a.adopter}:${a.item}`)).toEqual(['业主 张根娣:月季花坛 1 号', '李爷叔:木椅']);
    expect(p.status).toBe('done');
    // after completion no more pledges
    expect((await owner.post(`/api/v1/community/projects/${id}/pledges`, { kind: 'plants', description: '绿萝' })).statusCode).toBe(409);
  });

  it('a building committee of another place cannot manage it', async () => {
    expect((await (await tp.as('kdk')).post(`/api/v1/community/projects/${id}/milestones`, { title: 'x' })).statusCode).toBe(403);
  });
});

describe('committees, members and meetings', () => {
  it('a residents’ committee lists itself, adds a member, holds a meeting with minutes and decisions', async () => {
    const com = await tp.as('committee');
    const list = (await com.get('/api/v1/community/committees')).json();
    expect(list.map((c: { code: string }) => c.code)).toEqual(['JW-XFKL']);
    const m = await com.post(`/api/v1/community/committees/${jwXfkl}/members`, { name: '陈阿姨', role: 'member', represents: '楼组长' });
    expect(m.statusCode, m.body).toBe(201);
    const meeting = await com.post(`/api/v1/community/committees/${jwXfkl}/meetings`, { title: '花园改造议事会', heldAt: '2026-03-10T06:00:00Z', place: '居委会会议室', agenda: ['花园方案', '认捐安排'] });
    expect(meeting.statusCode).toBe(201);
    const mid = meeting.json().id;
    await com.put(`/api/v1/community/committees/${jwXfkl}/meetings/${mid}`, { title: '花园改造议事会', heldAt: '2026-03-10T06:00:00Z', agenda: ['花园方案', '认捐安排'], minutes: '与会居民一致同意方案。', decisions: ['采用方案二', '四月开工'], attendees: ['魏瑛', '陈阿姨'] });
    const d = (await com.get(`/api/v1/community/committees/${jwXfkl}`)).json();
    expect(d.members.some((x: { name: string }) => x.name === '陈阿姨')).toBe(true);
    expect(d.meetings.find((x: { id: number }) => x.id === mid)).toMatchObject({ title: '花园改造议事会', decisions: ['采用方案二', '四月开工'], attendees: ['魏瑛', '陈阿姨'] });
    // the building committee's member cannot touch it
    expect((await (await tp.as('kdk')).get(`/api/v1/community/committees/${jwXfkl}`)).statusCode).toBe(403);
    expect((await (await tp.as('owner')).get('/api/v1/community/committees')).statusCode).toBe(403);
  });
});
