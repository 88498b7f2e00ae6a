// Uploads: the type is the bytes' (magic numbers), never the declared one; size limits;
// zero bytes refused; a refused upload writes nothing (not even its valid neighbours).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { startTestPlatform, type Client, type TestPlatform } from '../harness.js';
import { caseEvidence } from '../../src/modules/cases/schema.js';
import { projectPhotos } from '../../src/modules/community/schema.js';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(200, 7), Buffer.from([0xff, 0xd9])]);
const HTML = Buffer.from('<html><script>alert(1)</script></html>');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100, 1)]);

/** A multipart/form-data body: fields first, then files with the type the client claims. */
function multipart(fields: Record<string, string>, files: { name: string; filename: string; type: string; content: Buffer }[]) {
  const boundary = `----jiedao${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let tp: TestPlatform;
let dispatcher: Client;
let committee: Client;
let caseId: number;
let projectId: number;

beforeAll(async () => {
  tp = await startTestPlatform();
  dispatcher = await tp.as('dispatcher');
  committee = await tp.as('committee');
  caseId = (await dispatcher.get('/api/v1/cases?limit=1')).json().items[0].id;
  const projects = (await committee.get('/api/v1/community/projects')).json() as { id: number }[] | { items: { id: number }[] };
  projectId = (Array.isArray(projects) ? projects : projects.items)[0]!.id;
});
afterAll(async () => tp?.close());

const evidenceCount = async () => (await tp.platform.ctx.db.select({ n: count() }).from(caseEvidence).where(eq(caseEvidence.caseId, caseId)))[0]!.n;
const photoCount = async () => (await tp.platform.ctx.db.select({ n: count() }).from(projectPhotos).where(eq(projectPhotos.projectId, projectId)))[0]!.n;

describe('case photos (POST /cases/:id/photos)', () => {
  const post = (body: ReturnType<typeof multipart>) => dispatcher.post(`/api/v1/cases/${caseId}/photos`, body.payload, body.headers);

  it('refuses HTML or an executable declared as JPEG, zero bytes and oversize; writes nothing', async () => {
    const before = await evidenceCount();
    for (const [label, content, status] of [
      ['html as jpeg', HTML, [400, 415, 422]],
      ['exe as jpeg', EXE, [400, 415, 422]],
      ['zero bytes', Buffer.alloc(0), [400, 422]],
      ['oversize', Buffer.concat([JPEG, Buffer.alloc(9 * 1024 * 1024)]), [413]],
    ] as [string, Buffer, number[]][]) {
      const res = await post(multipart({}, [{ name: 'file', filename: 'x.jpg', type: 'image/jpeg', content }]));
      expect(status, `${label}: ${res.statusCode} ${res.body}`).toContain(res.statusCode);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    // one good photo and one disguised file in the same request: neither is stored
    const mixed = await post(multipart({}, [
      { name: 'file', filename: 'a.jpg', type: 'image/jpeg', content: JPEG },
      { name: 'file', filename: 'b.jpg', type: 'image/jpeg', content: HTML },
    ]));
    expect(mixed.statusCode).toBeGreaterThanOrEqual(400);
    expect(mixed.statusCode).toBeLessThan(500);
    expect(await evidenceCount()).toBe(before);
  });

  it('stores a real JPEG declared as anything, and serves it with its sniffed type', async () => {
    const before = await evidenceCount();
    const res = await post(multipart({}, [{ name: 'file', filename: 'photo.bin', type: 'application/octet-stream', content: JPEG }]));
    expect(res.statusCode, res.body).toBe(201);
    expect(await evidenceCount()).toBe(before + 1);
    const got = await dispatcher.get(`/api/v1/cases/${caseId}/evidence/${res.json().ids[0]}`);
    expect(got.headers['content-type']).toMatch(/image\/jpeg/);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('community project photos (POST /community/projects/:id/photos)', () => {
  const post = (body: ReturnType<typeof multipart>) => committee.post(`/api/v1/community/projects/${projectId}/photos`, body.payload, body.headers);

  it('refuses a disguised file, zero bytes and oversize; writes nothing', async () => {
    const before = await photoCount();
    for (const [label, content, status] of [
      ['html as jpeg', HTML, [400, 415, 422]],
      ['zero bytes', Buffer.alloc(0), [400, 415, 422]],
      ['oversize', Buffer.concat([JPEG, Buffer.alloc(6 * 1024 * 1024)]), [413]],
    ] as [string, Buffer, number[]][]) {
      const res = await post(multipart({ phase: 'before' }, [{ name: 'file', filename: 'x.jpg', type: 'image/jpeg', content }]));
      expect(status, `${label}: ${res.statusCode} ${res.body}`).toContain(res.statusCode);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect(await photoCount()).toBe(before);
  });
});

describe('JSON imports over the body limit', () => {
  it('a GeoJSON import larger than its 20 MB limit is refused with 413 and nothing changes', async () => {
    const admin = await tp.as('admin');
    const before = (await admin.get('/api/v1/places/geojson/responsibility')).body;
    const huge = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'X', name: 'x'.repeat(21 * 1024 * 1024) }, geometry: { type: 'Point', coordinates: [121.45, 31.23] } }] };
    const res = await admin.put('/api/v1/places/geojson/responsibility', huge);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('problem.payload_too_large');
    expect((await admin.get('/api/v1/places/geojson/responsibility')).body).toBe(before);
  });
});
