import { useId, useMemo, useState, type ChangeEvent } from 'react';
import { preparePhoto, type PreparedPhoto } from '../db/repos/photo-repo';
import { useT } from '../i18n/use-t';
import { compressImage, PhotoProcessingError } from './compress-image';
import { useBlobSrc } from './use-photo-url';

export interface PhotoCaptureProps {
  /** The visible text of the button, e.g. "Add a photo". */
  label: string;
  /** Called with the compressed, hashed photo; the caller stores it with its record. */
  onPhoto(photo: PreparedPhoto): void;
}

/**
 * Takes a photo with the tablet's back camera (or picks one from the library where the browser
 * offers that): a native file input behind a 48 px labelled button, so iPad and Android open their
 * own camera UI. The picture is compressed (compress-image.ts) and hashed (preparePhoto) here,
 * outside any database transaction, and shown as a thumbnail.
 */
export function PhotoCapture({ label, onPhoto }: PhotoCaptureProps) {
  const t = useT();
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [photo, setPhoto] = useState<PreparedPhoto | null>(null);
  const blob = useMemo(() => (photo ? new Blob([photo.data], { type: photo.mime }) : null), [photo]);
  const imgRef = useBlobSrc(blob);

  const onChange = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    // Cleared at once, so choosing the same picture again still fires a change.
    input.value = '';
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const prepared = await preparePhoto(await compressImage(file));
      setPhoto(prepared);
      onPhoto(prepared);
    } catch (err) {
      const tooLarge = err instanceof PhotoProcessingError && err.code === 'tooLarge';
      setError(tooLarge ? t('photo.tooLarge') : t('photo.unreadable'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="photo-capture">
      {/* Before its label, so `input:focus-visible + label` can draw the focus ring on the button. */}
      <input
        id={inputId}
        className="visually-hidden"
        type="file"
        accept="image/*"
        capture="environment"
        disabled={busy}
        onChange={(e) => void onChange(e)}
      />
      <label htmlFor={inputId} className={`btn btn-secondary photo-capture-button${busy ? ' is-busy' : ''}`}>
        {label}
      </label>
      {busy ? <p role="status">{t('photo.processing')}</p> : null}
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      {photo && !busy && !error ? (
        <div className="photo-capture-preview">
          <img ref={imgRef} alt={t('photo.alt')} width={photo.width} height={photo.height} />
          <p role="status" className="form-ok">
            {t('photo.added')}
          </p>
        </div>
      ) : null}
    </div>
  );
}
