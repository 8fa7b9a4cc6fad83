import { useState } from 'react';
import type { RegisterName } from '../../../domain/register-filters';
import { useLanguageStore } from '../../state/language-store';
import { useSessionStore } from '../../state/session-store';
import { personHeaders } from '../../sync/person-request';
import { useDb } from '../../ui/db-context';
import { useOnline } from '../../ui/use-online';

export type ExportState =
  { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; file: string } | { kind: 'failed'; status: string };

/**
 * F1, F2, F3: the CSV export. It needs the server (the whole range, beyond the tablet's window,
 * streamed): the request carries the device token and, issue 9 §3, the signed-in person's proof
 * headers; the file is saved as the server named it.
 * Offline the button says so instead of exporting a part of the register.
 */
export function useExport(register: RegisterName, query: string) {
  const db = useDb();
  const online = useOnline();
  const language = useLanguageStore((s) => s.language);
  const viewerId = useSessionStore((s) => s.staffId) ?? '';
  const [state, setState] = useState<ExportState>({ kind: 'idle' });

  const run = async () => {
    setState({ kind: 'busy' });
    try {
      const params = new URLSearchParams(query);
      params.set('lang', language);
      const path = `/api/v1/registers/${register}.csv?${params.toString()}`;
      const res = await fetch(path, { headers: await personHeaders(db, viewerId, 'GET', path) });
      if (!res.ok) {
        setState({ kind: 'failed', status: String(res.status) });
        return;
      }
      const disposition = res.headers.get('Content-Disposition') ?? '';
      const file = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${register}.csv`;
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = file;
      document.body.append(a);
      a.click();
      a.remove();
      // Let the download start before the blob is released.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ kind: 'done', file });
    } catch {
      setState({ kind: 'failed', status: navigator.onLine ? 'error' : 'offline' });
    }
  };

  return { online, state, run };
}
