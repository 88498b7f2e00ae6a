// Importing the unit and owner register from the housing office's CSV: preview, commit
// all or nothing, every bad row named by row and column, Excel's encodings, a committee
// held to its own buildings, and a re-import that changes an area (votes already open keep
// the electorate they froze).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, like } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { startTestPlatform, type Client, type TestPlatform } from '../../../test/harness.js';
import { auditLog } from '../../core/audit/index.js';
import { buildings, owners, residentialAreas, unitOwners, units } from './index.js';
import { makeBuilding, manualClock } from '../community/testFixtures.js';

const clock = manualClock();
let tp: TestPlatform;
let admin: Client;
let committee: Client;
let code: string;
let buildingId: number;

const CSV = { 'content-type': 'text/csv' };
const csvBody = (lines: string[]) => Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');

async function unitsOf(id: number) {
  return (await admin.get(`/api/v1/buildings/${id}/units`)).json() as { code: string; floor: number; area: string; use: string; owners: { name: string; share: string }[] }[];
}

/** Every row of the register tables of the tenant, to tell that nothing was written. */
async function registerDigest(): Promise<string> {
  const db = tp.platform.ctx.db;
  const tenantId = tp.platform.ctx.config.tenant;
  const u = await db.select().from(units).where(eq(units.tenantId, tenantId)).orderBy(units.id);
  const o = await db.select().from(owners).where(eq(owners.tenantId, tenantId)).orderBy(owners.id);
  const l = await db.select().from(unitOwners).where(eq(unitOwners.tenantId, tenantId)).orderBy(unitOwners.unitId, unitOwners.ownerId);
  return JSON.stringify([u, o, l]);
}

beforeAll(async () => {
  tp = await startTestPlatform({ clock });
  admin = await tp.as('admin');
  committee = await tp.as('committee');
  const db = tp.platform.ctx.db;
  const [xfkl] = await db.select({ id: residentialAreas.id }).from(residentialAreas).where(eq(residentialAreas.code, 'XFKL'));
  const f = await makeBuilding(tp, { areaId: xfkl!.id, units: { '101': [1, '60.00', ['a']], '102': [1, '70.00', ['b', 'c']] } });
  buildingId = f.buildingId;
  code = (await db.select({ code: buildings.code }).from(buildings).where(eq(buildings.id, buildingId)))[0]!.code;
}, 300_000);
afterAll(async () => tp?.close());

describe('a good file', () => {
  it('previews what will change without saving, then commits it with audit rows', async () => {
    const file = csvBody([
      '楼宇编码,房号,楼层,专有面积（m²）,用途,业主,联系电话,份额,备注',
      `${code},101,1,60.00,住宅,业主a,,,`,
      `${code},102,1,72.5,住宅,业主b、业主c,13800000001、13800000002,60、40,面积更正`,
      `${code},201,,88,,王芳、李强,,,新登记`,
      `${code},202,2,45.1,商铺,上海示例物业有限公司,021-62530000,,`,
    ]);
    const before = await registerDigest();
    const preview = await admin.post('/api/v1/places/units/import/preview', file, CSV);
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json();
    expect(p).toMatchObject({ encoding: 'utf-8', rows: 4, created: 2, updated: 1, unchanged: 1, issueCount: 0, issues: [], ignoredColumns: ['备注'] });
    expect(p.changes.find((c: { unit: string }) => c.unit === '102').changes).toEqual({ area: ['70.00', '72.50'], owners: ['业主b 50%、业主c 50%', '业主b 60%、业主c 40%'] });
    expect(await registerDigest()).toBe(before);

    const res = await admin.post('/api/v1/places/units/import', file, CSV);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, updated: 1, unchanged: 1, ownersCreated: 3 });
    const us = await unitsOf(buildingId);
    expect(us.map((u) => [u.code, u.floor, u.area, u.use])).toEqual([
      ['101', 1, '60.00', 'residential'],
      ['102', 1, '72.50', 'residential'],
      ['201', 2, '88.00', 'residential'],
      ['202', 2, '45.10', 'shop'],
    ]);
    expect(us.find((u) => u.code === '201')!.owners.map((o) => [o.name, o.share])).toEqual([['王芳', '50.00'], ['李强', '50.00']]);
    const db = tp.platform.ctx.db;
    const [org] = await db.select().from(owners).where(eq(owners.name, '上海示例物业有限公司'));
    expect(org).toMatchObject({ phone: '021-62530000', kind: 'person' });
    // one row for the import and one per unit created or changed, by the admin
    const rows = await db.select().from(auditLog).where(like(auditLog.action, 'places.unit%'));
    expect(rows.map((r) => r.action).sort()).toEqual(['places.unit.create', 'places.unit.create', 'places.unit.update', 'places.units.import']);
    expect(rows.every((r) => r.actorKind === 'user' && r.outcome === 'ok')).toBe(true);
  });

  it('importing the same file again changes nothing', async () => {
    const file = csvBody(['楼宇编码,房号,专有面积,业主', `${code},201,88.00,王芳、李强`]);
    const before = await registerDigest();
    const res = await admin.post('/api/v1/places/units/import', file, CSV);
    expect(res.json()).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await registerDigest()).toBe(before);
  });
  it('columns left out keep what is on record: an owner stays an organisation, a unit keeps its floor', async () => {
    const db = tp.platform.ctx.db;
    const first = await admin.post('/api/v1/places/units/import', csvBody(['楼宇编码,房号,楼层,专有面积,用途,业主,业主类型,联系电话', `${code},202,2,45.1,商铺,上海示例物业有限公司,单位,021-62530000`, `${code},A-3,3,20,商铺,上海示例物业有限公司,单位,021-62530000`]), CSV);
    expect(first.json()).toMatchObject({ created: 1, updated: 1 });
    const [org] = await db.select().from(owners).where(eq(owners.name, '上海示例物业有限公司'));
    expect(org!.kind).toBe('organisation');
    // no kind, phone, floor or use columns: nothing changes (A-3 tells no floor by its code)
    const before = await registerDigest();
    const again = await admin.post('/api/v1/places/units/import', csvBody(['楼宇编码,房号,专有面积,业主', `${code},202,45.10,上海示例物业有限公司`, `${code},A-3,20,上海示例物业有限公司`]), CSV);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await registerDigest()).toBe(before);
    // one name with one phone is one owner, on every unit it holds
    const [{ n }] = (await db.select({ n: count() }).from(owners).where(eq(owners.name, '上海示例物业有限公司'))) as [{ n: number }];
    expect(n).toBe(1);
  });
});

describe('two imports at once', () => {
  it('of the same new unit: both answer, the unit is made once', async () => {
    const file = csvBody(['楼宇编码,房号,专有面积,业主,联系电话', `${code},601,61,钱程,13900000601`]);
    const [a, b] = await Promise.all([admin.post('/api/v1/places/units/import', file, CSV), admin.post('/api/v1/places/units/import', file, CSV)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json().created + b.json().created).toBe(1);
    expect(a.json().unchanged + b.json().unchanged).toBe(1);
    expect((await unitsOf(buildingId)).filter((u) => u.code === '601')).toHaveLength(1);
  });
});

describe('bad rows', () => {
  // built when a test runs: the building's code is known only after beforeAll
  const bad = () => csvBody([
    'building,unit,floor,area,use,owners,owner kind,phones,shares',
    `${code},301,3,100,residential,张三,person,,`, // good
    `NOPE-1,302,3,100,residential,张三,,,`, // unknown building
    `${code},,3,100,residential,张三,,,`, // no unit code
    `${code},B-9,,100,residential,张三,,,`, // a new unit: floor neither given nor in the code
    `${code},304,3,-5,residential,张三,,,`, // area
    `${code},305,3,100,garage,张三,,,`, // use
    `${code},306,3,100,residential,,,,`, // no owner
    `${code},307,3,100,residential,甲、乙,,,70、20`, // shares do not add up
    `${code},301,3,100,residential,李四,,,`, // repeats row 2
    `${code},308,3,100,residential,甲,robot,abc,`, // owner kind and phone
  ]);

  it('the preview names every problem by spreadsheet row and column, in Chinese and English', async () => {
    const res = await admin.post('/api/v1/places/units/import/preview', bad(), CSV);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    const named = (p.issues as { row: number; column: string; code: string }[]).map((i) => `${i.row} ${i.column} ${i.code}`);
    expect(named).toEqual([
      '3 building register.unknown_building',
      '4 unit register.unit_required',
      '5 floor register.floor_required',
      '6 area register.area_invalid',
      '7 use register.use_invalid',
      '8 owners register.owner_required',
      '9 shares register.shares_sum',
      '10 unit register.unit_twice',
      '11 owner kind register.kind_invalid',
      '11 phones register.phone_invalid',
    ]);
    expect(p.issueCount).toBe(10);
    expect(p.issues[0].message).toBe('第 3 行「building」：本街道没有编码或名称为 NOPE-1 的楼宇');
    expect(p.issues[6].message).toContain('合计 90.00%');
    const en = (await admin.post('/api/v1/places/units/import/preview', bad(), { ...CSV, 'accept-language': 'en' })).json();
    expect(en.issues[7].message).toBe('Row 10, "unit": this unit of the same building repeats row 2');
  });

  it('the commit is refused as a whole with 422 problem+json naming each field, and writes nothing', async () => {
    const before = await registerDigest();
    const auditBefore = (await tp.platform.ctx.db.select({ n: count() }).from(auditLog))[0]!.n;
    const res = await admin.post('/api/v1/places/units/import', bad(), CSV);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = res.json();
    expect(body.code).toBe('register.import_rejected');
    expect(body.detail).toBe('导入被拒绝：发现 10 处问题，未保存任何内容');
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['rows.3.building', 'rows.4.unit', 'rows.5.floor', 'rows.6.area', 'rows.7.use', 'rows.8.owners', 'rows.9.shares', 'rows.10.unit', 'rows.11.ownerKind', 'rows.11.phones']);
    expect(body.errors[3].message).toBe('第 6 行「area」：面积“-5”须为大于 0 的平方米数，最多两位小数');
    expect(await registerDigest()).toBe(before);
    expect((await tp.platform.ctx.db.select({ n: count() }).from(auditLog))[0]!.n).toBe(auditBefore);
  });

  it('a file without a required column is refused naming the column', async () => {
    const res = await admin.post('/api/v1/places/units/import', csvBody(['楼宇编码,房号,业主', `${code},101,业主a`]), CSV);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'rows.1.area', message: '缺少列「专有面积」' })]);
  });

  it('a workbook, a binary, an empty file, JSON and an oversize file are refused as problem+json', async () => {
    const before = await registerDigest();
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(300, 1)]);
    const cases: [string, Buffer | object, Record<string, string>, number, string][] = [
      ['xlsx', xlsx, { 'content-type': 'application/vnd.ms-excel' }, 415, 'register.spreadsheet'],
      ['binary', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff, 0x00]), CSV, 415, 'register.not_text'],
      ['empty', Buffer.from('\ufeff\r\n', 'utf8'), CSV, 422, 'register.empty'],
      ['json', { rows: [] }, {}, 415, 'register.not_csv'],
      ['oversize', Buffer.alloc(6 * 1024 * 1024, 0x41), CSV, 413, 'problem.payload_too_large'],
    ];
    for (const [label, body, headers, status, codeWanted] of cases) {
      const res = await admin.post('/api/v1/places/units/import', body, headers);
      expect([label, res.statusCode, res.json().code]).toEqual([label, status, codeWanted]);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect(await registerDigest()).toBe(before);
  });
});

describe('encodings Excel saves in', () => {
  const text = () => ['楼宇编码,房号,专有面积,业主', `${code},101,60,业主a`, `${code},401,66.6,陈静`].join('\r\n');
  it.each([
    ['UTF-8 with BOM', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text(), 'utf8')]), 'utf-8-bom'],
    ['GB18030 (Excel "CSV")', () => iconv.encode(text(), 'gb18030'), 'gb18030'],
    ['UTF-16LE tab-separated (Excel "Unicode text")', () => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text().replace(/,/g, '\t'), 'utf-16le')]), 'utf-16le'],
  ])('%s reads the same names', async (_label, file, encoding) => {
    const p = (await admin.post('/api/v1/places/units/import/preview', file(), CSV)).json();
    expect(p).toMatchObject({ encoding, rows: 2, issueCount: 0, unchanged: 1, created: 1 });
    expect(p.changes[0]).toMatchObject({ unit: '401', action: 'create', changes: { owners: ['', '陈静 100%'] } });
  });
});

describe('scope and the frozen electorate', () => {
  it('a committee member imports the buildings of its area only; another building is named as out of scope', async () => {
    const db = tp.platform.ctx.db;
    const [kdk] = await db.select({ code: buildings.code }).from(buildings).where(eq(buildings.code, 'B-KDK'));
    const file = csvBody(['楼宇编码,房号,专有面积,业主', `${code},501,5,50,周敏`, `${kdk!.code},9901,99,100,周敏`]);
    const res = await committee.post('/api/v1/places/units/import', file, CSV);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'rows.3.building', code: 'register.out_of_scope' })]);
    const ok = await committee.post('/api/v1/places/units/import', csvBody(['楼宇编码,房号,专有面积,业主', `${code},501,50,周敏`]), CSV);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await db.select().from(auditLog).where(and(eq(auditLog.action, 'places.unit.create'), eq(auditLog.subjectType, 'unit')))).length).toBeGreaterThanOrEqual(3);
  });

  it('a re-import that changes an area moves the next vote, not the one already open', async () => {
    const dayMs = 86_400_000;
    const open = async () => {
      const res = await committee.post('/api/v1/community/consultations', { title: '维修资金使用', matter: 'fund_use', buildingId });
      const id = res.json().id as number;
      expect((await committee.post(`/api/v1/community/consultations/${id}/open`, { closesAt: new Date(clock.t + 7 * dayMs).toISOString() })).statusCode).toBe(200);
      return id;
    };
    const electorate = async (id: number) => (await committee.get(`/api/v1/community/consultations/${id}`)).json().progress.electorate;
    const first = await open();
    const frozen = await electorate(first);
    const res = await admin.post('/api/v1/places/units/import', csvBody(['楼宇编码,房号,专有面积,业主', `${code},101,160.00,业主a`]), CSV);
    expect(res.json()).toMatchObject({ updated: 1 });
    expect((await unitsOf(buildingId)).find((u) => u.code === '101')!.area).toBe('160.00');
    expect(await electorate(first)).toEqual(frozen);
    const second = await open();
    const moved = await electorate(second);
    expect(Number(moved.area) - Number(frozen.area)).toBeCloseTo(100, 2);
    expect(moved.units).toBe(frozen.units);
  });
});
