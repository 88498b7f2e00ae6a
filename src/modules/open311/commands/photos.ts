// Photos posted multipart (FixMyStreet sends photo1, photo2, …): named as photos, real
// JPEG/PNG/WebP images (the bytes are checked, not the declared type), within the size and
// count limits. They become the case's public evidence.
import { MAX_EVIDENCE_BYTES, checkContent } from '../../cases/index.js';
import type { Issue } from '../domain/params.js';
import type { Upload } from '../http/context.js';

export const MAX_PHOTOS = 6;
const PHOTO_FIELD = /^(photo|media)\d*$/;

export function photosOf(files: readonly Upload[], issues: Issue[]): Buffer[] {
  if (files.length > MAX_PHOTOS) issues.push({ field: files[MAX_PHOTOS]!.field, code: 'open311.photos_too_many', params: { max: MAX_PHOTOS } });
  const ok: Buffer[] = [];
  for (const f of files) {
    if (!PHOTO_FIELD.test(f.field)) {
      issues.push({ field: f.field, code: 'open311.file_field', params: { name: f.field } });
      continue;
    }
    const problem = checkContent('photo', f.content);
    if (problem === 'case.evidence_empty') issues.push({ field: f.field, code: 'open311.photo_empty' });
    else if (problem === 'case.evidence_too_large') issues.push({ field: f.field, code: 'open311.photo_size', params: { mb: MAX_EVIDENCE_BYTES / 1024 / 1024 } });
    else if (problem) issues.push({ field: f.field, code: 'open311.photo_type' });
    else ok.push(f.content);
  }
  return ok;
}
