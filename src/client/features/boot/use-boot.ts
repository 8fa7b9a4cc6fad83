import { useCallback, useEffect, useState } from 'react';
import type { HandoverDb } from '../../db/schema';
import { getDevice, type DeviceInfo } from '../../db/repos/device-repo';
import { NetworkError, fetchHealth } from '../../sync/api-client';

export type BootState =
  | { phase: 'loading' }
  | { phase: 'enrolled'; device: DeviceInfo }
  | { phase: 'setup' }
  | { phase: 'enrol' }
  | { phase: 'offline' }
  | { phase: 'error'; error: unknown };

export interface Boot {
  state: BootState;
  retry(): void;
  /** After setup or enrolment completed on this tablet. */
  enrolled(device: DeviceInfo): void;
  /** Switch from setup to enrolment (the server turned out to be set up already). */
  chooseEnrol(): void;
}

/**
 * Decides the first screen: an enrolled tablet goes straight to sign-in with no network needed;
 * otherwise the server says whether a building exists (setup) or not (enrol with a code).
 */
export function useBoot(db: HandoverDb): Boot {
  const [state, setState] = useState<BootState>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const decide = async (): Promise<BootState> => {
      const device = await getDevice(db);
      if (device) return { phase: 'enrolled', device };
      try {
        const health = await fetchHealth('');
        return { phase: health.setUp ? 'enrol' : 'setup' };
      } catch (error) {
        return error instanceof NetworkError ? { phase: 'offline' } : { phase: 'error', error };
      }
    };
    decide().then(
      (next) => {
        if (!cancelled) setState(next);
      },
      (error: unknown) => {
        if (!cancelled) setState({ phase: 'error', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [db, attempt]);

  const retry = useCallback(() => {
    setState({ phase: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  const enrolled = useCallback((device: DeviceInfo) => setState({ phase: 'enrolled', device }), []);
  const chooseEnrol = useCallback(() => setState({ phase: 'enrol' }), []);
  return { state, retry, enrolled, chooseEnrol };
}
