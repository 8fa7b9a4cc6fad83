import { useCallback, useEffect, useState } from 'react';
import type { IntegrityResponse } from '../../../domain/integrity';
import { checkLocalChain, type LocalChainCheck } from '../../db/queries/integrity-queries';
import { ApiRequestError, NetworkError } from '../../sync/api-client';
import { fetchIntegrity } from '../../sync/person-request';
import { useDb } from '../../ui/db-context';

/** What the server's check came to: its report, a refusal of the person, or no server. */
export type ServerCheck =
  | { state: 'running' }
  | { state: 'done'; response: IntegrityResponse }
  | { state: 'forbidden' }
  | { state: 'offline' }
  | { state: 'failed'; error: unknown };

/**
 * D5: runs the server's chain check for the signed-in chief or manager (`staffId`) when `enabled`,
 * once on opening and again on demand; without the server, the tablet's own copy can be checked.
 */
export function useIntegrity(staffId: string, siteId: string, enabled: boolean) {
  const db = useDb();
  const [server, setServer] = useState<ServerCheck>({ state: 'running' });
  const [local, setLocal] = useState<LocalChainCheck | null>(null);

  // Each run has a number; the effect fetches for the newest and ignores answers to older ones.
  const [runs, setRuns] = useState(0);
  const run = useCallback(() => {
    setServer({ state: 'running' });
    setRuns((n) => n + 1);
  }, []);

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    const settle = (next: ServerCheck) => {
      if (current) setServer(next);
    };
    void (async () => {
      try {
        settle({ state: 'done', response: await fetchIntegrity(db, staffId) });
      } catch (error) {
        if (error instanceof NetworkError) settle({ state: 'offline' });
        else if (error instanceof ApiRequestError && error.code === 'forbidden_role') settle({ state: 'forbidden' });
        else settle({ state: 'failed', error });
      }
    })();
    return () => {
      current = false;
    };
  }, [db, staffId, enabled, runs]);

  const runLocal = useCallback(async () => setLocal(await checkLocalChain(db, siteId)), [db, siteId]);

  return { server, run, local, runLocal };
}
