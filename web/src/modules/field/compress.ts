// Photos from the phone camera are made smaller before they are queued: drawn on a canvas
// with the longest edge at most 1600 px and encoded as JPEG, stepping down quality (then
// size) until the photo fits comfortably in one API request (the 1 MB JSON body limit,
// base64 adds a third).
const STEPS: [number, number][] = [
  [1600, 0.82],
  [1600, 0.7],
  [1280, 0.7],
  [1024, 0.6],
  [800, 0.5],
];
export const MAX_PHOTO_BYTES = 680_000;

export async function compressPhoto(file: Blob): Promise<Blob> {
  const img = await createImageBitmap(file, { imageOrientation: 'from-image' });
  let last: Blob | null = null;
  try {
    for (const [edge, quality] of STEPS) {
      const scale = Math.min(1, edge / Math.max(img.width, img.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(img.width * scale));
      canvas.height = Math.max(1, Math.round(img.height * scale));
      canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height);
      last = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode'))), 'image/jpeg', quality));
      if (last.size <= MAX_PHOTO_BYTES) return last;
    }
    return last!;
  } finally {
    img.close();
  }
}
