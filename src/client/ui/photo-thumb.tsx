import type { Photo } from '../../domain/handover-entities';
import { useT } from '../i18n/use-t';
import { useBlobSrc, usePhotoBlob } from './use-photo-url';

/**
 * A photo as a small thumbnail: from this tablet's own copy of the bytes, or fetched from the
 * server when another tablet took it. Offline without the bytes, it says so instead of a broken
 * image; the picture appears once the tablet has it.
 */
export function PhotoThumb({ photo }: { photo: Photo }) {
  const t = useT();
  const { blob, status } = usePhotoBlob(photo);
  const imgRef = useBlobSrc(blob);
  if (blob) {
    return <img ref={imgRef} className="photo-thumb" alt={t('photo.alt')} width={photo.width} height={photo.height} />;
  }
  const text = status === 'offline' ? t('photo.offline') : status === 'failed' ? t('photo.failed') : t('photo.loading');
  return <span className="photo-thumb photo-thumb-missing">{text}</span>;
}
