import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileStore, sniffImage } from './storage.js';

describe('photo storage', () => {
  it('knows JPEG, PNG and WebP by their first bytes and nothing else', () => {
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(Buffer.from('GIF89a'))).toBeNull();
  });

  it('stores under DATA_DIR, reads back, refuses keys it did not make', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jd-store-'));
    const store = new FileStore(root);
    const key = await store.put(Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]), 'image/jpeg', new Date('2026-03-05T00:00:00Z'));
    expect(key).toMatch(/^community\/2026\/03\/[0-9a-f-]{36}\.jpg$/);
    expect(fs.existsSync(path.join(root, key))).toBe(true);
    expect((await store.read(key)).length).toBe(6);
    expect(() => store.pathOf('../../etc/passwd')).toThrow();
    expect(() => store.pathOf('community/2026/03/../../x.jpg')).toThrow();
    await store.remove(key);
    expect(fs.existsSync(path.join(root, key))).toBe(false);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
