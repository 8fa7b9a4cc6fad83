import { useId } from 'react';
import type { PhotoUploadRefusal } from '../db/photo-store';
import type { PhotoUploads } from '../db/queries/refusal-queries';
import { useT, type TFunction } from '../i18n/use-t';
import { photosWaitingText, tableName } from './sync-messages';
import { formatDateTime } from './time';

/** Why the server refused a photo's bytes, in words (photo-sync.ts: 400, 403, 413, 415). */
function reasonText(t: TFunction, r: PhotoUploadRefusal): string {
  if (r.status === 413 || r.code === 'payload_too_large') return t('sync.photo.reason.tooLarge');
  if (r.code === 'photo_hash_mismatch') return t('sync.photo.reason.damaged');
  if (r.status === 415 || r.status === 400) return t('sync.photo.reason.type');
  if (r.status === 403) return t('sync.photo.reason.building');
  return t('sync.photo.reason.other', { status: r.status });
}

/**
 * The photos taken on this tablet that are not on the server (issue 7 §8): how many still wait to
 * upload, and each photo the server refused, with why and what it was taken for. A refused photo
 * stays on the tablet and is shown where it was taken.
 */
export function PhotoUploadsSection({ photos, timeZone }: { photos: PhotoUploads | undefined; timeZone: string }) {
  const t = useT();
  const titleId = useId();
  if (!photos) return null;
  const waiting = photosWaitingText(t, photos.waiting);
  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>{t('sync.photos.title')}</h3>
      {waiting ? <p>{waiting}</p> : null}
      {!waiting && photos.refused.length === 0 ? <p>{t('sync.photos.allUp')}</p> : null}
      {photos.refused.length > 0 ? (
        <ul className="sync-errors" aria-labelledby={titleId}>
          {photos.refused.map((p) => (
            <li key={p.sha256} className="sync-error">
              {p.ownerTable ? <strong>{t('sync.photos.of', { record: tableName(t, p.ownerTable) })}</strong> : null}
              <span className="sync-error-reason">
                {t('sync.photos.refusedAt', {
                  time: formatDateTime(p.refusal.at, timeZone),
                  reason: reasonText(t, p.refusal),
                })}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
