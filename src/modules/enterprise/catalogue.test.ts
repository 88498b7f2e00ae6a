import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { demoEnterpriseId, itemId } from './testing.js';

let tp: TestPlatform;
beforeAll(async () => {
  tp = await startTestPlatform();
});
afterAll(async () => tp?.close());

type Tree = { code: string; name: string; subcategories: { code: string; items: { id: number; code: string; level: string; materials: string[]; steps: { office: string; officeName: string }[]; limitDays: number; version: number; name: string }[] }[] }[];

describe('the service catalogue (清单)', () => {
  it('holds 4 categories, 17 subcategories and 96 items, each with materials, offices and a limit', async () => {
    const tree = (await (await tp.as('ent')).get('/api/v1/enterprise/catalogue')).json() as Tree;
    expect(tree.map((c) => c.name)).toEqual(['政务代办', '活动服务', '餐食服务', '第三方供应商']);
    const subs = tree.flatMap((c) => c.subcategories);
    const items = subs.flatMap((s) => s.items);
    expect(subs).toHaveLength(17);
    expect(items).toHaveLength(96);
    expect(new Set(items.map((i) => i.level))).toEqual(new Set(['basic', 'value_added']));
    for (const i of items) {
      expect(i.materials.length).toBeGreaterThan(0);
      expect(i.steps.length).toBeGreaterThan(0);
      expect(i.limitDays).toBeGreaterThan(0);
    }
    const canteen = items.find((i) => i.code === 'C1-01')!;
    expect(canteen.steps[0]!.officeName).toBe('凯迪克大厦白领餐厅');
    const startUp = items.find((i) => i.code === 'A1-08')!;
    expect(startUp.steps.map((s) => s.office)).toEqual(['QF', 'SJ', 'SEAL', 'BANK', 'TAX', 'SI', 'QF']);
  });

  it('admins edit items; every save is a new version, audited; requests keep the version they were made under', async () => {
    const admin = await tp.as('admin');
    const agent = await tp.as('agent');
    const id = await itemId(admin, 'A1-05');
    const before = (await agent.post('/api/v1/enterprise/requests', { enterpriseId: await demoEnterpriseId(tp), itemId: id, channel: 'phone', description: '新办纳税人' })).json().id;

    expect((await agent.patch(`/api/v1/enterprise/items/${id}`, { version: 1, limitDays: 2 })).statusCode).toBe(403);
    const res = await admin.patch(`/api/v1/enterprise/items/${id}`, { version: 1, limitDays: 2, materials: ['营业执照副本（原件）', '财务负责人与办税人员身份证'], note: '新办纳税人套餐提速' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ version: 2 });
    // an edit based on version 1 now would overwrite unseen changes
    const stale = await admin.patch(`/api/v1/enterprise/items/${id}`, { version: 1, limitDays: 3 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'ent.item.stale', currentVersion: 2 });

    const versions = (await admin.get(`/api/v1/enterprise/items/${id}/versions`)).json();
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({ note: '新办纳税人套餐提速', changedBy: '系统管理员', data: { limitDays: 2 } });
    expect(versions[1].data.limitDays).toBe(3);
    const audit = await tp.platform.ctx.database.query<{ detail: { changed: string[] } }>(`select detail from audit_log where action = 'enterprise.item.update' and subject_id = $1`, [String(id)]);
    expect(audit[0]!.detail.changed.sort()).toEqual(['limitDays', 'materials']);

    const old = (await agent.get(`/api/v1/enterprise/requests/${before}`)).json();
    expect(old.item.version).toBe(1);
    expect(old.limitDays).toBe(3);
    expect(old.materials).toHaveLength(4);
    const after = (await agent.post('/api/v1/enterprise/requests', { enterpriseId: await demoEnterpriseId(tp), itemId: id, channel: 'phone', description: '新办纳税人' })).json().id;
    expect((await agent.get(`/api/v1/enterprise/requests/${after}`)).json()).toMatchObject({ limitDays: 2, item: { version: 2 }, materials: ['营业执照副本（原件）', '财务负责人与办税人员身份证'] });
  });

  it('an item naming an unknown office or repeating a material is refused, naming the field', async () => {
    const admin = await tp.as('admin');
    const tree = (await admin.get('/api/v1/enterprise/catalogue')).json() as { subcategories: { id: number }[] }[];
    const sub = tree[0]!.subcategories[0]!.id;
    const res = await admin.post('/api/v1/enterprise/items', { code: 'A1-99', name: '测试事项', nameEn: 'Test item', level: 'basic', description: '', materials: ['身份证', '身份证'], steps: [{ office: 'NOPE', task: '办理' }], limitDays: 3, priceNote: null, active: true, subcategoryId: sub });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['materials.1', 'ent.item.material_repeated'],
      ['steps.0.office', 'ent.office.unknown_code'],
    ]);
    const ok = await admin.post('/api/v1/enterprise/items', { code: 'A1-99', name: '测试事项', nameEn: 'Test item', level: 'basic', description: '', materials: ['身份证'], steps: [{ office: 'SJ', task: '办理' }], limitDays: 3, priceNote: null, active: false, subcategoryId: sub });
    expect(ok.statusCode).toBe(201);
    // an inactive item is not offered, and cannot be requested
    const agent = await tp.as('agent');
    const items = ((await agent.get('/api/v1/enterprise/catalogue')).json() as Tree).flatMap((c) => c.subcategories.flatMap((s) => s.items));
    expect(items.find((i) => i.code === 'A1-99')).toBeUndefined();
    const req = await agent.post('/api/v1/enterprise/requests', { enterpriseId: await demoEnterpriseId(tp), itemId: ok.json().id, channel: 'window', description: 'x' });
    expect(req.statusCode).toBe(422);
    expect(req.json().errors[0].field).toBe('itemId');
  });
});
