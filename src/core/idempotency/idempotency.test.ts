// Idempotency-Key over HTTP on the real case engine: a retried request is answered with
// the first response and changes nothing; a key is the caller's own; a different request
// under a used key is refused; refusals that depend on the moment are not kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.js';
import { HOT, JPEG } from '../../modules/cases/testkit.js';
import { canonicalJson, keepsResponse } from './fingerprint.js';
import { PURGE_SWEEP } from './module.js';

let tp: TestPlatform;
let t = new Date('2026-12-01T10:00:00+08:00');
beforeAll(async () => {
  tp = await startTestPlatform({ clock: { now: () => t } });
});
afterAll(async () => tp?.close());

const count = async (sql: string, params: unknown[]) => Number((await tp.platform.ctx.database.query<{ n: string }>(sql, params))[0]!.n);
const photos = (caseId: number) => count(`select count(*) as n from case_evidence where case_id = $1 and kind = 'photo'`, [caseId]);

async function newCase(): Promise<number> {
  const leader = await tp.as('leader');
  const res = await leader.post('/api/v1/cases', { source: 'hotline', categoryCode: '06036', description: '店门口堆放纸箱杂物', location: HOT, register: true });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().case.id;
}

describe('Idempotency-Key', () => {
  it('the same upload sent twice is stored once and answered the same way', async () => {
    const id = await newCase();
    const inspector = await tp.as('inspector');
    const body = { evidence: [{ kind: 'photo', contentBase64: JPEG, caption: '现场' }] };
    const first = await inspector.post(`/api/v1/cases/${id}/evidence`, body, { 'idempotency-key': 'dev-1-photo-1' });
    expect(first.statusCode, first.body).toBe(201);
    const again = await inspector.post(`/api/v1/cases/${id}/evidence`, body, { 'idempotency-key': 'dev-1-photo-1' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await photos(id)).toBe(1);
    // without a key, a second upload is a second photo (nothing changed for other clients)
    await inspector.post(`/api/v1/cases/${id}/evidence`, body);
    expect(await photos(id)).toBe(2);
  });

  it('a repeated action is applied once: the retry gets the first answer, not a 409', async () => {
    const id = await newCase();
    const dispatcher = await tp.as('dispatcher');
    const d1 = await dispatcher.post(`/api/v1/cases/${id}/actions`, { action: 'dispatch' }, { 'idempotency-key': 'k-dispatch' });
    expect(d1.statusCode, d1.body).toBe(200);
    const d2 = await dispatcher.post(`/api/v1/cases/${id}/actions`, { action: 'dispatch' }, { 'idempotency-key': 'k-dispatch' });
    expect(d2.statusCode).toBe(200);
    expect(d2.json().version).toBe(d1.json().version);
    expect(await count(`select count(*) as n from case_timeline where case_id = $1 and action = 'dispatch'`, [id])).toBe(1);
    expect(await count(`select count(*) as n from audit_log where subject_type = 'case' and subject_id = $1 and action = 'case.dispatch'`, [String(id)])).toBe(1);
  });

  it('the same key with a different body or path is 422 and changes nothing; key order in the body does not matter', async () => {
    const id = await newCase();
    const inspector = await tp.as('inspector');
    const ok = await inspector.post(`/api/v1/cases/${id}/evidence`, { evidence: [{ kind: 'photo', contentBase64: JPEG }], note: 'a' }, { 'idempotency-key': 'k-reuse' });
    expect(ok.statusCode).toBe(201);
    const reordered = await inspector.post(`/api/v1/cases/${id}/evidence`, { note: 'a', evidence: [{ contentBase64: JPEG, kind: 'photo' }] }, { 'idempotency-key': 'k-reuse' });
    expect(reordered.statusCode).toBe(201);
    const other = await inspector.post(`/api/v1/cases/${id}/evidence`, { evidence: [{ kind: 'photo', contentBase64: JPEG }], note: 'b' }, { 'idempotency-key': 'k-reuse', 'accept-language': 'en' });
    expect(other.statusCode).toBe(422);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(other.json()).toMatchObject({ code: 'idempotency.key_reused' });
    expect(other.json().detail).toContain(`/api/v1/cases/${id}/evidence`);
    const elsewhere = await inspector.post(`/api/v1/cases/${id}/actions`, { action: 'accept' }, { 'idempotency-key': 'k-reuse' });
    expect(elsewhere.statusCode).toBe(422);
    expect(await photos(id)).toBe(1);
  });

  it('keys are per caller: another user with the same key makes their own change', async () => {
    const id = await newCase();
    const body = { evidence: [{ kind: 'photo', contentBase64: JPEG }] };
    expect((await (await tp.as('inspector')).post(`/api/v1/cases/${id}/evidence`, body, { 'idempotency-key': 'shared-key' })).statusCode).toBe(201);
    expect((await (await tp.as('leader')).post(`/api/v1/cases/${id}/evidence`, body, { 'idempotency-key': 'shared-key' })).statusCode).toBe(201);
    expect(await photos(id)).toBe(2);
  });

  it('a refusal is kept (same answer on retry); a malformed key is a 400 naming the header', async () => {
    const id = await newCase();
    const handler = await tp.as('handler');
    await (await tp.as('dispatcher')).post(`/api/v1/cases/${id}/actions`, { action: 'dispatch', assigneeId: await userId('handler') });
    // finishing before accepting: 409
    const r1 = await handler.post(`/api/v1/cases/${id}/actions`, { action: 'handle', note: '已清理' }, { 'idempotency-key': 'k-409' });
    expect(r1.statusCode).toBe(409);
    expect((await handler.post(`/api/v1/cases/${id}/actions`, { action: 'accept' }, { 'idempotency-key': 'k-accept' })).statusCode).toBe(200);
    // the same attempt again: the same refusal, even though the state has moved on
    const r2 = await handler.post(`/api/v1/cases/${id}/actions`, { action: 'handle', note: '已清理' }, { 'idempotency-key': 'k-409' });
    expect(r2.statusCode).toBe(409);
    expect(r2.headers['idempotent-replayed']).toBe('true');
    expect(r2.json()).toEqual(r1.json());

    const bad = await handler.post(`/api/v1/cases/${id}/evidence`, { evidence: [{ kind: 'photo', contentBase64: JPEG }] }, { 'idempotency-key': 'has space' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key', in: 'headers', code: 'idempotency.key_invalid' })]);
    expect(await photos(id)).toBe(0);
  });

  it('a request still being handled answers its twin with 409; one that never finished is taken over later', async () => {
    const id = await newCase();
    const inspector = await tp.as('inspector');
    const me = await userId('inspector');
    // as if a node had claimed the key and stopped before answering
    await tp.platform.ctx.database.query(`insert into idempotency_keys (tenant_id, principal, key, method, path, fingerprint, created_at) values ($1, $2, 'k-stuck', 'POST', $3, 'x', $4)`, [
      tp.platform.ctx.config.tenant,
      `u:${me}`,
      `/api/v1/cases/${id}/evidence`,
      t,
    ]);
    const body = { evidence: [{ kind: 'photo', contentBase64: JPEG }] };
    // a twin with another body is still a different request
    expect((await inspector.post(`/api/v1/cases/${id}/evidence`, body, { 'idempotency-key': 'k-stuck' })).statusCode).toBe(422);
    await tp.platform.ctx.database.query(`update idempotency_keys set fingerprint = $1 where key = 'k-stuck'`, [await fingerprintOf(`/api/v1/cases/${id}/evidence`, body)]);
    const busy = await inspector.post(`/api/v1/cases/${id}/evidence`, body, { 'idempotency-key': 'k-stuck' });
    expect(busy.statusCode).toBe(409);
    expect(busy.headers['retry-after']).toBe('1');
    expect(busy.json().code).toBe('idempotency.in_progress');
    t = new Date(t.getTime() + 3 * 60_000);
    const later = await inspector.post(`/api/v1/cases/${id}/evidence`, body, { 'idempotency-key': 'k-stuck' });
    expect(later.statusCode).toBe(201);
    expect(await photos(id)).toBe(1);
  });

  it('keys are forgotten after a day', async () => {
    const n0 = await count(`select count(*) as n from idempotency_keys`, []);
    expect(n0).toBeGreaterThan(0);
    t = new Date(t.getTime() + 25 * 60 * 60_000);
    await tp.platform.ctx.sweeper.runNow(PURGE_SWEEP);
    expect(await count(`select count(*) as n from idempotency_keys`, [])).toBe(0);
  });
});

describe('fingerprint rules', () => {
  it('canonical JSON ignores key order but not values or array order', () => {
    expect(canonicalJson({ a: 1, b: [1, 2], c: { y: 1, x: null } })).toBe(canonicalJson({ c: { x: null, y: 1 }, b: [1, 2], a: 1 }));
    expect(canonicalJson({ b: [1, 2] })).not.toBe(canonicalJson({ b: [2, 1] }));
    expect(canonicalJson({ a: undefined })).toBe(canonicalJson({}));
  });
  it('keeps successes and final refusals, not those of the moment', () => {
    expect([200, 201, 204, 400, 404, 409, 422].every(keepsResponse)).toBe(true);
    expect([401, 403, 408, 429, 500, 503].some(keepsResponse)).toBe(false);
  });
});

async function userId(username: string): Promise<number> {
  return (await tp.platform.ctx.database.query<{ id: number }>(`select id from users where username = $1`, [username]))[0]!.id;
}
async function fingerprintOf(path: string, body: unknown): Promise<string> {
  const { fingerprint } = await import('./fingerprint.js');
  return fingerprint('POST', path, body);
}
