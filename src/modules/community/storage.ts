// Uploaded photos live in a local folder under DATA_DIR (uploads/community/yyyy/mm/…);
// the database keeps only the key. The type is decided from the file's first bytes,
// never from the name or the client's content type. An S3-compatible store can take
// this interface's place when a deployment needs one (ARCHITECTURE.md).
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
export type PhotoType = keyof typeof PHOTO_TYPES;

/** The image type from magic bytes: JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, WebP RIFF….WEBP. */
export function sniffImage(b: Buffer): PhotoType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

const KEY = /^community\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.(jpg|png|webp)$/;

export class FileStore {
  constructor(private readonly root: string) {}

  /** Writes the bytes under a fresh key and returns it. */
  async put(bytes: Buffer, type: PhotoType, now = new Date()): Promise<string> {
    const key = `community/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}.${PHOTO_TYPES[type]}`;
    const file = this.pathOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // write then rename: a reader never sees half a file
    await fs.writeFile(`${file}.part`, bytes, { flag: 'wx' });
    await fs.rename(`${file}.part`, file);
    return key;
  }

  async read(key: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(key));
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  /** Only keys this store made resolve to a path: nothing can reach outside the folder. */
  pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`bad file key ${key}`);
    return path.join(this.root, ...key.split('/'));
  }
}
