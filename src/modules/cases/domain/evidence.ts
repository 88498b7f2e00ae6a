// Evidence: photos, videos, sensor snapshots, alarm references, documents. Uploaded bytes
// must be what they claim to be (magic numbers), so a "photo" is never a script.
export const EVIDENCE_KINDS = ['photo', 'video', 'snapshot', 'alarm', 'document'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const MAX_EVIDENCE_BYTES = 8 * 1024 * 1024;

const SIGNATURES: { type: string; test: (b: Buffer) => boolean }[] = [
  { type: 'image/jpeg', test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', test: (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/webp', test: (b) => b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP' },
  { type: 'video/mp4', test: (b) => b.length > 12 && b.toString('latin1', 4, 8) === 'ftyp' },
  { type: 'application/pdf', test: (b) => b.length > 5 && b.toString('latin1', 0, 5) === '%PDF-' },
];

/** The media type the bytes really are, or null when they are none of the accepted ones. */
export function sniff(content: Buffer): string | null {
  return SIGNATURES.find((s) => s.test(content))?.type ?? null;
}

const KIND_TYPES: Record<EvidenceKind, string[]> = {
  photo: ['image/jpeg', 'image/png', 'image/webp'],
  snapshot: ['image/jpeg', 'image/png', 'image/webp'],
  video: ['video/mp4'],
  document: ['application/pdf', 'image/jpeg', 'image/png'],
  alarm: [],
};

/** Null when fine, else a message code. */
export function checkContent(kind: EvidenceKind, content: Buffer): string | null {
  if (content.length === 0) return 'case.evidence_empty';
  if (content.length > MAX_EVIDENCE_BYTES) return 'case.evidence_too_large';
  const type = sniff(content);
  if (!type || !KIND_TYPES[kind].includes(type)) return 'case.evidence_type';
  return null;
}
