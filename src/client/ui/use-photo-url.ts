import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { sha256Hex } from '../../domain/chain';
import type { Photo } from '../../domain/handover-entities';
import { storeFetchedPhoto } from '../db/photo-store';
import { getPhotoBlob } from '../db/queries/photo-queries';
import { getDevice } from '../db/repos/device-repo';
import { getPhoto } from '../sync/api-client';
import { useDb } from './db-context';
import { useOnline } from './use-online';

/**
 * A ref for an `<img>` that shows `blob`: the object URL is made when the image is attached and
 * revoked when it is detached or the blob changes (React 19 ref cleanup), so a count with many
 * thumbnails does not keep every picture in memory, and StrictMode's double mount stays correct.
 */
export function useBlobSrc(blob: Blob | null): (img: HTMLImageElement | null) => (() => void) | undefined {
  return useCallback(
    (img: HTMLImageElement | null) => {
      if (!img || !blob) return undefined;
      const url = URL.createObjectURL(blob);
      img.src = url;
      return () => URL.revokeObjectURL(url);
    },
    [blob],
  );
}

export type PhotoStatus = 'loading' | 'ready' | 'offline' | 'failed';

/**
 * The bytes of a photo to show: those on this tablet (taken here, or already fetched by the sync),
 * else, when online, fetched from `GET /api/v1/photos/:sha256`, checked against the content
 * address and kept on the tablet, so the next view works offline too.
 */
export function usePhotoBlob(photo: Pick<Photo, 'sha256' | 'mime'>): { blob: Blob | null; status: PhotoStatus } {
  const db = useDb();
  const online = useOnline();
  const { sha256, mime } = photo;
  // null: this tablet has no bytes for it; undefined: still reading.
  const local = useLiveQuery(async () => (await getPhotoBlob(db, sha256)) ?? null, [db, sha256]);
  const [fetchFailed, setFetchFailed] = useState<string | null>(null);

  useEffect(() => {
    if (local !== null || !online) return;
    let cancelled = false;
    void (async () => {
      try {
        const device = await getDevice(db);
        if (!device) throw new Error('not enrolled');
        const fetched = await getPhoto('', device.token, sha256);
        if ((await sha256Hex(fetched.data)) !== sha256) throw new Error('photo bytes do not match their address');
        // Once stored, the live query above picks the bytes up.
        await storeFetchedPhoto(db, sha256, fetched.mime || mime, fetched.data);
      } catch {
        if (!cancelled) setFetchFailed(sha256);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [db, local, online, sha256, mime]);

  const blob = useMemo(() => (local ? new Blob([local.data], { type: local.mime }) : null), [local]);
  if (blob) return { blob, status: 'ready' };
  if (local === undefined) return { blob: null, status: 'loading' };
  if (!online) return { blob: null, status: 'offline' };
  return { blob: null, status: fetchFailed === sha256 ? 'failed' : 'loading' };
}
