/**
 * Photos are compressed on the tablet before they are stored (issue 3, "Photos"): a camera picture
 * of 4032×3024 is several MB, and every byte is kept in IndexedDB and uploaded on the building's
 * network. JPEG with the longest side at most 1280 px keeps a damaged key tag readable at a few
 * hundred kB.
 */
import { MAX_PHOTO_BYTES } from '../../domain/handover-entities';
import type { PhotoInput } from '../db/repos/photo-repo';

/** The longest side of a stored photo, in pixels. */
export const MAX_PHOTO_SIDE = 1280;
/** First JPEG quality tried; lower ones only when the result is still over MAX_PHOTO_BYTES. */
export const JPEG_QUALITIES = [0.8, 0.6, 0.4] as const;

/** Why a picture could not become a stored photo. */
export class PhotoProcessingError extends Error {
  constructor(
    readonly code: 'unreadable' | 'tooLarge',
    cause?: unknown,
  ) {
    super(code === 'unreadable' ? 'the picture could not be decoded' : 'the picture is too large', { cause });
    this.name = 'PhotoProcessingError';
  }
}

/** The size of a `width`×`height` picture scaled down (never up) so its longest side fits `maxSide`. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function encodeJpeg(bitmap: ImageBitmap, width: number, height: number, quality: number): Promise<Blob> {
  // OffscreenCanvas where the browser has it (Chromium, Safari 16.4+); a DOM canvas otherwise.
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new PhotoProcessingError('unreadable');
    ctx.drawImage(bitmap, 0, 0, width, height);
    return canvas.convertToBlob({ type: 'image/jpeg', quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new PhotoProcessingError('unreadable');
  ctx.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new PhotoProcessingError('unreadable'))),
      'image/jpeg',
      quality,
    ),
  );
}

/**
 * Decodes a picture (honouring its EXIF orientation), scales it to at most MAX_PHOTO_SIDE and
 * encodes it as JPEG, lowering the quality only if the result would exceed MAX_PHOTO_BYTES.
 * @throws PhotoProcessingError 'unreadable' when the browser cannot decode it, 'tooLarge' when even
 * the lowest quality is over the limit.
 */
export async function compressImage(file: Blob): Promise<PhotoInput> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (e) {
    throw new PhotoProcessingError('unreadable', e);
  }
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height, MAX_PHOTO_SIDE);
    for (const quality of JPEG_QUALITIES) {
      const blob = await encodeJpeg(bitmap, width, height, quality);
      if (blob.size <= MAX_PHOTO_BYTES) return { data: await blob.arrayBuffer(), mime: 'image/jpeg', width, height };
    }
    throw new PhotoProcessingError('tooLarge');
  } catch (e) {
    if (e instanceof PhotoProcessingError) throw e;
    throw new PhotoProcessingError('unreadable', e);
  } finally {
    bitmap.close();
  }
}
